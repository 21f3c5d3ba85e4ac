package fakeserver

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/notifykit/notifier/fakeserver/internal/adminguard"
)

// Transport returns an http.RoundTripper that serves every request
// in-process with the server's handler, whatever its URL: no listener, no
// network. Give it to the SDK with client.WithHttpTransport; the SDK then
// signs for sms.tencentcloudapi.com, which the server accepts. It works
// before Start and after Close.
func (s *Server) Transport() http.RoundTripper { return transport{s} }

type transport struct{ s *Server }

var _ http.RoundTripper = transport{}

// RoundTrip serves req and returns the recorded response.
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, err
	}
	sreq := req.Clone(adminguard.WithInProcess(req.Context()))
	if sreq.Host == "" {
		sreq.Host = req.URL.Host
	}
	sreq.RequestURI = req.URL.RequestURI()
	sreq.RemoteAddr = "in-process:0"
	if sreq.Body == nil {
		sreq.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	aborted := serveRecorded(t.s, rec, sreq)
	if req.Body != nil {
		_ = req.Body.Close()
	}
	if aborted {
		return nil, errConnReset // an HTTPReset fault
	}
	if err := req.Context().Err(); err != nil {
		return nil, err // the client gave up, as net/http's transport reports it
	}
	resp := rec.Result()
	resp.Request = req
	if resp.ContentLength > int64(rec.Body.Len()) { // an HTTPTruncate fault
		resp.Body = io.NopCloser(io.MultiReader(resp.Body, errReader{io.ErrUnexpectedEOF}))
	}
	return resp, nil
}

// errConnReset is what Transport returns for a connection reset fault.
var errConnReset = errors.New("fakeserver: connection reset by fault")

// serveRecorded serves req into rec and reports whether the handler
// aborted with http.ErrAbortHandler, as net/http would by closing the
// connection.
func serveRecorded(h http.Handler, rec *httptest.ResponseRecorder, req *http.Request) (aborted bool) {
	defer func() {
		if v := recover(); v != nil {
			if v != http.ErrAbortHandler { //nolint:errorlint // net/http compares it the same way
				panic(v)
			}
			aborted = true
		}
	}()
	h.ServeHTTP(rec, req)
	return false
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
