package notifiertest

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/notifykit/notifier"
)

// checks is the suite, in the order Run runs it.
var checks = []check{
	{"SendOne", checkSendOne},
	{"ManyRecipientsInOrder", checkManyRecipientsInOrder},
	{"TwoParams", checkTwoParams},
	{"TagEchoed", checkTagEchoed},
	{"MessageIDsUnique", checkMessageIDsUnique},
	{"InvalidRecipientPartialFailure", checkInvalidRecipientPartialFailure},
	{"AllRecipientsInvalid", checkAllRecipientsInvalid},
	{"RateLimitedRecipient", checkRateLimitedRecipient},
	{"MixedFailureKinds", checkMixedFailureKinds},
	{"NoRecipients", checkNoRecipients},
	{"OverMaxRecipients", checkOverMaxRecipients},
	{"ExactlyMaxRecipients", checkExactlyMaxRecipients},
	{"MissingTemplateAndBody", checkMissingTemplateAndBody},
	{"ParamsWithoutTemplate", checkParamsWithoutTemplate},
	{"TagTooLong", checkTagTooLong},
	{"CanceledContext", checkCanceledContext},
	{"ExpiredDeadline", checkExpiredDeadline},
	{"ReuseAfterFailure", checkReuseAfterFailure},
	{"ConcurrentSends", checkConcurrentSends},
	{"BodyMessage", checkBodyMessage},
	{"Receipts", checkReceipts},
}

// checkSendOne: one recipient is accepted, and the backend saw exactly the
// message that was sent.
func checkSendOne(s *suite) {
	to := s.nums.mainland()
	m := message("one", to)
	res := s.sendOK(m)
	d := s.expectDelivered(to)[0]
	want := Delivery{Number: to, MessageID: res.Recipients[0].MessageID, Template: "100001",
		Params: []string{"123456"}, Sign: "Notifier", Tag: "one"}
	if d.MessageID != want.MessageID || d.Template != want.Template || !slices.Equal(d.Params, want.Params) ||
		d.Sign != want.Sign || d.Tag != want.Tag || d.Body != "" {
		s.t.Errorf("backend got %+v, want %+v", d, want)
	}
}

// checkManyRecipientsInOrder: mainland and international recipients are
// all accepted, each with its own message ID, reported in request order.
func checkManyRecipientsInOrder(s *suite) {
	to := []string{s.nums.mainland(), s.nums.international(), s.nums.mainland(), s.nums.international(), s.nums.mainland()}
	res := s.sendOK(message("many", to...))
	d := s.expectDelivered(to...)
	for i, x := range d {
		if x.MessageID != res.Recipients[i].MessageID {
			s.t.Errorf("delivery to %s has MessageID %q, Send reported %q", x.Number, x.MessageID, res.Recipients[i].MessageID)
		}
	}
}

// checkTwoParams: positional parameters arrive in order.
func checkTwoParams(s *suite) {
	to := s.nums.mainland()
	m := notifier.Message{To: []string{to}, Template: "100002", Params: []string{"4321", "15"}, Sign: "Notifier"}
	s.sendOK(m)
	if d := s.expectDelivered(to)[0]; d.Template != "100002" || !slices.Equal(d.Params, m.Params) {
		s.t.Errorf("backend got template %q params %q, want %q %q", d.Template, d.Params, m.Template, m.Params)
	}
}

// checkTagEchoed: a tag with characters that need escaping on the wire comes
// back unchanged in Result.Tag and reaches the backend.
func checkTagEchoed(s *suite) {
	const tag = `order=42&user="ann" 验证/+%20`
	to := s.nums.mainland()
	s.sendOK(message(tag, to)) // checks Result.Tag
	if d := s.expectDelivered(to)[0]; d.Tag != tag {
		s.t.Errorf("backend got tag %q, want %q", d.Tag, tag)
	}
}

// checkMessageIDsUnique: every accepted (message, recipient) has its own
// non-empty ID, across sends.
func checkMessageIDsUnique(s *suite) {
	seen := map[string]string{}
	for i := range 3 {
		m := message(fmt.Sprint("ids-", i), s.nums.mainland(), s.nums.mainland(), s.nums.international())
		for _, rc := range s.sendOK(m).Recipients {
			if prev, dup := seen[rc.MessageID]; dup {
				s.t.Errorf("MessageID %q given to %s and %s", rc.MessageID, prev, rc.Number)
			}
			seen[rc.MessageID] = rc.Number
		}
	}
	for _, d := range s.delivered() {
		if seen[d.MessageID] != d.Number {
			s.t.Errorf("backend delivery %s/%q does not match a Send result", d.Number, d.MessageID)
		}
	}
}

// checkOverMaxRecipients: a batch one over the limit fails as a whole with
// ErrInvalidMessage and nothing is sent.
func checkOverMaxRecipients(s *suite) {
	limit := s.h.Capabilities().MaxRecipients
	if limit < 1 {
		s.t.Skip("harness declares no Capabilities.MaxRecipients")
	}
	to := make([]string, limit+1)
	for i := range to {
		to[i] = s.nums.mainland()
	}
	s.sendFails(message("over", to...), notifier.ErrInvalidMessage)
	s.expectDelivered()
}

// checkExactlyMaxRecipients: a batch at the limit is accepted in full.
func checkExactlyMaxRecipients(s *suite) {
	limit := s.h.Capabilities().MaxRecipients
	switch {
	case limit < 1:
		s.t.Skip("harness declares no Capabilities.MaxRecipients")
	case limit > 1000:
		s.t.Skipf("MaxRecipients %d is over 1000; too costly to send in full", limit)
	}
	to := make([]string, limit)
	for i := range to {
		to[i] = s.nums.mainland()
	}
	s.sendOK(message("max", to...))
	s.expectDelivered(to...)
}

// checkConcurrentSends: 50 goroutines sending 20 messages each; every send
// is accepted and observed exactly once, with its own content.
func checkConcurrentSends(s *suite) {
	const goroutines, sends = 50, 20
	type sent struct{ number, id, param string }
	var (
		mu   sync.Mutex
		want = map[string]sent{} // by tag
		wg   sync.WaitGroup
	)
	n := s.h.Notifier()
	for g := range goroutines {
		wg.Go(func() {
			for i := range sends {
				tag := fmt.Sprintf("c-%02d-%02d", g, i)
				m := message(tag, s.nums.mainland())
				m.Params = []string{fmt.Sprintf("%06d", g*sends+i)}
				res, err := n.Send(s.ctx, m)
				if err != nil {
					s.t.Errorf("send %s: %v", tag, err)
					return
				}
				if len(res.Recipients) != 1 || res.Recipients[0].MessageID == "" {
					s.t.Errorf("send %s: result %+v", tag, res)
					return
				}
				mu.Lock()
				want[tag] = sent{m.To[0], res.Recipients[0].MessageID, m.Params[0]}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	s.failIfTimedOut("concurrent sends")
	if s.t.Failed() {
		return
	}
	d := s.delivered()
	if len(d) != goroutines*sends {
		s.t.Errorf("backend accepted %d messages, want %d", len(d), goroutines*sends)
	}
	seen := map[string]bool{}
	for _, x := range d {
		w, ok := want[x.Tag]
		switch {
		case !ok:
			s.t.Errorf("backend accepted an unknown message %+v", x)
		case seen[x.Tag]:
			s.t.Errorf("backend accepted %s twice", x.Tag)
		case x.Number != w.number || x.MessageID != w.id || !slices.Equal(x.Params, []string{w.param}):
			s.t.Errorf("backend accepted %+v for %s, want %+v", x, x.Tag, w)
		}
		seen[x.Tag] = true
	}
}

// checkBodyMessage: a free-text message reaches the backend as such.
func checkBodyMessage(s *suite) {
	if !s.h.Capabilities().Body {
		s.t.Skip("harness declares no free-text Body support")
	}
	to := s.nums.international()
	body := "notifiertest: free-text message " + strings.Repeat("x", 10)
	s.sendOK(notifier.Message{To: []string{to}, Body: body, Sign: "Notifier", Tag: "body"})
	if d := s.expectDelivered(to)[0]; d.Body != body || d.Template != "" {
		s.t.Errorf("backend got body %q template %q, want body %q and no template", d.Body, d.Template, body)
	}
}
