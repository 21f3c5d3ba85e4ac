package fakeserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/fakeserver/internal/adminguard"
	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/fakeserver/internal/wire"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Server is a fake sms.tencentcloudapi.com. It is an http.Handler; Start
// serves it on a TCP listener, and Transport serves it in-process.
//
// Lifecycle, as with httptest.Server: New creates an unstarted server,
// Start listens, Close stops. Handler, Transport and the inspection and
// admin methods work before Start and after Close. All methods are safe
// for concurrent use.
type Server struct {
	opts   Options
	clock  *serverClock
	log    *slog.Logger
	reader *wire.Reader
	store  *store.Store
	policy actions.Policy
	faults faultSet
	chaos  chaos
	admin  http.Handler
	push   *callbacks // nil without a callback URL; set once in New

	// base is the context of every request the listener serves; it is
	// cancelled at Shutdown and Close, so that long polls, hanging faults
	// and latencies end instead of holding the shutdown up.
	base     context.Context
	stopBase context.CancelFunc

	lnMu    sync.Mutex // guards httpSrv and addr
	httpSrv *http.Server
	addr    string
}

var _ http.Handler = (*Server)(nil)

// ErrClosed is returned by WaitFor once the server is closed.
var ErrClosed = errors.New("fakeserver: server closed")

// New returns an unstarted server configured by opts.
func New(opts Options) (*Server, error) {
	opts, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, log: opts.Logger}
	s.base, s.stopBase = context.WithCancel(context.Background())
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.push, err = newCallbacks(opts, s); err != nil {
		return nil, err
	}
	var wake chan<- struct{}
	if s.push != nil {
		wake = s.push.Wake()
	}
	s.clock = newServerClock(opts.Clock, wake)
	s.store = store.New(store.Config{
		MaxMessages:     opts.MaxMessages,
		MaxReplies:      opts.MaxMessages,
		ReceiptDelay:    opts.ReceiptDelay,
		DuplicateWindow: opts.DuplicateWindow,
		Now:             s.clock.Now,
	})
	creds := opts.Credentials
	s.reader = &wire.Reader{
		Verifier: tcsms.Verifier{
			Secret:  func(id string) (string, bool) { k, ok := creds[id]; return k, ok },
			Now:     s.clock.Now,
			MaxSkew: opts.MaxClockSkew,
		},
		Limits: wire.Limits{
			TC3Body: s.limit(DefaultMaxTC3BodyBytes),
			V1Body:  s.limit(DefaultMaxV1BodyBytes),
			Query:   s.limit(DefaultMaxQueryBytes),
			// The wire layer's "no cap" is 0.
			InFlight: max(opts.MaxInFlightBodyBytes, 0),
		},
	}
	s.policy = actions.Policy{
		Strict: opts.Strict,
		Review: actions.Review(opts.TemplateReview),
		Limits: opts.Limits.resolve(opts.Strict),
		Faults: &s.faults,
	}
	for _, a := range opts.Apps {
		if err := s.AddApp(a); err != nil {
			return nil, err
		}
	}
	// Seeded signs get their IDs in name order, so they are deterministic.
	signs := slices.Clone(opts.Signs)
	slices.SortStableFunc(signs, func(a, b Sign) int { return strings.Compare(a.Name, b.Name) })
	for _, sg := range signs {
		if err := s.AddSign(sg); err != nil {
			return nil, err
		}
	}
	for _, t := range opts.Templates {
		if err := s.AddTemplate(t); err != nil {
			return nil, err
		}
	}
	if len(opts.Faults) > 0 {
		if _, err := s.faults.replace(opts.Faults); err != nil {
			return nil, err
		}
	}
	if err := s.chaos.set(opts.Chaos); err != nil {
		return nil, err
	}
	s.admin = adminguard.New(s.adminHandler(), adminguard.Config{Token: opts.AdminToken, Hosts: opts.AdminHosts, Log: s.log})
	if s.push != nil {
		if s.push.receiptURL != "" {
			s.store.ScheduleReceipts()
		}
		go s.runPusher()
	}
	return s, nil
}

// Run starts a server on a free loopback port for the test t and closes it
// when the test ends. It fails the test if the server cannot start.
//
// The server logs to t (t.Output, shown with -v or when the test fails) at
// INFO, so a failing test shows the requests that led to it.
// WithLogger(nil) discards the log; WithLogger(l) sends it to l instead.
func Run(t testing.TB, opts ...Option) *Server {
	t.Helper()
	tlog := newTestLog(t)
	o := Options{Logger: tlog.logger}
	for _, opt := range opts {
		opt(&o)
	}
	o.Addr = "127.0.0.1:0"
	s, err := New(o)
	if err != nil {
		t.Fatalf("fakeserver.Run: %v", err)
	}
	if err := s.Start(); err != nil {
		t.Fatalf("fakeserver.Run: %v", err)
	}
	// Cleanups run last-registered first: the server closes, logging what
	// it does, before the log stops.
	t.Cleanup(tlog.stop)
	t.Cleanup(s.Close)
	return s
}

// Start listens on Options.Addr and serves in the background. It fails if
// the server was started before.
func (s *Server) Start() error {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	if s.httpSrv != nil {
		return errors.New("fakeserver: already started")
	}
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("fakeserver: %w", err)
	}
	s.addr = ln.Addr().String()
	ln = wire.FramingListener(ln)
	s.httpSrv = &http.Server{
		Handler:           s,
		ConnContext:       wire.FramingContext,
		BaseContext:       func(net.Listener) context.Context { return s.base },
		ReadHeaderTimeout: 10 * time.Second,
		// A client that stalls mid-body must not hold a connection forever;
		// 60 s is the SDKs' own default request timeout.
		ReadTimeout: 60 * time.Second,
		IdleTimeout: 2 * time.Minute,
		ErrorLog:    slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	go func(srv *http.Server) {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serve failed", "err", err)
		}
	}(s.httpSrv)
	return nil
}

// Shutdown stops the listener gracefully: it wakes WaitFor callers with
// ErrClosed and long polls with 503, cancels the context of every request
// in flight (so that HTTPHang faults and latencies end at once), then
// waits for requests in flight to finish their answers until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	s.store.Close()
	s.stopBase()
	s.lnMu.Lock()
	srv := s.httpSrv
	s.lnMu.Unlock()
	var err error
	if srv != nil {
		err = srv.Shutdown(ctx)
	}
	s.stopPusher()
	return err
}

// Close stops the listener at once, closing open connections, and wakes
// WaitFor callers with ErrClosed. Calling it again does nothing.
func (s *Server) Close() {
	s.store.Close()
	s.stopBase()
	s.lnMu.Lock()
	srv := s.httpSrv
	s.lnMu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
	s.stopPusher()
}

// stopPusher stops callback pushes: attempts in flight are cancelled and
// pending pushes stay pending, visible through Callbacks.
func (s *Server) stopPusher() {
	if s.push != nil {
		s.push.Stop()
		s.clock.stop()
	}
}

// Endpoint returns the listener's host:port, the value for the SDK's
// HttpProfile.Endpoint (with HttpProfile.Scheme "http"). It is "" before
// Start.
func (s *Server) Endpoint() string {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	return s.addr
}

// URL returns "http://" + Endpoint(), or "" before Start.
func (s *Server) URL() string {
	if ep := s.Endpoint(); ep != "" {
		return "http://" + ep
	}
	return ""
}

// Handler returns the server as an http.Handler: the Tencent API on every
// path outside /_fake/, and the admin API under /_fake/.
func (s *Server) Handler() http.Handler { return s }

// Clock returns the server's clock: Options.Clock, the system clock, or the
// ManualClock that SetTime, AdvanceTime or POST /_fake/clock put in its
// place.
func (s *Server) Clock() Clock { return s.clock.get() }

// Actions returns the names of the actions the server implements in API
// version 2021-01-11, sorted. It is ActionsOf(APIVersion).
func Actions() []string { return ActionsOf(APIVersion) }

// ActionsOf returns the names of the actions the server implements in an
// API version (APIVersion or APIVersion20190711), sorted, or nil for a
// version it does not implement, which it answers NoSuchVersion.
func ActionsOf(version string) []string { return actions.Names(version) }

// ServeHTTP serves one API or admin request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if wire.CheckFraming(w, r) {
		return
	}
	if r.URL.Path == "/_fake" || strings.HasPrefix(r.URL.Path, "/_fake/") {
		s.admin.ServeHTTP(w, r)
		return
	}
	if s.serveBrowser(w, r) {
		return
	}
	s.serveAPI(w, r)
}

// serveAPI answers a Tencent API request, walking down the layers once:
// the wire layer reads and authenticates it, the fault point may replace
// or delay what follows, the action runs against the store, and the wire
// layer writes the envelope (always HTTP 200).
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := wire.NewRequestID()
	if trace := wire.Header(r, "X-Tc-Traceid"); trace != "" {
		w.Header().Set("X-Tc-Traceid", actions.Sanitize(trace))
	}
	call, apiErr := s.reader.Read(r)
	var result any
	answered := false
	if apiErr == nil {
		result, apiErr, answered = s.faultPoint(w, r, call, requestID, s.run)
	}
	var answer []byte
	if !answered {
		if apiErr == nil {
			var err error
			if answer, err = wire.EncodeResult(requestID, result); err != nil {
				apiErr = tcsms.NewError(tcsms.CodeInternalError)
			}
		}
		if apiErr != nil {
			answer = wire.EncodeError(requestID, apiErr)
		}
		wire.WriteEnvelope(w, answer)
	}
	if call != nil {
		s.logSend(r, call, requestID, result, answer)
	}
	if answered { // the client saw the fault, not the action's result
		result, apiErr = nil, nil
	}
	s.logCall(r, call, requestID, result, apiErr, time.Since(start))
}

// run is the actions layer's entry: the call's action against the store.
func (s *Server) run(call *wire.Call) (any, *tcsms.APIError) {
	c := &actions.Context{Store: s.store, Now: s.clock.Now(), Action: call.Action, Version: call.Version, Policy: &s.policy}
	result, err := call.Handler.Serve(c, call.Params)
	if err != nil {
		return nil, actions.AsAPIError(err)
	}
	return result, nil
}

// logCall logs one API request: at INFO its action, API version, result
// code and count of failed numbers; at DEBUG each number's outcome.
// Neither holds secrets, signatures or message content.
func (s *Server) logCall(r *http.Request, call *wire.Call, requestID string, result any, apiErr *tcsms.APIError, elapsed time.Duration) {
	ctx := r.Context()
	if !s.log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	action, version, code := "", "", tcsms.CodeOk
	if call != nil {
		action, version = call.Action, call.Version
	}
	if apiErr != nil {
		code = apiErr.Code
	}
	attrs := []slog.Attr{
		slog.String("action", actions.Sanitize(action)),
		slog.String("version", version),
		slog.String("code", code),
		slog.String("requestId", requestID),
		slog.String("method", r.Method),
		slog.Duration("elapsed", elapsed),
	}
	outcomes := actions.NumberOutcomes(result)
	if len(outcomes) > 0 {
		failed := 0
		for _, o := range outcomes {
			if o.Code != tcsms.CodeOk {
				failed++
			}
		}
		attrs = append(attrs, slog.Int("numbers", len(outcomes)), slog.Int("failedNumbers", failed))
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "api request", attrs...)
	if len(outcomes) > 0 && s.log.Enabled(ctx, slog.LevelDebug) {
		for _, o := range outcomes {
			s.log.LogAttrs(ctx, slog.LevelDebug, "api number outcome",
				slog.String("requestId", requestID),
				slog.String("number", notifier.MaskNumber(o.Number)),
				slog.String("code", o.Code))
		}
	}
}

// limit returns def, or Options.MaxBodyBytes when it is set and smaller.
func (s *Server) limit(def int64) int64 {
	if m := s.opts.MaxBodyBytes; m > 0 && m < def {
		return m
	}
	return def
}

// resolve validates opts and fills in defaults.
func (opts Options) resolve() (Options, error) {
	if len(opts.Credentials) == 0 {
		opts.Credentials = map[string]string{DefaultSecretID: DefaultSecretKey}
	} else {
		opts.Credentials = maps.Clone(opts.Credentials)
	}
	for id, key := range opts.Credentials {
		// Say which part is missing, and for which SecretId, never the key.
		switch {
		case id == "":
			return opts, errors.New("fakeserver: a credential has an empty SecretId")
		case key == "":
			return opts, fmt.Errorf("fakeserver: credential %q has an empty SecretKey", id)
		}
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.MaxBodyBytes < 0 {
		return opts, fmt.Errorf("fakeserver: MaxBodyBytes %d is negative", opts.MaxBodyBytes)
	}
	if opts.TemplateReview < ReviewApprove || opts.TemplateReview > ReviewReject {
		return opts, fmt.Errorf("fakeserver: unknown TemplateReview %d", opts.TemplateReview)
	}
	if opts.ReceiptDelay < 0 {
		return opts, fmt.Errorf("fakeserver: ReceiptDelay %s is negative", opts.ReceiptDelay)
	}
	if err := opts.Limits.validate(); err != nil {
		return opts, err
	}
	if opts.MaxInFlightBodyBytes == 0 {
		opts.MaxInFlightBodyBytes = DefaultMaxInFlightBodyBytes
	}
	switch {
	case opts.MaxMessages == 0:
		opts.MaxMessages = DefaultMaxMessages
	case opts.MaxMessages < 0:
		opts.MaxMessages = 0 // the store's "no cap"
	}
	if opts.DuplicateWindow == 0 {
		opts.DuplicateWindow = DefaultDuplicateWindow
	}
	if strings.IndexFunc(opts.AdminToken, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return opts, errors.New("fakeserver: AdminToken may not contain spaces or control characters")
	}
	for _, h := range opts.AdminHosts {
		// A name only: IP addresses need no entry, and a port is not part
		// of the check.
		if h == "" || strings.IndexFunc(h, func(r rune) bool { return r <= ' ' || strings.ContainsRune("/:[]@", r) }) >= 0 {
			return opts, fmt.Errorf("fakeserver: admin host %q is not a host name (no port, no scheme)", h)
		}
	}
	return opts, nil
}
