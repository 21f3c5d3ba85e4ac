package tencent

import (
	"io"
	"net/http"
	"time"
)

// noReplay is the RoundTripper of a Client that sends with GET. net/http
// resends a body-less GET on its own when a reused keep-alive connection
// fails after the request was written; for SendSms that texts the person
// twice, and Send promises never to retry. A request whose Body is set and
// whose GetBody is nil is not replayable, so noReplay gives every body-less
// request an empty Body. On HTTP/1.1 the wire is unchanged (the transport
// probes the empty body and sends no body framing).
type noReplay struct{ base http.RoundTripper }

func (t noReplay) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil && r.Body != http.NoBody {
		return t.base.RoundTrip(r)
	}
	r2 := new(http.Request)
	*r2 = *r // a shallow copy: RoundTrip must not modify r
	r2.Body, r2.GetBody, r2.ContentLength = emptyBody{}, nil, 0
	return t.base.RoundTrip(r2)
}

// emptyBody is an empty request body that is not http.NoBody.
type emptyBody struct{}

func (emptyBody) Read([]byte) (int, error) { return 0, io.EOF }
func (emptyBody) Close() error             { return nil }

// sdkDefaultTransport is the transport the SDK would use on its own: a
// clone of http.DefaultTransport with a 30-second idle timeout.
func sdkDefaultTransport() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.IdleConnTimeout = 30 * time.Second
	return t
}
