package fake_test

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

func TestFailNext(t *testing.T) {
	f := fake.New()
	f.FailNext(2, notifier.ErrUnavailable)
	for i := range 2 {
		res, err := f.Send(t.Context(), otp(num1, num2))
		var ne *notifier.Error
		if !errors.As(err, &ne) || ne.Kind != notifier.ErrUnavailable || ne.Code != fake.InjectedCode {
			t.Fatalf("send %d: err = %v, want an injected *notifier.Error of kind ErrUnavailable", i, err)
		}
		if !notifier.IsTemporary(err) {
			t.Errorf("send %d: injected ErrUnavailable is not temporary", i)
		}
		if len(res.Failed()) != 2 {
			t.Errorf("send %d: %d failed recipients, want 2", i, len(res.Failed()))
		}
	}
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Fatalf("third send: %v", err)
	}
	if n := len(f.Messages()); n != 1 {
		t.Errorf("%d messages recorded, want only the third send", n)
	}
}

func TestFailNextOtherErrorAsIs(t *testing.T) {
	f := fake.New()
	f.FailNext(1, io.ErrUnexpectedEOF)
	if _, err := f.Send(t.Context(), otp(num1)); err != io.ErrUnexpectedEOF {
		t.Errorf("err = %v, want io.ErrUnexpectedEOF itself", err)
	}
}

func TestFailNextCancel(t *testing.T) {
	f := fake.New()
	f.FailNext(5, notifier.ErrUnauthorized)
	f.FailNext(0, nil)
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Errorf("after cancelling FailNext: %v", err)
	}
}

func TestFailNumberPartialFailure(t *testing.T) {
	f := fake.New()
	f.FailNumber(num2, notifier.ErrRateLimited)
	res, err := f.Send(t.Context(), otp(num1, num2, num3))
	if !errors.Is(err, notifier.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	var ne *notifier.Error
	if !errors.As(err, &ne) || ne.Recipient != num2 {
		t.Errorf("err = %#v, want the error of %s", err, num2)
	}
	if rc := res.Recipients[1]; rc.MessageID != "" || rc.Segments != 0 || !errors.Is(rc.Err, notifier.ErrRateLimited) {
		t.Errorf("failed recipient = %+v", rc)
	}
	if acc := res.Accepted(); len(acc) != 2 || acc[0].Number != num1 || acc[1].Number != num3 {
		t.Errorf("Accepted() = %+v", acc)
	}

	f.FailNumber(num2, nil)
	if _, err := f.Send(t.Context(), otp(num2)); err != nil {
		t.Errorf("after removing the fault: %v", err)
	}
}

func TestLatencyHonoursContext(t *testing.T) {
	f := fake.New(fake.WithLatency(time.Hour))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := f.Send(ctx, otp(num1))
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(f.Messages()) != 0 {
		t.Error("a send cancelled during its latency was recorded")
	}

	f.SetLatency(time.Millisecond)
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Fatalf("with 1ms latency: %v", err)
	}
	f.Reset() // back to the hour from WithLatency
	ctx, cancel = context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if _, err := f.Send(ctx, otp(num1)); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("after Reset: err = %v, want the WithLatency hour to hit the deadline", err)
	}
}

func TestResetClearsFaults(t *testing.T) {
	f := fake.New()
	f.FailNext(1, notifier.ErrUnavailable)
	f.FailNumber(num1, notifier.ErrRejected)
	f.MarkUndelivered(num1)
	f.Reset()
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Fatalf("after Reset: %v", err)
	}
	rs, err := f.PullReceipts(t.Context(), 0)
	if err != nil || len(rs) != 1 || rs[0].Status != notifier.Delivered {
		t.Errorf("receipts after Reset = %+v, %v", rs, err)
	}
}
