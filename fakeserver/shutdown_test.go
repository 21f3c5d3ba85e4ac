package fakeserver_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// TestShutdownEndsWaitingRequests pins issue 11's finding that a shutdown
// with an open long poll waited out its whole grace period: long polls get
// 503 and a hanging fault ends, so Shutdown returns well within its
// deadline, without error.
func TestShutdownEndsWaitingRequests(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	if _, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", HTTP: fakeserver.HTTPHang, Nth: 1}); err != nil {
		t.Fatal(err)
	}
	poll := make(chan int, 1)
	go func() {
		resp, err := http.Get(srv.URL() + "/_fake/messages/wait?timeout=5m")
		if err != nil {
			poll <- 0
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		poll <- resp.StatusCode
	}()
	hung := make(chan error, 1)
	go func() {
		_, err := newClient(t, srv, signModes[0]).SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
		hung <- err
	}()
	// The fault rule is used up once the send hangs on it; a request made
	// after that proves the server has been answering since the long poll
	// was sent.
	for len(srv.Faults()) > 0 {
		time.Sleep(time.Millisecond)
	}
	if resp, err := http.Get(srv.URL() + "/_fake/healthz"); err == nil {
		resp.Body.Close()
	}
	time.Sleep(20 * time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if code := <-poll; code != http.StatusServiceUnavailable {
		t.Errorf("the long poll got %d, want 503", code)
	}
	if err := <-hung; err == nil {
		t.Error("the hanging send succeeded")
	}
}
