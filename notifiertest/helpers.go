package notifiertest

import (
	"context"
	"errors"
	"slices"

	"github.com/notifykit/notifier"
)

// send calls Send with the subtest's context and checks the shape every
// Result must have: one Recipient per number, in request order, with no ID
// or segments on a failed recipient, and err non-nil exactly when some
// recipient failed.
func (s *suite) send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	s.t.Helper()
	res, err := s.h.Notifier().Send(ctx, m)
	s.failIfTimedOut("Send")
	if len(res.Recipients) != len(m.To) {
		s.t.Fatalf("Send returned %d recipients for %d numbers (err: %v)", len(res.Recipients), len(m.To), err)
	}
	failed := false
	for i, rc := range res.Recipients {
		if rc.Number != m.To[i] {
			s.t.Errorf("Recipients[%d].Number = %q, want %q (request order)", i, rc.Number, m.To[i])
		}
		if rc.Err != nil {
			failed = true
			if rc.MessageID != "" || rc.Segments != 0 {
				s.t.Errorf("failed Recipients[%d] has MessageID %q and Segments %d, want none", i, rc.MessageID, rc.Segments)
			}
		}
	}
	if failed && err == nil {
		s.t.Errorf("Send returned a nil error although recipients failed: %+v", res.Recipients)
	}
	if !failed && err != nil && len(m.To) > 0 {
		s.t.Errorf("Send returned %v although every recipient was accepted", err)
	}
	return res, err
}

// failIfTimedOut reports a subtest whose watchdog context has ended.
func (s *suite) failIfTimedOut(what string) {
	s.t.Helper()
	if s.ctx.Err() != nil {
		s.t.Fatalf("watchdog: %s did not finish within %v", what, Timeout)
	}
}

// sendOK sends m and requires every recipient to be accepted.
func (s *suite) sendOK(m notifier.Message) notifier.Result {
	s.t.Helper()
	res, err := s.send(s.ctx, m)
	if err != nil {
		s.t.Fatalf("Send(%v): %v", m.To, err)
	}
	for i, rc := range res.Recipients {
		if rc.MessageID == "" {
			s.t.Errorf("Recipients[%d] (%s) accepted with an empty MessageID", i, rc.Number)
		}
		if rc.Segments < 1 {
			s.t.Errorf("Recipients[%d] (%s) accepted with Segments %d, want at least 1", i, rc.Number, rc.Segments)
		}
	}
	if res.Tag != m.Tag {
		s.t.Errorf("Result.Tag = %q, want %q", res.Tag, m.Tag)
	}
	return res
}

// sendFails sends m and requires it to fail as a whole with kind: every
// recipient carries an error matching kind.
func (s *suite) sendFails(m notifier.Message, kind error) {
	s.t.Helper()
	res, err := s.send(s.ctx, m)
	if !errors.Is(err, kind) {
		s.t.Fatalf("Send err = %v, want one matching %v", err, kind)
	}
	for i, rc := range res.Recipients {
		if !errors.Is(rc.Err, kind) {
			s.t.Errorf("Recipients[%d].Err = %v, want one matching %v", i, rc.Err, kind)
		}
	}
}

// delivered returns what the backend accepted.
func (s *suite) delivered() []Delivery {
	s.t.Helper()
	d, err := s.h.Delivered(s.ctx)
	s.failIfTimedOut("Delivered")
	if err != nil {
		s.t.Fatalf("Harness.Delivered: %v", err)
	}
	return d
}

// expectDelivered requires the backend to have accepted exactly the given
// numbers, once each, and returns the deliveries in the order of numbers.
// The backend's own order is not checked: an adapter may split one message
// into several provider requests (Tencent takes mainland and international
// numbers separately), so only Result keeps request order.
func (s *suite) expectDelivered(numbers ...string) []Delivery {
	s.t.Helper()
	d := s.delivered()
	got := make([]string, len(d))
	for i, x := range d {
		got[i] = x.Number
	}
	want := slices.Clone(numbers)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		s.t.Fatalf("backend accepted %q, want %q", got, want)
	}
	byNumber := make(map[string]Delivery, len(d))
	for _, x := range d {
		byNumber[x.Number] = x
	}
	out := make([]Delivery, len(numbers))
	for i, n := range numbers {
		out[i] = byNumber[n]
	}
	return out
}

// expectRecipientError requires err to reach a *notifier.Error of kind
// about number.
func (s *suite) expectRecipientError(err error, kind error, number string) {
	s.t.Helper()
	if !errors.Is(err, kind) {
		s.t.Errorf("error %v does not match %v", err, kind)
	}
	var ne *notifier.Error
	if !errors.As(err, &ne) {
		s.t.Errorf("error %v (%T) does not reach a *notifier.Error", err, err)
		return
	}
	if ne.Kind != kind {
		s.t.Errorf("*notifier.Error Kind = %v, want %v", ne.Kind, kind)
	}
	if ne.Recipient != number {
		s.t.Errorf("*notifier.Error Recipient = %q, want %q", ne.Recipient, number)
	}
}
