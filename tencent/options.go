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

// WithLogger makes the Client log each API call at Debug level (action,
// request ID, recipient count, duration) and failures at Warn. Logs never
// contain secrets, message parameters or phone numbers. The default
// discards everything.
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
