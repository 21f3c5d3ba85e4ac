package notifiertest

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/notifykit/notifier"
)

// checkInvalidRecipientPartialFailure: one malformed number fails alone
// with ErrInvalidRecipient; the others are delivered and err is that
// recipient's error, not a success.
func checkInvalidRecipientPartialFailure(s *suite) {
	const bad = "12345"
	good1, good2 := s.nums.mainland(), s.nums.international()
	res, err := s.send(s.ctx, message("partial", good1, bad, good2))
	if err == nil {
		s.t.Fatal("Send returned a nil error for a batch with a malformed number")
	}
	var be *notifier.BatchError
	if errors.As(err, &be) {
		s.t.Errorf("one failed recipient: err is a *BatchError %v, want that recipient's error", err)
	}
	s.expectRecipientError(err, notifier.ErrInvalidRecipient, bad)
	s.expectRecipientError(res.Recipients[1].Err, notifier.ErrInvalidRecipient, bad)
	for _, i := range []int{0, 2} {
		if rc := res.Recipients[i]; rc.Err != nil || rc.MessageID == "" || rc.Segments < 1 {
			s.t.Errorf("valid Recipients[%d] = %+v, want accepted", i, rc)
		}
	}
	if acc := res.Accepted(); len(acc) != 2 {
		s.t.Errorf("Accepted() = %+v, want the two valid numbers", acc)
	}
	s.expectDelivered(good1, good2)
}

// checkAllRecipientsInvalid: when every number fails, err wraps each
// failure in a *BatchError and nothing is sent.
func checkAllRecipientsInvalid(s *suite) {
	bad := []string{"12345", "+0123456789", "8613800000000"}
	res, err := s.send(s.ctx, message("all-bad", bad...))
	var be *notifier.BatchError
	if !errors.As(err, &be) {
		s.t.Fatalf("err = %v (%T), want a *notifier.BatchError", err, err)
	}
	if len(be.Errs) != len(bad) || be.Total != len(bad) {
		s.t.Errorf("BatchError has %d of %d errors, want %d of %d", len(be.Errs), be.Total, len(bad), len(bad))
	}
	for i, rc := range res.Recipients {
		s.expectRecipientError(rc.Err, notifier.ErrInvalidRecipient, bad[i])
	}
	if !errors.Is(err, notifier.ErrInvalidRecipient) {
		s.t.Errorf("err %v does not match ErrInvalidRecipient", err)
	}
	s.expectDelivered()
}

// checkMixedFailureKinds: recipients of one message that fail with
// different kinds (injected, and a malformed number), mainland and
// international, each keep their own kind in a *BatchError, in request
// order, while the accepted numbers are still reported and delivered.
func checkMixedFailureKinds(s *suite) {
	kinds := []error{notifier.ErrRateLimited, notifier.ErrRejected, notifier.ErrQuotaExceeded, notifier.ErrInvalidRecipient}
	const malformed = "12345"
	to := []string{s.nums.mainland()}
	var good []string
	good = append(good, to[0])
	want := map[int]error{}
	for i, kind := range kinds {
		n := s.nums.mainland()
		if i%2 == 1 {
			n = s.nums.international()
		}
		err := s.h.FailRecipient(s.ctx, n, kind)
		if errors.Is(err, ErrNotSupported) {
			continue // this harness cannot inject that kind
		} else if err != nil {
			s.t.Fatalf("FailRecipient(%v): %v", kind, err)
		}
		want[len(to)] = kind
		to = append(to, n)
	}
	if len(want) < 2 {
		s.t.Skip("harness cannot inject at least two kinds of per-recipient failure")
	}
	want[len(to)] = notifier.ErrInvalidRecipient
	to = append(to, malformed)
	last := s.nums.international()
	good = append(good, last)
	to = append(to, last)

	res, err := s.send(s.ctx, message("mixed", to...))
	var be *notifier.BatchError
	if !errors.As(err, &be) {
		s.t.Fatalf("err = %v (%T), want a *notifier.BatchError", err, err)
	}
	if len(be.Errs) != len(want) || be.Total != len(to) {
		s.t.Errorf("BatchError has %d of %d errors, want %d of %d", len(be.Errs), be.Total, len(want), len(to))
	}
	if len(res.Recipients) != len(to) {
		s.t.Fatalf("Result has %d recipients, want %d", len(res.Recipients), len(to))
	}
	for i, rc := range res.Recipients {
		if rc.Number != to[i] {
			s.t.Errorf("Recipients[%d].Number = %q, want %q", i, rc.Number, to[i])
		}
		kind, fails := want[i]
		if !fails {
			if rc.Err != nil || rc.MessageID == "" {
				s.t.Errorf("Recipients[%d] = %+v, want accepted", i, rc)
			}
			continue
		}
		s.expectRecipientError(rc.Err, kind, to[i])
		if !errors.Is(err, kind) {
			s.t.Errorf("Send's error %v does not match %v", err, kind)
		}
		if rc.MessageID != "" {
			s.t.Errorf("failed Recipients[%d] has MessageID %q", i, rc.MessageID)
		}
	}
	s.expectDelivered(good...)
}

// checkRateLimitedRecipient: a number the backend rate-limits fails alone
// with a temporary ErrRateLimited; the others are delivered.
func checkRateLimitedRecipient(s *suite) {
	n1, limited, n3 := s.nums.mainland(), s.nums.mainland(), s.nums.international()
	if err := s.h.FailRecipient(s.ctx, limited, notifier.ErrRateLimited); errors.Is(err, ErrNotSupported) {
		s.t.Skip("harness cannot inject per-recipient failures")
	} else if err != nil {
		s.t.Fatalf("FailRecipient: %v", err)
	}
	res, err := s.send(s.ctx, message("limited", n1, limited, n3))
	if !errors.Is(err, notifier.ErrRateLimited) {
		s.t.Fatalf("err = %v, want one matching ErrRateLimited", err)
	}
	s.expectRecipientError(res.Recipients[1].Err, notifier.ErrRateLimited, limited)
	if !notifier.IsTemporary(err) {
		s.t.Errorf("rate-limit error %v is not Temporary", err)
	}
	if res.Recipients[0].Err != nil || res.Recipients[2].Err != nil {
		s.t.Errorf("the other recipients failed: %+v", res.Recipients)
	}
	s.expectDelivered(n1, n3)
}

// checkNoRecipients: a message without numbers is invalid.
func checkNoRecipients(s *suite) {
	s.sendFails(message("none"), notifier.ErrInvalidMessage)
	s.expectDelivered()
}

// checkMissingTemplateAndBody: a message with no content is invalid.
func checkMissingTemplateAndBody(s *suite) {
	s.sendFails(notifier.Message{To: []string{s.nums.mainland()}, Sign: "Notifier"}, notifier.ErrInvalidMessage)
	s.expectDelivered()
}

// checkParamsWithoutTemplate: parameters need a template.
func checkParamsWithoutTemplate(s *suite) {
	m := notifier.Message{To: []string{s.nums.mainland()}, Body: "hello", Params: []string{"1"}, Sign: "Notifier"}
	s.sendFails(m, notifier.ErrInvalidMessage)
	s.expectDelivered()
}

// checkTagTooLong: a tag over notifier.MaxTagBytes is invalid.
func checkTagTooLong(s *suite) {
	s.sendFails(message(strings.Repeat("t", notifier.MaxTagBytes+1), s.nums.mainland()), notifier.ErrInvalidMessage)
	s.expectDelivered()
}

// checkCanceledContext: a cancelled context sends nothing and its error
// comes back comparable with errors.Is.
func checkCanceledContext(s *suite) {
	ctx, cancel := context.WithCancel(s.ctx)
	cancel()
	res, err := s.send(ctx, message("canceled", s.nums.mainland(), s.nums.mainland()))
	if !errors.Is(err, context.Canceled) {
		s.t.Fatalf("err = %v, want one matching context.Canceled", err)
	}
	for i, rc := range res.Recipients {
		if rc.Err == nil {
			s.t.Errorf("Recipients[%d] accepted under a cancelled context", i)
		}
	}
	s.expectDelivered()
}

// checkExpiredDeadline: a context past its deadline sends nothing.
func checkExpiredDeadline(s *suite) {
	ctx, cancel := context.WithDeadline(s.ctx, time.Now().Add(-time.Second))
	defer cancel()
	if _, err := s.send(ctx, message("expired", s.nums.mainland())); !errors.Is(err, context.DeadlineExceeded) {
		s.t.Fatalf("err = %v, want one matching context.DeadlineExceeded", err)
	}
	s.expectDelivered()
}

// checkReuseAfterFailure: failed sends leave the Notifier usable.
func checkReuseAfterFailure(s *suite) {
	s.sendFails(notifier.Message{To: []string{s.nums.mainland()}}, notifier.ErrInvalidMessage)
	if _, err := s.send(s.ctx, message("bad", "12345")); err == nil {
		s.t.Fatal("Send to a malformed number returned a nil error")
	}
	ctx, cancel := context.WithCancel(s.ctx)
	cancel()
	if _, err := s.send(ctx, message("canceled", s.nums.mainland())); err == nil {
		s.t.Fatal("Send under a cancelled context returned a nil error")
	}
	to := s.nums.mainland()
	s.sendOK(message("after", to))
	s.expectDelivered(to)
}

// checkReceipts: an accepted message yields a Delivered receipt with its
// message ID, found by polling PullReceipts.
func checkReceipts(s *suite) {
	if !s.h.Capabilities().Receipts {
		s.t.Skip("harness declares no receipt support")
	}
	n := s.h.Notifier()
	p, ok := n.(notifier.ReceiptPuller)
	if !ok {
		s.t.Fatalf("Capabilities.Receipts is set but %T does not implement notifier.ReceiptPuller", n)
	}
	to := s.nums.mainland()
	id := s.sendOK(message("receipt", to)).Recipients[0].MessageID
	for {
		rs, err := p.PullReceipts(s.ctx, 100)
		s.failIfTimedOut("waiting for the receipt of " + id)
		if err != nil {
			s.t.Fatalf("PullReceipts: %v", err)
		}
		for _, r := range rs {
			if r.MessageID != id {
				continue
			}
			if r.Number != to || r.Status != notifier.Delivered {
				s.t.Errorf("receipt = %+v, want number %s delivered", r, to)
			}
			return
		}
		select {
		case <-s.ctx.Done():
		case <-time.After(20 * time.Millisecond):
		}
	}
}
