package fake_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

// TestNilContext checks that a nil context, a bug in the caller, is
// reported as an error rather than crashing the test binary, and that
// nothing is sent.
func TestNilContext(t *testing.T) {
	f := fake.New(fake.WithLatency(time.Millisecond))
	var nilCtx context.Context
	res, err := f.Send(nilCtx, otp(num1, num2))
	if !errors.Is(err, notifier.ErrNilContext) || len(res.Recipients) != 2 || res.Recipients[0].Err == nil || res.Recipients[1].Err == nil {
		t.Errorf("Send(nil ctx) = %+v, %v; want every recipient failed", res, err)
	}
	if n := len(f.Messages()); n != 0 {
		t.Errorf("Send(nil ctx) recorded %d messages", n)
	}
	if _, err := f.WaitFor(nilCtx, nil); err == nil {
		t.Error("WaitFor(nil ctx) on an empty fake: nil error")
	}
	if _, err := f.PullReceipts(nilCtx, 0); err == nil {
		t.Error("PullReceipts(nil ctx): nil error")
	}
	if _, err := f.PullReplies(nilCtx, 0); err == nil {
		t.Error("PullReplies(nil ctx): nil error")
	}
}

// TestDuplicateNumbersInOneMessage: a number listed twice gets two
// recipients, two messages, and shows up as a duplicate.
func TestDuplicateNumbersInOneMessage(t *testing.T) {
	f := fake.New()
	res, err := f.Send(t.Context(), otp(num1, num2, num1))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Recipients) != 3 || res.Recipients[0].MessageID == res.Recipients[2].MessageID {
		t.Fatalf("recipients = %+v", res.Recipients)
	}
	if n := len(f.Messages()); n != 3 {
		t.Errorf("recorded %d messages, want 3", n)
	}
	d := f.Duplicates()
	if len(d) != 1 || d[0].First.MessageID != res.Recipients[0].MessageID || d[0].Repeat.MessageID != res.Recipients[2].MessageID {
		t.Errorf("Duplicates() = %+v, want the two sends to %s", d, num1)
	}
	// With a fault on the number, both entries fail and nothing is recorded for it.
	f.Reset()
	f.FailNumber(num1, notifier.ErrRejected)
	res, err = f.Send(t.Context(), otp(num1, num2, num1))
	var be *notifier.BatchError
	if !errors.As(err, &be) || len(be.Errs) != 2 || res.Recipients[1].Err != nil {
		t.Errorf("Send = %+v, %v; want both %s failed and %s accepted", res, err, num1, num2)
	}
}

// TestParamsAgainstRegisteredTemplates covers empty, nil and surplus
// parameters against templates with and without placeholders.
func TestParamsAgainstRegisteredTemplates(t *testing.T) {
	f := fake.New(
		fake.WithTemplate("plain", "No placeholders here."),
		fake.WithTemplate("one", "Code {1}"),
		fake.WithTemplate("gap", "{1} and {3}"),
	)
	tests := []struct {
		template string
		params   []string
		ok       bool
		text     string
	}{
		{"plain", nil, true, "No placeholders here."},
		{"plain", []string{}, true, "No placeholders here."},
		{"plain", []string{"x"}, false, ""},
		{"one", nil, false, ""},
		{"one", []string{}, false, ""},
		{"one", []string{""}, true, "Code "},
		{"one", []string{"1", "2"}, false, ""},
		{"gap", []string{"a", "b"}, false, ""},
		{"gap", []string{"a", "b", "c"}, true, "a and c"},
		{"unknown", nil, false, ""},
	}
	for _, tt := range tests {
		f.Reset()
		_, err := f.Send(t.Context(), notifier.Message{To: []string{num1}, Template: tt.template, Params: tt.params})
		if tt.ok != (err == nil) || (!tt.ok && !errors.Is(err, notifier.ErrInvalidMessage)) {
			t.Errorf("template %q params %q: err = %v, want ok=%v", tt.template, tt.params, err, tt.ok)
			continue
		}
		if last, _ := f.Last(); tt.ok && last.Text != tt.text {
			t.Errorf("template %q params %q: Text = %q, want %q", tt.template, tt.params, last.Text, tt.text)
		}
	}
}

// TestResetDuringSends runs Reset, sends, pulls and WaitFor concurrently
// (for the race detector) and checks that what remains after a final
// Reset is consistent.
func TestResetDuringSends(t *testing.T) {
	f := fake.New()
	ctx := t.Context()
	var wg sync.WaitGroup
	ids := make(chan string, 8*50*2)
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				res, _ := f.Send(ctx, otp(num1, num3))
				for _, rc := range res.Recipients {
					ids <- rc.MessageID
				}
				if (g+i)%7 == 0 {
					f.Reset()
				}
				if _, err := f.PullReceipts(ctx, 3); err != nil {
					t.Error(err)
				}
				_ = f.Duplicates()
			}
		})
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_, _ = f.WaitFor(wctx, func(s fake.Sent) bool { return s.Number == num3 })
	}()
	wg.Wait()
	close(ids)
	seen := make(map[string]bool)
	for id := range ids {
		if id == "" || seen[id] {
			t.Fatalf("message ID %q empty or repeated", id)
		}
		seen[id] = true
	}
	f.Reset()
	if len(f.Messages()) != 0 || len(f.Duplicates()) != 0 {
		t.Fatal("Reset left messages or duplicates")
	}
	if _, err := f.Send(ctx, otp(num1)); err != nil {
		t.Fatal(err)
	}
	r, err := f.PullReceipts(ctx, 0)
	if err != nil || len(r) != 1 {
		t.Fatalf("after Reset and one send, PullReceipts = %d receipts, %v; want 1", len(r), err)
	}
}

// TestWaitForAlreadyArrivedWithDoneContext: a match that arrived before
// the call is returned even when ctx is already done.
func TestWaitForAlreadyArrivedWithDoneContext(t *testing.T) {
	f := fake.New()
	if _, err := f.Send(t.Context(), otp(num1, num2)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	s, err := f.WaitFor(ctx, func(s fake.Sent) bool { return s.Number == num2 })
	if err != nil || s.Number != num2 {
		t.Errorf("WaitFor = %+v, %v; want the message to %s", s, err, num2)
	}
	if _, err := f.WaitFor(ctx, func(s fake.Sent) bool { return s.Number == num3 }); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitFor without a match = %v, want context.Canceled", err)
	}
}

// TestDuplicateWindowEdges drives the window with a manual clock: a repeat
// just inside the window is a duplicate, one at the window's end is not,
// and what counts is the content, not the sign or tag.
func TestDuplicateWindowEdges(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	f := fake.New(fake.WithClock(clock), fake.WithDuplicateWindow(time.Minute))
	send := func(m notifier.Message) {
		t.Helper()
		if _, err := f.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	send(otp(num1))
	advance(time.Minute - time.Nanosecond)
	other := otp(num1)
	other.Sign, other.Tag = "Other", "t2"
	send(other) // same content within the window: duplicate
	advance(time.Minute)
	send(otp(num1)) // a full window after the previous one: not a duplicate
	m := otp(num1)
	m.Params = []string{"654321"}
	send(m) // different params: not a duplicate
	if d := f.Duplicates(); len(d) != 1 || d[0].Repeat.Sign != "Other" || d[0].First.Sign != "Notifier" {
		t.Errorf("Duplicates() = %+v, want exactly the repeat signed Other", d)
	}
}
