package fakeserver

import (
	"net/http"
	"net/http/httptest"
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
	sreq := req.Clone(req.Context())
	if sreq.Host == "" {
		sreq.Host = req.URL.Host
	}
	sreq.RequestURI = req.URL.RequestURI()
	sreq.RemoteAddr = "in-process:0"
	if sreq.Body == nil {
		sreq.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	t.s.ServeHTTP(rec, sreq)
	if req.Body != nil {
		_ = req.Body.Close()
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
