package fake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

func TestWaitForMessageSentLater(t *testing.T) {
	f := fake.New(fake.WithTemplate("100001", "code {1}"))
	go func() {
		for _, code := range []string{"111111", "222222", "333333"} {
			m := otp(num1)
			m.Params = []string{code}
			if _, err := f.Send(context.Background(), m); err != nil {
				t.Error(err)
			}
		}
	}()
	s, err := f.WaitFor(t.Context(), func(s fake.Sent) bool { return s.Params[0] == "333333" })
	if err != nil {
		t.Fatal(err)
	}
	if s.Text != "【Notifier】code 333333" {
		t.Errorf("WaitFor = %+v", s)
	}
}

func TestWaitForMessageAlreadySent(t *testing.T) {
	f := fake.New()
	if _, err := f.Send(t.Context(), otp(num1, num2)); err != nil {
		t.Fatal(err)
	}
	s, err := f.WaitFor(t.Context(), func(s fake.Sent) bool { return s.Number == num2 })
	if err != nil || s.Number != num2 {
		t.Errorf("WaitFor = %+v, %v", s, err)
	}
	if s, err := f.WaitFor(t.Context(), nil); err != nil || s.Number != num1 {
		t.Errorf("WaitFor(nil) = %+v, %v; want the first message", s, err)
	}
}

func TestWaitForContextDone(t *testing.T) {
	f := fake.New()
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := f.WaitFor(ctx, func(s fake.Sent) bool { return s.Number == num3 })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestWaitForMatchMayUseFake(t *testing.T) {
	f := fake.New()
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WaitFor(t.Context(), func(fake.Sent) bool { return len(f.Messages()) == 1 }); err != nil {
		t.Fatal(err)
	}
}

func TestDuplicates(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := fake.New(fake.WithClock(func() time.Time { return now }))
	send := func(m notifier.Message) {
		t.Helper()
		if _, err := f.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	other := otp(num1)
	other.Params = []string{"654321"}

	send(otp(num1))
	send(otp(num2)) // other number
	send(other)     // other params
	now = now.Add(30 * time.Second)
	send(otp(num1))                // duplicate of the first
	now = now.Add(2 * time.Minute) //
	send(otp(num1))                // outside the window of the previous one

	dups := f.Duplicates()
	if len(dups) != 1 {
		t.Fatalf("Duplicates() = %+v, want one", dups)
	}
	d := dups[0]
	if d.First.Number != num1 || d.Repeat.Number != num1 || d.Repeat.Time.Sub(d.First.Time) != 30*time.Second ||
		d.First.MessageID == d.Repeat.MessageID {
		t.Errorf("duplicate = %+v", d)
	}

	f.Reset()
	if n := len(f.Duplicates()); n != 0 {
		t.Errorf("%d duplicates after Reset", n)
	}
}

func TestDuplicateDetectionOff(t *testing.T) {
	f := fake.New(fake.WithDuplicateWindow(0))
	for range 2 {
		if _, err := f.Send(t.Context(), otp(num1)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.Duplicates()); n != 0 {
		t.Errorf("%d duplicates with detection off", n)
	}
}

func TestReceipts(t *testing.T) {
	f := fake.New()
	f.MarkUndelivered(num2)
	res, err := f.Send(t.Context(), otp(num1, num2, num3))
	if err != nil {
		t.Fatal(err)
	}
	first, err := f.PullReceipts(t.Context(), 2)
	if err != nil || len(first) != 2 {
		t.Fatalf("PullReceipts(2) = %+v, %v", first, err)
	}
	rest, err := f.PullReceipts(t.Context(), 0)
	if err != nil || len(rest) != 1 {
		t.Fatalf("second PullReceipts = %+v, %v", rest, err)
	}
	all := append(first, rest...)
	wantStatus := []notifier.ReceiptStatus{notifier.Delivered, notifier.Undelivered, notifier.Delivered}
	for i, r := range all {
		if r.MessageID != res.Recipients[i].MessageID || r.Number != res.Recipients[i].Number ||
			r.Status != wantStatus[i] || r.Tag != "t1" {
			t.Errorf("receipt %d = %+v", i, r)
		}
	}
	if again, _ := f.PullReceipts(t.Context(), 0); len(again) != 0 {
		t.Errorf("receipts returned twice: %+v", again)
	}
}

func TestReplies(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := fake.New(fake.WithClock(func() time.Time { return now }))
	f.InjectReply(notifier.Reply{Number: num1, Text: "STOP"})
	f.InjectReply(notifier.Reply{Number: num2, Text: "yes", Time: now.Add(time.Hour)})
	got, err := f.PullReplies(t.Context(), 1)
	if err != nil || len(got) != 1 || got[0].Text != "STOP" || !got[0].Time.Equal(now) {
		t.Fatalf("PullReplies(1) = %+v, %v", got, err)
	}
	got, err = f.PullReplies(t.Context(), 0)
	if err != nil || len(got) != 1 || got[0].Text != "yes" {
		t.Fatalf("second PullReplies = %+v, %v", got, err)
	}
	if got, _ := f.PullReplies(t.Context(), 0); len(got) != 0 {
		t.Errorf("replies returned twice: %+v", got)
	}
}

func TestPullHonoursContext(t *testing.T) {
	f := fake.New()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := f.PullReceipts(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("PullReceipts: %v", err)
	}
	if _, err := f.PullReplies(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("PullReplies: %v", err)
	}
}
