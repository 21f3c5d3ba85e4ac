package fakeserver_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// injectReplies injects n replies, each pushed to the reply callback.
func injectReplies(t *testing.T, srv *fakeserver.Server, n int) {
	t.Helper()
	for i := range n {
		if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: fmt.Sprint("reply ", i)}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCallbackPushesAreBoundedAndPooled pins issue 11's finding that the
// pusher opened one connection per pending push (1,000 concurrent against
// a slow receiver) and kept 2 idle connections per host: at most
// DefaultCallbackConcurrency pushes are in flight, over as many pooled
// connections.
func TestCallbackPushesAreBoundedAndPooled(t *testing.T) {
	const pushes = 60
	var inFlight, most, conns atomic.Int32
	gate := make(chan struct{})
	rcv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		n := inFlight.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-gate // a slow receiver: each push waits for the test
		inFlight.Add(-1)
		_, _ = io.WriteString(w, `{"result":0,"errmsg":"OK"}`)
	}))
	rcv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	rcv.Start()
	t.Cleanup(rcv.Close)
	srv := fakeserver.Run(t, fakeserver.WithReplyCallback(rcv.URL))
	injectReplies(t, srv, pushes)
	for range pushes {
		gate <- struct{}{} // lets one waiting push through
	}
	ps := waitAllFinished(t, srv)
	for _, p := range ps {
		if p.Status != fakeserver.PushDelivered || p.Attempts != 1 {
			t.Fatalf("push %d: %s after %d attempts (%s), want delivered at the first", p.ID, p.Status, p.Attempts, p.LastError)
		}
	}
	if m := most.Load(); m > fakeserver.DefaultCallbackConcurrency {
		t.Errorf("%d pushes in flight at once, want at most %d", m, fakeserver.DefaultCallbackConcurrency)
	}
	if c := conns.Load(); c > fakeserver.DefaultCallbackConcurrency {
		t.Errorf("%d connections opened for %d pushes, want at most %d", c, pushes, fakeserver.DefaultCallbackConcurrency)
	}
}

// TestCallbackRedirectIsAFailedAttempt pins issue 11's finding that the
// pusher followed a 307 and marked the receipt delivered where it was
// re-posted: a redirect is a failed attempt, with its reason.
func TestCallbackRedirectIsAFailedAttempt(t *testing.T) {
	elsewhere := newReceiver(t, nil)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.srv.URL+"/stolen", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)
	srv := fakeserver.Run(t, fakeserver.WithReplyCallback(redirect.URL), fakeserver.WithCallbackRetry(time.Millisecond, 2))
	injectReplies(t, srv, 1)
	p := waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.Status != fakeserver.PushPending })
	if p.Status != fakeserver.PushFailed || p.Attempts != 2 ||
		!strings.Contains(p.LastError, "HTTP 307") || !strings.Contains(p.LastError, "redirects are not followed") {
		t.Errorf("push %+v, want failed after 2 attempts with the redirect as its reason", p)
	}
	select {
	case got := <-elsewhere.got:
		t.Errorf("the redirect was followed: %+v", got)
	default:
	}
}

// TestCallbackLogIsBounded pins issue 11's finding that the push log kept
// every push forever: finished pushes age out past MaxFinishedPushes, and
// past MaxPendingPushes the oldest waiting push is marked failed.
func TestCallbackLogIsBounded(t *testing.T) {
	t.Run("finished", func(t *testing.T) {
		rcv := newQuietReceiver(t, http.StatusOK)
		srv := fakeserver.Run(t, fakeserver.WithReplyCallback(rcv))
		const n = fakeserver.MaxFinishedPushes + 100
		injectReplies(t, srv, fakeserver.MaxPendingPushes) // no more may wait at once
		waitAllFinished(t, srv)
		injectReplies(t, srv, n-fakeserver.MaxPendingPushes)
		ps := waitAllFinished(t, srv)
		if len(ps) != fakeserver.MaxFinishedPushes {
			t.Fatalf("%d finished pushes kept, want the newest %d", len(ps), fakeserver.MaxFinishedPushes)
		}
		for _, p := range ps {
			if p.Status != fakeserver.PushDelivered || p.ID <= n-fakeserver.MaxFinishedPushes {
				t.Fatalf("push %d (%s) kept, want the newest %d, all delivered", p.ID, p.Status, fakeserver.MaxFinishedPushes)
			}
		}
	})
	t.Run("pending", func(t *testing.T) {
		rcv := newQuietReceiver(t, http.StatusServiceUnavailable)
		srv := fakeserver.Run(t, fakeserver.WithReplyCallback(rcv), fakeserver.WithCallbackRetry(time.Hour, 3))
		const extra = 5
		injectReplies(t, srv, fakeserver.MaxPendingPushes+extra)
		ps := srv.Callbacks()
		pending, dropped := 0, 0
		for _, p := range ps {
			switch {
			case p.Status == fakeserver.PushPending:
				pending++
			case p.Status == fakeserver.PushFailed && strings.Contains(p.LastError, "more than 1000 pushes were waiting"):
				dropped++
				if p.ID > extra+fakeserver.DefaultCallbackConcurrency {
					t.Errorf("push %d dropped; the oldest waiting ones should go first", p.ID)
				}
			default:
				t.Errorf("push %+v", p)
			}
		}
		if pending != fakeserver.MaxPendingPushes || dropped != extra {
			t.Errorf("%d pending and %d dropped, want %d and %d", pending, dropped, fakeserver.MaxPendingPushes, extra)
		}
	})
}

// waitAllFinished waits until no push is pending and returns the pushes.
func waitAllFinished(t *testing.T, srv *fakeserver.Server) []fakeserver.CallbackPush {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ps := srv.Callbacks()
		pending := 0
		for _, p := range ps {
			if p.Status == fakeserver.PushPending {
				pending++
			}
		}
		if pending == 0 {
			return ps
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d pushes still pending", pending, len(ps))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// newQuietReceiver returns the URL of a receiver answering every push with
// status (and Tencent's acknowledgement when it is 200).
func newQuietReceiver(t *testing.T, status int) string {
	var mu sync.Mutex
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"result":0,"errmsg":"OK"}`)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}
