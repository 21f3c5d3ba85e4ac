package fake_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

// acmeRules model a provider shaped like Tencent, without importing the
// tencent package: templates only, known templates only, a domestic market
// (+86) that needs a sign, and a number check of its own.
var acmeRules = notifier.Rules{
	Provider:       "Acme SMS",
	NoBody:         true,
	MaxRecipients:  4,
	MaxTagBytes:    8,
	KnownTemplates: true,
	MaxParamRunes:  6,
	Domestic:       []string{"+86"},
	SignRequired:   []string{"+86"},
	CheckNumber: func(n string) error {
		if strings.HasPrefix(n, "+86") && len(n) != 14 {
			return errors.New("not a mainland mobile number")
		}
		return nil
	},
}

const intl = "+14155550100"

// outcome describes a recipient's result: "ok", or the error's kind and
// whether it is request-level ("request") or the recipient's own.
func outcome(rc notifier.Recipient) string {
	if rc.Err == nil {
		return "ok"
	}
	var ne *notifier.Error
	if !errors.As(rc.Err, &ne) {
		return fmt.Sprintf("%T", rc.Err)
	}
	scope := "request"
	if ne.Recipient != "" {
		scope = "own"
		if ne.Recipient != rc.Number {
			scope = "wrong recipient " + ne.Recipient
		}
	}
	return ne.Kind.Error() + "/" + scope
}

// TestRulesRefuse: each rule fails the recipients it applies to with the
// kind and scope the Tencent adapter gives, in the adapter's order.
func TestRulesRefuse(t *testing.T) {
	msg := func(to ...string) notifier.Message {
		return notifier.Message{To: to, Template: "1", Params: []string{"123456"}, Sign: "Acme"}
	}
	with := func(m notifier.Message, edit func(*notifier.Message)) notifier.Message { edit(&m); return m }
	tests := []struct {
		name string
		m    notifier.Message
		want []string
	}{
		{"accepted", msg(num1, num2), []string{"ok", "ok"}},
		{"body", with(msg(num1, num2), func(m *notifier.Message) { m.Body = "hi" }),
			[]string{"unsupported/request", "unsupported/request"}},
		{"over the batch limit", msg(num1, num2, num1, num2, num1), []string{"invalid message/request", "invalid message/request",
			"invalid message/request", "invalid message/request", "invalid message/request"}},
		{"tag over the rules' limit", with(msg(num1, "12345"), func(m *notifier.Message) { m.Tag = "123456789" }),
			[]string{"invalid message/request", "invalid message/request"}},
		{"provider number check", msg(num1, "+861380000", "12345"),
			[]string{"ok", "invalid recipient/own", "invalid recipient/own"}},
		{"unknown template", with(msg(num1, "12345", intl), func(m *notifier.Message) { m.Template = "9" }),
			[]string{"invalid message/request", "invalid recipient/own", "invalid message/request"}},
		{"domestic template abroad", msg(num1, intl), []string{"ok", "unsupported/request"}},
		{"international template at home", with(msg(num1, intl), func(m *notifier.Message) { m.Template = "2" }),
			[]string{"unsupported/request", "ok"}},
		{"no sign", with(msg(num1, num2, "+861"), func(m *notifier.Message) { m.Sign = "" }),
			[]string{"invalid message/request", "invalid message/request", "invalid recipient/own"}},
		{"no sign abroad", with(msg(intl), func(m *notifier.Message) { m.Sign, m.Template = "", "2" }), []string{"ok"}},
		{"wrong param count", with(msg(num1, num2), func(m *notifier.Message) { m.Params = nil }),
			[]string{"invalid message/own", "invalid message/own"}},
		{"param too long", with(msg(num1, num2), func(m *notifier.Message) { m.Params = []string{"验证码1234567"} }),
			[]string{"invalid message/own", "invalid message/own"}},
		{"param at the limit", with(msg(num1), func(m *notifier.Message) { m.Params = []string{"验证码123"} }), []string{"ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fake.New(fake.WithRules(acmeRules), fake.WithTemplate("1", "code {1}"),
				fake.WithInternationalTemplate("2", "code {1}"))
			res, err := f.Send(t.Context(), tt.m)
			var got []string
			accepted := 0
			for _, rc := range res.Recipients {
				got = append(got, outcome(rc))
				if rc.Err == nil {
					accepted++
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("outcomes %q, want %q (err %v)", got, tt.want, err)
			}
			if (err == nil) != (accepted == len(tt.m.To)) || len(f.Messages()) != accepted {
				t.Errorf("err = %v with %d of %d accepted and %d recorded", err, accepted, len(tt.m.To), len(f.Messages()))
			}
		})
	}
}

// TestRulesSharedRequestErrors: a request-level rule gives its numbers one
// shared error, so a message it fails entirely returns that error alone,
// as the adapter returns one request's error; per-recipient rules give a
// *BatchError naming each number.
func TestRulesSharedRequestErrors(t *testing.T) {
	f := fake.New(fake.WithRules(acmeRules), fake.WithTemplate("1", "{1}"))
	res, err := f.Send(t.Context(), notifier.Message{To: []string{num1, num2}, Template: "1", Params: []string{"1"}})
	var ne *notifier.Error
	if !errors.As(err, &ne) || ne.Recipient != "" || res.Recipients[0].Err != err || res.Recipients[1].Err != err {
		t.Errorf("no sign: err = %#v, recipients %+v; want one shared request error", err, res.Recipients)
	}
	if !strings.Contains(err.Error(), "Acme SMS requires a sign for +86 numbers") {
		t.Errorf("no sign: error %q does not say why", err)
	}
	_, err = f.Send(t.Context(), notifier.Message{To: []string{num1, num2}, Template: "1", Sign: "Acme"})
	var be *notifier.BatchError
	if !errors.As(err, &be) || len(be.Errs) != 2 {
		t.Fatalf("wrong param count: err = %v, want a *BatchError of 2", err)
	}
	if want := "template \"1\" takes 1 parameter, the message has 0"; !strings.Contains(be.Errs[0].Error(), want) {
		t.Errorf("error %q, want it to say %q", be.Errs[0], want)
	}
}

// TestRulesRecordWhatTheProviderGets: the default sign is used, recorded
// and rendered; a sender ID is kept for international numbers only.
func TestRulesRecordWhatTheProviderGets(t *testing.T) {
	r := acmeRules
	r.DefaultSign = "Acme"
	f := fake.New(fake.WithRules(r), fake.WithTemplate("1", "Your code is {1}."), fake.WithInternationalTemplate("2", "Code {1}"))
	m := notifier.Message{To: []string{num1}, Template: "1", Params: []string{"4242"}, SenderID: "ACME"}
	if _, err := f.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	m.To, m.Template = []string{intl}, "2"
	if _, err := f.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	got := f.Messages()
	if got[0].Sign != "Acme" || got[0].Text != "【Acme】Your code is 4242." || got[0].SenderID != "" {
		t.Errorf("domestic: %+v, want the default sign and no sender ID", got[0])
	}
	if got[1].Sign != "Acme" || got[1].Text != "【Acme】Code 4242" || got[1].SenderID != "ACME" {
		t.Errorf("international: %+v, want the default sign and the sender ID", got[1])
	}
}

// TestRulesOptionsOrder: WithMaxRecipients after WithRules changes the
// rules' batch limit; before it, the rules win.
func TestRulesOptionsOrder(t *testing.T) {
	to := []string{num1, num2, num1, num2, num1}
	m := notifier.Message{To: to, Template: "1", Params: []string{"1"}, Sign: "Acme"}
	after := fake.New(fake.WithRules(acmeRules), fake.WithMaxRecipients(5), fake.WithTemplate("1", "{1}"))
	if _, err := after.Send(t.Context(), m); err != nil {
		t.Errorf("WithMaxRecipients(5) after WithRules: %v", err)
	}
	before := fake.New(fake.WithMaxRecipients(5), fake.WithRules(acmeRules), fake.WithTemplate("1", "{1}"))
	if _, err := before.Send(t.Context(), m); !errors.Is(err, notifier.ErrInvalidMessage) {
		t.Errorf("WithMaxRecipients(5) before WithRules: err = %v, want the rules' limit of 4", err)
	}
}

// TestNewWithoutRulesIsLenient pins what New documents: without rules the
// fake accepts what a provider like Tencent refuses.
func TestNewWithoutRulesIsLenient(t *testing.T) {
	f := fake.New()
	for _, m := range []notifier.Message{
		{To: []string{num1}, Body: "free text"},
		{To: []string{num1}, Template: "1", Params: []string{"1"}},       // no sign, unknown template
		{To: []string{"+8613800"}, Template: "1", Params: []string{"1"}}, // not a mainland mobile number
		{To: []string{num1}, Template: "1", Params: []string{"123456789"}, SenderID: "ACME"},
	} {
		if _, err := f.Send(t.Context(), m); err != nil {
			t.Errorf("Send(%+v) = %v, want accepted", m, err)
		}
	}
	if s, _ := f.Last(); s.SenderID != "ACME" || s.Text != "123456789" {
		t.Errorf("recorded %+v, want the sender ID kept and the param as text", s)
	}
}

// TestWaitForDefaultTimeout: without a deadline WaitFor gives up after
// DefaultWaitTimeout (on synctest's clock), saying how many messages it
// saw; WithWaitTimeout changes the wait, and 0 leaves it to the context.
func TestWaitForDefaultTimeout(t *testing.T) {
	never := func(fake.Sent) bool { return false }
	synctest.Test(t, func(t *testing.T) {
		f := fake.New()
		if _, err := f.Send(t.Context(), otp(num1, num2)); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := f.WaitFor(context.Background(), never)
		if waited := time.Since(start); waited != fake.DefaultWaitTimeout || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WaitFor without a deadline: %v after %v, want DeadlineExceeded after %v", err, waited, fake.DefaultWaitTimeout)
		}
		if err == nil || !strings.Contains(err.Error(), "among 2 messages sent in 10s") {
			t.Errorf("error %q does not say how many messages were seen", err)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		f := fake.New(fake.WithWaitTimeout(time.Minute))
		start := time.Now()
		if _, err := f.WaitFor(context.Background(), never); time.Since(start) != time.Minute || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("WithWaitTimeout(1m): %v after %v", err, time.Since(start))
		}
		// A deadline of the caller's own wins, even a longer one.
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		start = time.Now()
		if _, err := f.WaitFor(ctx, never); time.Since(start) != time.Hour || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("ctx deadline 1h: %v after %v", err, time.Since(start))
		}
	})
	synctest.Test(t, func(t *testing.T) {
		f := fake.New(fake.WithWaitTimeout(0))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(3*time.Hour, cancel)
		start := time.Now()
		if _, err := f.WaitFor(ctx, never); time.Since(start) != 3*time.Hour || !errors.Is(err, context.Canceled) {
			t.Errorf("WithWaitTimeout(0): %v after %v, want Canceled after 3h", err, time.Since(start))
		}
	})
}
