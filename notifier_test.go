package notifier_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier"
)

func TestValidate(t *testing.T) {
	ok := []string{"+8613800000001"}
	tests := []struct {
		name string
		m    notifier.Message
		kind error // nil: valid
		bad  []string
	}{
		{"template", notifier.Message{To: ok, Template: "1", Params: []string{"x"}}, nil, nil},
		{"body", notifier.Message{To: ok, Body: "hi"}, nil, nil},
		{"template and body", notifier.Message{To: ok, Template: "1", Body: "hi"}, nil, nil},
		{"tag at limit", notifier.Message{To: ok, Template: "1", Tag: strings.Repeat("t", notifier.MaxTagBytes)}, nil, nil},
		{"no recipients", notifier.Message{Template: "1"}, notifier.ErrInvalidMessage, nil},
		{"empty recipients", notifier.Message{To: []string{}, Template: "1"}, notifier.ErrInvalidMessage, nil},
		{"no content", notifier.Message{To: ok}, notifier.ErrInvalidMessage, nil},
		{"params without template", notifier.Message{To: ok, Body: "hi", Params: []string{"1"}}, notifier.ErrInvalidMessage, nil},
		{"tag over limit", notifier.Message{To: ok, Template: "1", Tag: strings.Repeat("t", notifier.MaxTagBytes+1)}, notifier.ErrInvalidMessage, nil},
		{"message rule before numbers", notifier.Message{To: []string{"bad"}}, notifier.ErrInvalidMessage, nil},
		{"one bad number", notifier.Message{To: []string{"+8613800000001", "123"}, Template: "1"}, notifier.ErrInvalidRecipient, []string{"123"}},
		{"two bad numbers", notifier.Message{To: []string{"x", "+8613800000001", "+0123456"}, Template: "1"}, notifier.ErrInvalidRecipient, []string{"x", "+0123456"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.m.Validate()
			if tt.kind == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.kind) {
				t.Fatalf("Validate() = %v, want %v", err, tt.kind)
			}
			if tt.kind == notifier.ErrInvalidMessage && errors.Is(err, notifier.ErrInvalidRecipient) {
				t.Errorf("message-level error also matches ErrInvalidRecipient: %v", err)
			}
			if tt.bad == nil {
				return
			}
			errs := []error{err}
			var be *notifier.BatchError
			if errors.As(err, &be) {
				errs = be.Errs
				if be.Total != len(tt.m.To) {
					t.Errorf("BatchError.Total = %d, want %d", be.Total, len(tt.m.To))
				}
			}
			if len(errs) != len(tt.bad) {
				t.Fatalf("%d errors, want %d: %v", len(errs), len(tt.bad), err)
			}
			for i, e := range errs {
				var ne *notifier.Error
				if !errors.As(e, &ne) || ne.Recipient != tt.bad[i] || ne.Kind != notifier.ErrInvalidRecipient {
					t.Errorf("error %d = %#v, want ErrInvalidRecipient for %q", i, e, tt.bad[i])
				}
			}
		})
	}
}

func TestCheckNumber(t *testing.T) {
	tests := []struct {
		number string
		valid  bool
	}{
		{"+8613800000001", true},
		{"+14155550100", true},
		{"+1234567", true},         // 7 digits: the shortest accepted
		{"+123456789012345", true}, // 15 digits: the longest
		{"+123456", false},
		{"+1234567890123456", false},
		{"", false},
		{"+", false},
		{"8613800000001", false},
		{"008613800000001", false},
		{"+0123456789", false},
		{"+86 138 0000 0001", false},
		{"+86-13800000001", false},
		{"+86138000000a1", false},
		{"++8613800000001", false},
		{"+８613800000001", false}, // full-width digit
	}
	for _, tt := range tests {
		err := notifier.CheckNumber(tt.number)
		if tt.valid {
			if err != nil {
				t.Errorf("CheckNumber(%q) = %v, want nil", tt.number, err)
			}
			continue
		}
		var ne *notifier.Error
		if !errors.As(err, &ne) || ne.Kind != notifier.ErrInvalidRecipient || ne.Recipient != tt.number {
			t.Errorf("CheckNumber(%q) = %#v, want an ErrInvalidRecipient *Error for it", tt.number, err)
		}
	}
}

// TestCheckNumberErrorText: the error names the number once (Error prints
// Recipient), and quotes it only where printing it bare would hide it.
func TestCheckNumberErrorText(t *testing.T) {
	tests := []struct{ number, want string }{
		{"12345", `notifier: invalid recipient for 12345: not an E.164 number (a "+" and 7 to 15 digits, the first not 0)`},
		{"", `notifier: invalid recipient: "" is not an E.164 number (a "+" and 7 to 15 digits, the first not 0)`},
		{" +8613800000001", `notifier: invalid recipient for  +8613800000001: " +8613800000001" is not an E.164 number (a "+" and 7 to 15 digits, the first not 0)`},
		{"+86\x00138", `notifier: invalid recipient for +86` + "\x00" + `138: "+86\x00138" is not an E.164 number (a "+" and 7 to 15 digits, the first not 0)`},
	}
	for _, tt := range tests {
		if got := notifier.CheckNumber(tt.number).Error(); got != tt.want {
			t.Errorf("CheckNumber(%q).Error() =\n%s\nwant\n%s", tt.number, got, tt.want)
		}
	}
}

func TestResultErr(t *testing.T) {
	e1 := &notifier.Error{Kind: notifier.ErrRateLimited, Recipient: "+8613800000002"}
	e2 := &notifier.Error{Kind: notifier.ErrRejected, Recipient: "+8613800000003"}
	ok := notifier.Recipient{Number: "+8613800000001", MessageID: "m1", Segments: 1}
	bad1 := notifier.Recipient{Number: "+8613800000002", Err: e1}
	bad2 := notifier.Recipient{Number: "+8613800000003", Err: e2}

	if err := (notifier.Result{}).Err(); err != nil {
		t.Errorf("empty result: %v", err)
	}
	if err := (notifier.Result{Recipients: []notifier.Recipient{ok, ok}}).Err(); err != nil {
		t.Errorf("all accepted: %v", err)
	}
	if err := (notifier.Result{Recipients: []notifier.Recipient{ok, bad1}}).Err(); err != e1 {
		t.Errorf("one failure: err = %v, want that recipient's error itself", err)
	}

	res := notifier.Result{Recipients: []notifier.Recipient{bad1, ok, bad2}}
	err := res.Err()
	var be *notifier.BatchError
	if !errors.As(err, &be) || len(be.Errs) != 2 || be.Errs[0] != e1 || be.Errs[1] != e2 || be.Total != 3 {
		t.Fatalf("two failures: err = %#v, want a BatchError of both in order", err)
	}
	if !errors.Is(err, notifier.ErrRateLimited) || !errors.Is(err, notifier.ErrRejected) || errors.Is(err, notifier.ErrUnauthorized) {
		t.Errorf("errors.Is does not reach exactly the two kinds: %v", err)
	}
	var ne *notifier.Error
	if !errors.As(err, &ne) || ne != e1 {
		t.Errorf("errors.As reaches %v, want the first failure", ne)
	}
	if acc := res.Accepted(); len(acc) != 1 || acc[0].Number != ok.Number {
		t.Errorf("Accepted() = %+v", acc)
	}
	if f := res.Failed(); len(f) != 2 || f[0].Number != bad1.Number || f[1].Number != bad2.Number {
		t.Errorf("Failed() = %+v", f)
	}
}

func TestFailAll(t *testing.T) {
	m := notifier.Message{To: []string{"+8613800000001", "+8613800000002"}, Tag: "t"}
	res := notifier.FailAll(m, context.Canceled)
	if res.Tag != "t" || len(res.Recipients) != 2 {
		t.Fatalf("FailAll = %+v", res)
	}
	for i, rc := range res.Recipients {
		if rc.Number != m.To[i] || rc.Err != context.Canceled || rc.MessageID != "" {
			t.Errorf("recipient %d = %+v", i, rc)
		}
	}
	if !errors.Is(res.Err(), context.Canceled) {
		t.Errorf("Err() = %v", res.Err())
	}
}

func TestBatchErrorMessage(t *testing.T) {
	var errs []error
	for i := range 5 {
		errs = append(errs, fmt.Errorf("failure %d", i))
	}
	got := (&notifier.BatchError{Errs: errs, Total: 7}).Error()
	want := "notifier: 5 of 7 recipients failed; failure 0; failure 1; failure 2; and 2 more"
	if got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestErrorIsUnwrapTemporary(t *testing.T) {
	cause := io.ErrUnexpectedEOF
	e := &notifier.Error{Kind: notifier.ErrUnavailable, Code: "InternalError", Message: "backend", RequestID: "req-1", Recipient: "+8613800000001", Err: cause}
	if !errors.Is(e, notifier.ErrUnavailable) || errors.Is(e, notifier.ErrRateLimited) {
		t.Error("Is does not match exactly its Kind")
	}
	if !errors.Is(e, cause) || errors.Unwrap(e) != cause {
		t.Error("Unwrap does not reach the cause")
	}
	if got, want := e.Error(), "notifier: provider unavailable (InternalError) for +8613800000001: backend [request req-1]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := (&notifier.Error{}).Error(); got != "notifier: error" {
		t.Errorf("zero Error() = %q", got)
	}
	if (&notifier.Error{}).Is(nil) {
		t.Error("an Error without Kind matches nil")
	}

	for _, tt := range []struct {
		kind error
		temp bool
	}{
		{notifier.ErrRateLimited, true},
		{notifier.ErrUnavailable, true},
		{notifier.ErrInvalidRecipient, false},
		{notifier.ErrInvalidMessage, false},
		{notifier.ErrUnauthorized, false},
		{notifier.ErrQuotaExceeded, false},
		{notifier.ErrRejected, false},
		{notifier.ErrNotFound, false},
		{notifier.ErrUnsupported, false},
	} {
		e := &notifier.Error{Kind: tt.kind}
		if e.Temporary() != tt.temp {
			t.Errorf("%v: Temporary() = %v, want %v", tt.kind, e.Temporary(), tt.temp)
		}
		wrapped := fmt.Errorf("sending: %w", &notifier.BatchError{Errs: []error{errors.New("other"), e}, Total: 2})
		if notifier.IsTemporary(wrapped) != tt.temp {
			t.Errorf("%v: IsTemporary through wrapping = %v, want %v", tt.kind, !tt.temp, tt.temp)
		}
	}
	if notifier.IsTemporary(context.DeadlineExceeded) || notifier.IsTemporary(nil) {
		t.Error("IsTemporary is true for an error that is not an *Error")
	}
	rejected, limited := &notifier.Error{Kind: notifier.ErrRejected}, &notifier.Error{Kind: notifier.ErrRateLimited}
	if !notifier.IsTemporary(&notifier.BatchError{Errs: []error{rejected, limited}, Total: 2}) {
		t.Error("IsTemporary misses a temporary error behind a permanent one in a BatchError")
	}
	if notifier.IsTemporary(&notifier.BatchError{Errs: []error{rejected, rejected}, Total: 2}) {
		t.Error("IsTemporary is true for a BatchError of permanent errors")
	}
}

func TestReceiptStatusString(t *testing.T) {
	for s, want := range map[notifier.ReceiptStatus]string{
		notifier.Delivered: "delivered", notifier.Undelivered: "undelivered", 0: "ReceiptStatus(0)", 9: "ReceiptStatus(9)",
	} {
		if got := s.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}

func TestContextError(t *testing.T) {
	if err := notifier.ContextError(t.Context()); err != nil {
		t.Errorf("live context: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := notifier.ContextError(ctx); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
	ctx, cancel = context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()
	if err := notifier.ContextError(ctx); err != context.DeadlineExceeded {
		t.Errorf("expired: %v", err)
	}
}

func TestContextErrorNil(t *testing.T) {
	var nilCtx context.Context
	if err := notifier.ContextError(nilCtx); !errors.Is(err, notifier.ErrNilContext) {
		t.Errorf("ContextError(nil) = %v, want ErrNilContext", err)
	}
}
