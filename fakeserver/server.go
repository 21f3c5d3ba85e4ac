package fakeserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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
	opts     Options
	clock    *serverClock
	log      *slog.Logger
	verifier tcsms.Verifier
	serials  serials
	faults   faultSet
	chaos    chaos
	admin    http.Handler
	push     *pusher // nil without a callback URL; set once in New

	mu     sync.Mutex // guards cat, st, lim, resets, notify, notifyTaken and closed
	cat    catalog
	st     store
	rsched receiptSched // guarded by mu
	lim    limiter
	resets uint64        // counts Reset calls, so waiters notice them
	notify chan struct{} // closed and replaced when a message is stored and notifyTaken
	// notifyTaken is set when a waiter takes notify, so storing a message
	// replaces the channel only when someone may be waiting on it.
	notifyTaken bool
	closed      bool

	lnMu    sync.Mutex // guards httpSrv and addr
	httpSrv *http.Server
	addr    string
}

var _ http.Handler = (*Server)(nil)

// ErrClosed is returned by WaitFor once the server is closed.
var ErrClosed = errors.New("fakeserver: server closed")

// New returns an unstarted server configured by opts.
func New(opts Options) (*Server, error) {
	if len(opts.Credentials) == 0 {
		opts.Credentials = map[string]string{DefaultSecretID: DefaultSecretKey}
	} else {
		opts.Credentials = maps.Clone(opts.Credentials)
	}
	for id, key := range opts.Credentials {
		// Say which part is missing, and for which SecretId, never the key.
		if id == "" {
			return nil, errors.New("fakeserver: a credential has an empty SecretId")
		}
		if key == "" {
			return nil, fmt.Errorf("fakeserver: credential %q has an empty SecretKey", id)
		}
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.MaxBodyBytes < 0 {
		return nil, fmt.Errorf("fakeserver: MaxBodyBytes %d is negative", opts.MaxBodyBytes)
	}
	if opts.TemplateReview < ReviewApprove || opts.TemplateReview > ReviewReject {
		return nil, fmt.Errorf("fakeserver: unknown TemplateReview %d", opts.TemplateReview)
	}
	if opts.ReceiptDelay < 0 {
		return nil, fmt.Errorf("fakeserver: ReceiptDelay %s is negative", opts.ReceiptDelay)
	}
	s := &Server{
		opts:    opts,
		log:     opts.Logger,
		serials: newSerials(),
		cat:     newCatalog(),
		st:      newStore(1),
		notify:  make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	push, err := newPusher(opts, s.log)
	if err != nil {
		return nil, err
	}
	var wake chan<- struct{}
	if push != nil {
		s.push, wake = push, push.wake
	}
	s.clock = newServerClock(opts.Clock, wake)
	creds := opts.Credentials
	s.verifier = tcsms.Verifier{
		Secret:  func(id string) (string, bool) { k, ok := creds[id]; return k, ok },
		Now:     s.clock.Now,
		MaxSkew: opts.MaxClockSkew,
	}
	now := s.clock.Now()
	for _, a := range opts.Apps {
		if err := s.cat.addApp(a); err != nil {
			return nil, err
		}
	}
	for _, sg := range opts.Signs {
		if err := s.cat.addSign(sg); err != nil {
			return nil, err
		}
	}
	for _, t := range opts.Templates {
		if _, err := s.cat.addTemplate(t, now); err != nil {
			return nil, err
		}
	}
	if err := s.initFaults(opts); err != nil {
		return nil, err
	}
	s.admin = s.adminHandler()
	if s.push != nil {
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
	s.httpSrv = &http.Server{
		Handler:           s,
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

// Shutdown stops the listener gracefully: it waits for requests in flight
// until ctx is done, then wakes WaitFor callers with ErrClosed.
func (s *Server) Shutdown(ctx context.Context) error {
	s.lnMu.Lock()
	srv := s.httpSrv
	s.lnMu.Unlock()
	var err error
	if srv != nil {
		err = srv.Shutdown(ctx)
	}
	s.markClosed()
	s.stopPusher()
	return err
}

// Close stops the listener at once, closing open connections, and wakes
// WaitFor callers with ErrClosed. Calling it again does nothing.
func (s *Server) Close() {
	s.lnMu.Lock()
	srv := s.httpSrv
	s.lnMu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
	s.markClosed()
	s.stopPusher()
}

// stopPusher stops callback pushes: attempts in flight are cancelled and
// pending pushes stay pending, visible through Callbacks.
func (s *Server) stopPusher() {
	if s.push != nil {
		s.push.stop()
		s.clock.stop()
	}
}

func (s *Server) markClosed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.notify)
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

// ServeHTTP serves one API or admin request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_fake" || strings.HasPrefix(r.URL.Path, "/_fake/") {
		s.admin.ServeHTTP(w, r)
		return
	}
	s.serveAPI(w, r)
}

// serveAPI answers a Tencent API request: always HTTP 200 with the
// Response envelope.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	logged := s.log.Enabled(r.Context(), slog.LevelInfo)
	var start time.Time
	if logged {
		start = time.Now()
	}
	var idBuf [36]byte
	requestID := newRequestID(&idBuf)
	rh := readHeaders(r)
	if trace := rh.traceID; trace != "" {
		w.Header()["X-Tc-Traceid"] = []string{sanitize(trace)}
	}
	action := ""
	body := bodyPool.Get().(*bodyBuf)
	call, apiErr := s.parse(r, &rh, body[:0])
	var result any
	if apiErr == nil {
		action = call.action
		if s.faultsArmed() {
			result, apiErr = s.dispatchWithFaults(w, r, &call, requestID)
		} else {
			result, apiErr = s.dispatch(&call)
		}
	}
	if apiErr == nil {
		if err := writeResult(w, requestID, result); err != nil {
			apiErr = tcsms.NewError(tcsms.CodeInternalError)
		}
	}
	code := "Ok"
	if apiErr != nil {
		code = apiErr.Code
		if apiErr != errResponseLost { // a fault answered, or chose silence
			writeError(w, requestID, apiErr)
		}
	}
	if logged {
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "api request",
			slog.String("action", sanitize(action)),
			slog.String("code", code),
			slog.String("requestId", strings.Clone(requestID)), // idBuf is on the stack
			slog.String("method", r.Method),
			slog.Duration("elapsed", time.Since(start)))
	}
	// Nothing refers to the body any more: decoding copied what it kept,
	// and the answer is written.
	bodyPool.Put(body)
}
