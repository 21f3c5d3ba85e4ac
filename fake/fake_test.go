package fake_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

const (
	num1 = "+8613800000001"
	num2 = "+8613800000002"
	num3 = "+14155550003"
)

func otp(to ...string) notifier.Message {
	return notifier.Message{To: to, Template: "100001", Params: []string{"123456"}, Sign: "Notifier", Tag: "t1"}
}

func TestSendRecordsEveryRecipient(t *testing.T) {
	clock := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f := fake.New(fake.WithClock(func() time.Time { return clock }))
	m := otp(num1, num2, num3)
	m.SenderID = "ACME"
	res, err := f.Send(t.Context(), m)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if res.Tag != "t1" || len(res.Recipients) != 3 {
		t.Fatalf("result = %+v", res)
	}
	got := f.Messages()
	if len(got) != 3 {
		t.Fatalf("Messages() has %d entries, want 3", len(got))
	}
	for i, rc := range res.Recipients {
		if rc.Number != m.To[i] || rc.Err != nil || rc.Segments != 1 || rc.MessageID == "" {
			t.Errorf("recipient %d = %+v", i, rc)
		}
		want := fake.Sent{
			Number: m.To[i], MessageID: rc.MessageID, Template: "100001", Params: []string{"123456"},
			Sign: "Notifier", SenderID: "ACME", Tag: "t1", Segments: 1, Time: clock,
		}
		if s := got[i]; s.Number != want.Number || s.MessageID != want.MessageID || s.Template != want.Template ||
			!slices.Equal(s.Params, want.Params) || s.Sign != want.Sign || s.SenderID != want.SenderID ||
			s.Tag != want.Tag || s.Text != "【Notifier】123456" || s.Segments != 1 || !s.Time.Equal(clock) {
			t.Errorf("Messages()[%d] = %+v, want %+v", i, s, want)
		}
	}
	if ids := []string{got[0].MessageID, got[1].MessageID, got[2].MessageID}; ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
		t.Errorf("message IDs not unique: %q", ids)
	}
}

func TestInspectionReturnsCopies(t *testing.T) {
	f := fake.New()
	params := []string{"111111"}
	m := otp(num1)
	m.Params = params
	if _, err := f.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	params[0] = "changed by caller"
	msgs := f.Messages()
	msgs[0].Params[0] = "changed by test"
	last, ok := f.Last()
	if !ok || last.Params[0] != "111111" {
		t.Fatalf("Last() = %+v, %v; the fake shares memory with its caller", last, ok)
	}
	last.Params[0] = "changed again"
	if again, _ := f.Last(); again.Params[0] != "111111" {
		t.Errorf("Last() shares memory between calls: %q", again.Params[0])
	}
}

func TestLastOnEmptyFake(t *testing.T) {
	if s, ok := fake.New().Last(); ok {
		t.Errorf("Last() on an empty fake = %+v, true", s)
	}
}

func TestSendRejects(t *testing.T) {
	many := make([]string, fake.DefaultMaxRecipients+1)
	for i := range many {
		many[i] = "+86138" + strconv.Itoa(10000000+i)
	}
	tests := []struct {
		name string
		opts []fake.Option
		m    notifier.Message
		kind error
	}{
		{"no recipients", nil, notifier.Message{Template: "1"}, notifier.ErrInvalidMessage},
		{"no template or body", nil, notifier.Message{To: []string{num1}}, notifier.ErrInvalidMessage},
		{"params without template", nil, notifier.Message{To: []string{num1}, Body: "hi", Params: []string{"1"}}, notifier.ErrInvalidMessage},
		{"over default limit", nil, notifier.Message{To: many, Template: "1"}, notifier.ErrInvalidMessage},
		{"over custom limit", []fake.Option{fake.WithMaxRecipients(2)}, otp(num1, num2, num3), notifier.ErrInvalidMessage},
		{"unknown template", []fake.Option{fake.WithTemplate("200000", "x")}, otp(num1), notifier.ErrInvalidMessage},
		{"too few params", []fake.Option{fake.WithTemplate("100001", "{1} {2}")}, otp(num1), notifier.ErrInvalidMessage},
		{"too many params", []fake.Option{fake.WithTemplate("100001", "none")}, otp(num1), notifier.ErrInvalidMessage},
		{"bad number", nil, otp("12345"), notifier.ErrInvalidRecipient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fake.New(tt.opts...)
			res, err := f.Send(t.Context(), tt.m)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			var ne *notifier.Error
			if !errors.As(err, &ne) {
				t.Errorf("err %T does not reach *notifier.Error", err)
			}
			if len(res.Recipients) != len(tt.m.To) {
				t.Fatalf("%d recipients for %d numbers", len(res.Recipients), len(tt.m.To))
			}
			for i, rc := range res.Recipients {
				if rc.Number != tt.m.To[i] || rc.Err == nil || rc.MessageID != "" || rc.Segments != 0 {
					t.Errorf("recipient %d = %+v", i, rc)
				}
			}
			if n := len(f.Messages()); n != 0 {
				t.Errorf("%d messages recorded, want 0", n)
			}
		})
	}
}

func TestMaxRecipientsExactlyAccepted(t *testing.T) {
	f := fake.New(fake.WithMaxRecipients(3))
	if _, err := f.Send(t.Context(), otp(num1, num2, num3)); err != nil {
		t.Fatalf("3 recipients with a limit of 3: %v", err)
	}
}

func TestPartialFailureOnBadNumber(t *testing.T) {
	f := fake.New()
	res, err := f.Send(t.Context(), otp(num1, "12345", num2, "+0800"))
	var be *notifier.BatchError
	if !errors.As(err, &be) || len(be.Errs) != 2 || be.Total != 4 {
		t.Fatalf("err = %v, want a *BatchError with 2 of 4", err)
	}
	if !errors.Is(err, notifier.ErrInvalidRecipient) {
		t.Errorf("err does not match ErrInvalidRecipient: %v", err)
	}
	failed := res.Failed()
	if len(failed) != 2 || failed[0].Number != "12345" || failed[1].Number != "+0800" {
		t.Errorf("Failed() = %+v", failed)
	}
	var got []string
	for _, s := range f.Messages() {
		got = append(got, s.Number)
	}
	if !slices.Equal(got, []string{num1, num2}) {
		t.Errorf("recorded %q, want the two valid numbers", got)
	}
}

func TestTemplateRenderedText(t *testing.T) {
	f := fake.New(fake.WithTemplate("100001", "Your code is {1}."))
	f.SetTemplate("100002", "{1}: order {2} shipped")
	if _, err := f.Send(t.Context(), otp(num1)); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.Last(); s.Text != "【Notifier】Your code is 123456." {
		t.Errorf("Text = %q", s.Text)
	}
	m := notifier.Message{To: []string{num2}, Template: "100002", Params: []string{"ACME", "A-1"}}
	if _, err := f.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	if s, _ := f.Last(); s.Text != "ACME: order A-1 shipped" {
		t.Errorf("Text = %q", s.Text)
	}
}

func TestBodyMessage(t *testing.T) {
	f := fake.New(fake.WithTemplate("100001", "unused"))
	res, err := f.Send(t.Context(), notifier.Message{To: []string{num1}, Body: "free text"})
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := f.Last(); s.Body != "free text" || s.Text != "free text" || s.Template != "" {
		t.Errorf("recorded %+v", s)
	}
	if res.Recipients[0].Segments != 1 {
		t.Errorf("segments = %d", res.Recipients[0].Segments)
	}
}

func TestLongTextSegments(t *testing.T) {
	f := fake.New(fake.WithTemplate("1", "{1}"))
	long := string(make([]byte, 200))
	res, err := f.Send(t.Context(), notifier.Message{To: []string{num1}, Template: "1", Params: []string{long}})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Recipients[0].Segments; got != 2 {
		t.Errorf("200 ASCII characters: %d segments, want 2", got)
	}
}

func TestContextDone(t *testing.T) {
	f := fake.New()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	res, err := f.Send(ctx, otp(num1, num2))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	for _, rc := range res.Recipients {
		if !errors.Is(rc.Err, context.Canceled) {
			t.Errorf("recipient %+v", rc)
		}
	}
	if len(f.Messages()) != 0 {
		t.Error("a cancelled send was recorded")
	}
}

func TestMessageIDsUniqueAcrossReset(t *testing.T) {
	f := fake.New()
	seen := map[string]bool{}
	for i := range 150 {
		if i == 70 {
			f.Reset()
		}
		res, err := f.Send(t.Context(), otp(num1))
		if err != nil {
			t.Fatal(err)
		}
		id := res.Recipients[0].MessageID
		if seen[id] {
			t.Fatalf("message ID %q issued twice", id)
		}
		seen[id] = true
	}
}

func TestConcurrentSends(t *testing.T) {
	f := fake.New(fake.WithMaxRecipients(1000))
	const goroutines, sends = 20, 50
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for s := range sends {
				m := otp(num1)
				m.Tag = strconv.Itoa(g*sends + s)
				if _, err := f.Send(t.Context(), m); err != nil {
					t.Error(err)
					return
				}
				f.Messages()
				f.Last()
			}
		})
	}
	wg.Wait()
	tags := map[string]int{}
	for _, s := range f.Messages() {
		tags[s.Tag]++
	}
	if len(tags) != goroutines*sends {
		t.Fatalf("%d distinct tags recorded, want %d", len(tags), goroutines*sends)
	}
	for tag, n := range tags {
		if n != 1 {
			t.Errorf("tag %s recorded %d times", tag, n)
		}
	}
}
