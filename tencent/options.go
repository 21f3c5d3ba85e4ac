package tencent

import (
	"log/slog"
	"net/http"
	"time"
)

// Option customises a Client beyond Config: the seams for tests and
// observability.
type Option func(*options) error

type options struct {
	transport http.RoundTripper
	client    *http.Client
	logger    *slog.Logger
	now       func() time.Time
}

// WithHTTPTransport makes the Client send requests through rt (for example
// an in-process fake server's transport, or an instrumented one).
func WithHTTPTransport(rt http.RoundTripper) Option {
	return func(o *options) error {
		if isNil(rt) {
			return configErrorf("WithHTTPTransport: nil RoundTripper")
		}
		o.transport = rt
		return nil
	}
}

// WithHTTPClient makes the Client send every request with hc, honouring its
// Transport, Timeout, Jar and CheckRedirect. The SDK keeps an http.Client of
// its own that would otherwise be configured by the SDK; hc is never
// modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) error {
		if hc == nil {
			return configErrorf("WithHTTPClient: nil *http.Client")
		}
		o.client = hc
		return nil
	}
}

// WithLogger makes the Client log to l. The default discards everything.
//
// Each API call is logged at Debug ("tencent: SendSms": request_id,
// duration, and for SendSms numbers and accepted), and a call that fails as
// a whole at Warn instead ("tencent: SendSms failed": code, kind,
// request_id, numbers), once per request.
//
// Recipients that fail on their own (a per-number SendStatus code, a
// number rejected before sending, a number Tencent returned no status for)
// are logged once per Send, however many requests it took, in one Warn
// record "tencent: Send: recipients failed" with:
//
//	numbers   the Send's recipient count
//	failed    how many of them failed on their own
//	failures  a group with one group per failed recipient, keyed by its
//	          index in Message.To, holding number (masked by
//	          notifier.MaskNumber), code (Tencent's, "" when the number was
//	          rejected before sending), kind and request_id; at most the
//	          first 10 failures are listed
//	more      how many failures were not listed (only when some were not)
//
// With a text handler a partial failure reads:
//
//	level=WARN msg="tencent: Send: recipients failed" numbers=2 failed=1
//	failures.1.number=+86138****0001 failures.1.code=LimitExceeded.PhoneNumberDailyLimit
//	failures.1.kind="rate limited" failures.1.request_id=...
//
// Logs never contain secrets, message parameters, error messages (which
// may quote a number) or unmasked phone numbers.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error {
		if l == nil {
			return configErrorf("WithLogger: nil *slog.Logger")
		}
		o.logger = l
		return nil
	}
}

// WithClock replaces time.Now for the Client's own time keeping (call
// durations in logs). Request timestamps are taken by the SDK itself.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return configErrorf("WithClock: nil func")
		}
		o.now = now
		return nil
	}
}

// clientTransport sends requests with a caller's *http.Client.
type clientTransport struct{ hc *http.Client }

func (t clientTransport) RoundTrip(r *http.Request) (*http.Response, error) { return t.hc.Do(r) }
