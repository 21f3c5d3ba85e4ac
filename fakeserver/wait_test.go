package fakeserver_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// TestWaitForDefaultTimeout: without a deadline WaitFor gives up after
// DefaultWaitTimeout (on synctest's clock), saying how many messages it
// held; Options.WaitTimeout changes the wait, and a negative one leaves it
// to the context. Closing the server still ends a wait with ErrClosed.
func TestWaitForDefaultTimeout(t *testing.T) {
	never := func(fakeserver.Message) bool { return false }
	synctest.Test(t, func(t *testing.T) {
		srv, err := fakeserver.New(fakeserver.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c := newClient(t, srv, signModes[0])
		c.WithHttpTransport(srv.Transport())
		if _, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "1", "x")); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = srv.WaitFor(context.Background(), never)
		if waited := time.Since(start); waited != fakeserver.DefaultWaitTimeout || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WaitFor without a deadline: %v after %v, want DeadlineExceeded after %v", err, waited, fakeserver.DefaultWaitTimeout)
		}
		if err == nil || !strings.Contains(err.Error(), "among the 2 held after 10s") {
			t.Errorf("error %q does not say how many messages were held", err)
		}
		srv.Close()
	})
	synctest.Test(t, func(t *testing.T) {
		srv, _ := fakeserver.New(fakeserver.Options{WaitTimeout: time.Minute})
		start := time.Now()
		if _, err := srv.WaitFor(context.Background(), never); time.Since(start) != time.Minute || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WaitTimeout 1m: %v after %v", err, time.Since(start))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour) // the caller's own deadline wins
		defer cancel()
		start = time.Now()
		if _, err := srv.WaitFor(ctx, never); time.Since(start) != time.Hour || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("ctx deadline 1h: %v after %v", err, time.Since(start))
		}
		srv.Close()
	})
	synctest.Test(t, func(t *testing.T) {
		srv, _ := fakeserver.New(fakeserver.Options{WaitTimeout: -1})
		time.AfterFunc(3*time.Hour, func() { srv.Close() })
		start := time.Now()
		if _, err := srv.WaitFor(context.Background(), never); time.Since(start) != 3*time.Hour || !errors.Is(err, fakeserver.ErrClosed) {
			t.Errorf("negative WaitTimeout: %v after %v, want ErrClosed when the server closes after 3h", err, time.Since(start))
		}
	})
}
