package tencent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier"
)

// Compile-time checks of the capabilities *Client offers.
var (
	_ notifier.Notifier      = (*Client)(nil)
	_ notifier.ReceiptPuller = (*Client)(nil)
	_ notifier.ReplyPuller   = (*Client)(nil)
)

// Client sends SMS through Tencent Cloud SMS (API 2021-01-11) with the
// official SDK, and offers Tencent's management operations as methods.
//
// A Client is safe for concurrent use by multiple goroutines and holds no
// resources that need closing; make one per SDKAppID and reuse it. Its
// String method never prints secrets. A nil context is a caller bug that
// its methods report as notifier.ErrNilContext, sending nothing, rather
// than a panic.
type Client struct {
	sdk    *sms.Client
	cfg    settings
	logger *slog.Logger
	now    func() time.Time
}

// New validates cfg and returns a Client. Invalid configuration returns an
// error wrapping ErrInvalidConfig; New never panics on its input and never
// makes a network call, except that a CredentialProvider is asked for its
// credential once.
func New(cfg Config, opts ...Option) (*Client, error) {
	var o options
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	if o.transport != nil && o.client != nil {
		return nil, configErrorf("WithHTTPTransport and WithHTTPClient are exclusive")
	}
	if (o.transport != nil || o.client != nil) && common.DefaultHttpClient != nil {
		// The SDK would install our transport into the process-wide
		// common.DefaultHttpClient, changing every other SDK client.
		return nil, configErrorf("common.DefaultHttpClient is set; the SDK would share it, so WithHTTPTransport/WithHTTPClient cannot be applied")
	}
	s, err := cfg.validate()
	if err != nil {
		return nil, err
	}

	cpf := profile.NewClientProfile() // region breaker off: it would redirect a custom Endpoint
	cpf.SignMethod = s.signMethod
	cpf.Language = s.language
	cpf.HttpProfile.ReqMethod = s.reqMethod
	cpf.HttpProfile.Scheme = s.scheme
	cpf.HttpProfile.Endpoint = s.endpoint
	// The SDK only knows whole seconds; Client enforces s.timeout with a
	// context per call instead. Zero keeps the SDK's http.Client timeout off.
	cpf.HttpProfile.ReqTimeout = 0
	if common.DefaultHttpClient != nil {
		// Keep the shared client's timeout: WithProfile writes it back.
		cpf.HttpProfile.ReqTimeout = int(common.DefaultHttpClient.Timeout / time.Second)
	}
	sdk, err := sms.NewClient(s.cred, s.region, cpf)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	var rt http.RoundTripper
	switch {
	case o.transport != nil:
		rt = o.transport
	case o.client != nil:
		rt = clientTransport{o.client}
	}
	if s.reqMethod == http.MethodGet && common.DefaultHttpClient == nil {
		// net/http would resend a failed GET by itself (see noReplay).
		if rt == nil {
			rt = sdkDefaultTransport()
		}
		rt = noReplay{rt}
	}
	if rt != nil {
		sdk.WithHttpTransport(rt)
	}
	c := &Client{sdk: sdk, cfg: s, logger: o.logger, now: o.now}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// SDK returns the underlying SDK client, for the few actions Client does
// not wrap (ReportConversion, SendMultiGlobalSms, the ByPhoneNumber pulls).
// It shares Client's configuration and is safe for concurrent use.
func (c *Client) SDK() *sms.Client { return c.sdk }

// String describes the client without secrets.
func (c *Client) String() string {
	return fmt.Sprintf("tencent.Client{SDKAppID: %q, Region: %q, Endpoint: %q, SignMethod: %q, ReqMethod: %q}",
		c.cfg.appID, c.cfg.region, c.endpointOrDefault(), c.cfg.signMethod, c.cfg.reqMethod)
}

// GoString is String, so that %#v does not print secrets either.
func (c *Client) GoString() string { return c.String() }

func (c *Client) endpointOrDefault() string {
	if c.cfg.endpoint == "" {
		return "sms.tencentcloudapi.com"
	}
	return c.cfg.endpoint
}

// withTimeout bounds one API call by the configured timeout, unless ctx
// already ends sooner.
func (c *Client) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if d, ok := ctx.Deadline(); ok && time.Until(d) <= c.cfg.timeout {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, c.cfg.timeout)
}

// errNoResponse is returned by do's func for a success envelope without
// the action's Response object.
var errNoResponse = errors.New("tencent: empty response")

// do runs one management call with the configured timeout, maps its error
// and logs it. f returns the response's RequestId, or errNoResponse.
func (c *Client) do(ctx context.Context, action string, f func(ctx context.Context) (requestID *string, err error)) error {
	if err := notifier.ContextError(ctx); err != nil {
		return err
	}
	start := c.now()
	callCtx, cancel := c.withTimeout(ctx)
	defer cancel()
	requestID, err := f(callCtx)
	switch {
	case errors.Is(err, errNoResponse):
		e := &notifier.Error{Kind: notifier.ErrUnavailable, Message: "Tencent returned an empty " + action + " response"}
		c.logCall(ctx, action, start, "", e, noCounts)
		return e
	case err != nil:
		e := mapError(err, "")
		c.logCall(ctx, action, start, "", e, noCounts)
		return e
	}
	c.logCall(ctx, action, start, deref(requestID), nil, noCounts)
	return nil
}

// noResponse returns err, or errNoResponse when the call succeeded without
// a Response object.
func noResponse(err error) error {
	if err != nil {
		return err
	}
	return errNoResponse
}

// sendCounts are the recipient counts logged for one SendSms request.
type sendCounts struct{ numbers, accepted int }

// noCounts marks calls other than SendSms.
var noCounts = sendCounts{numbers: -1}

// logCall logs one API call: Debug on success, Warn with the code on
// failure. It never logs numbers, parameters or secrets.
// counts holds SendSms's recipient counts (numbers < 0: not a send); it
// is a value, not variadic attributes, so that a disabled logger costs no
// allocation.
func (c *Client) logCall(ctx context.Context, action string, start time.Time, requestID string, e *notifier.Error, counts sendCounts) {
	level := slog.LevelDebug
	if e != nil {
		level = slog.LevelWarn
	}
	if !c.logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 6)
	if counts.numbers >= 0 {
		attrs = append(attrs, slog.Int("numbers", counts.numbers))
		if e == nil {
			attrs = append(attrs, slog.Int("accepted", counts.accepted))
		}
	}
	attrs = append(attrs, slog.Duration("duration", c.now().Sub(start)))
	if e != nil {
		attrs = append(attrs, slog.String("code", e.Code), slog.String("kind", fmt.Sprint(e.Kind)))
		requestID = e.RequestID
	}
	if requestID != "" {
		attrs = append(attrs, slog.String("request_id", requestID))
	}
	msg := "tencent: " + action
	if e != nil {
		msg += " failed"
	}
	c.logger.LogAttrs(ctx, level, msg, attrs...)
}
