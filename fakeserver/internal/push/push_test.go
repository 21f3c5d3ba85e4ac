package push

import "testing"

// TestPusherTransport pins what the black-box tests cannot reach for a
// loopback receiver: the pusher never takes a proxy from the environment
// (HTTP_PROXY in a CI runner must not reroute callbacks), keeps as many
// idle connections per receiver as pushes may run, and follows no
// redirect.
func TestPusherTransport(t *testing.T) {
	p := New(Config{Concurrency: 5})
	defer p.Stop()
	close(p.done) // no Run goroutine; Stop waits for it
	if p.transport.Proxy != nil {
		t.Error("the callback transport uses a proxy function")
	}
	if p.transport.MaxIdleConnsPerHost != 5 || p.transport.MaxConnsPerHost != 5 {
		t.Errorf("MaxIdleConnsPerHost %d, MaxConnsPerHost %d, want 5 and 5", p.transport.MaxIdleConnsPerHost, p.transport.MaxConnsPerHost)
	}
	if p.client.CheckRedirect == nil {
		t.Error("the callback client follows redirects")
	}
}
