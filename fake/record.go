package fake

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/notifykit/notifier"
)

// Sent is one accepted message to one recipient, as the Fake recorded it.
// A Message to three numbers that were all accepted is three Sent values.
type Sent struct {
	// Number is the recipient, as given in Message.To.
	Number string
	// MessageID is the ID Send reported in Recipient.MessageID.
	MessageID string
	// Template, Params, Body, Sign, SenderID and Tag are the Message's
	// fields as the provider would get them: Sign is the rules'
	// DefaultSign when the message has none, and SenderID is empty for a
	// domestic number (see notifier.Rules).
	Template string
	Params   []string
	Body     string
	Sign     string
	SenderID string
	Tag      string
	// Text is what the recipient would read: 【Sign】 (when the message
	// has a sign, or the rules a DefaultSign) followed by the rendered
	// template when it is registered (see SetTemplate), the Body of a
	// free-text message, or otherwise the params joined by single spaces.
	// The fake server renders the same text for the same message.
	Text string
	// Segments is the number of billed segments Send reported.
	Segments int
	// Time is when the Fake's clock accepted the message.
	Time time.Time
}

// clone returns a copy of s that shares no memory with it.
func (s Sent) clone() Sent {
	s.Params = slices.Clone(s.Params)
	return s
}

// contentHash hashes what makes two sends duplicates (number, template,
// params, body) with FNV-1a, without allocating.
func (s *Sent) contentHash() uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	add := func(v string) {
		for i := 0; i < len(v); i++ {
			h = (h ^ uint64(v[i])) * prime
		}
		h = (h ^ 0xff) * prime // separator: no byte of valid UTF-8 is 0xff
	}
	add(s.Number)
	add(s.Template)
	add(s.Body)
	for _, p := range s.Params {
		add(p)
	}
	return h
}

// sameContent reports whether s and o send the same content to the same number.
func (s *Sent) sameContent(o *Sent) bool {
	return s.Number == o.Number && s.Template == o.Template && s.Body == o.Body &&
		slices.Equal(s.Params, o.Params)
}

// Duplicate is a send that repeated an earlier one: same number, template,
// params and body within the duplicate window (see WithDuplicateWindow).
type Duplicate struct {
	// First is the earlier send, Repeat the later one.
	First, Repeat Sent
}

// Messages returns a copy of every accepted (message, recipient) pair since
// New or the last Reset, in acceptance order.
func (f *Fake) Messages() []Sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Sent, f.sent.len())
	for i := range out {
		out[i] = f.sent.at(i).clone()
	}
	return out
}

// Last returns a copy of the most recently accepted (message, recipient)
// pair, and false if nothing was accepted since New or the last Reset.
func (f *Fake) Last() (Sent, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sent.len() == 0 {
		return Sent{}, false
	}
	return f.sent.at(f.sent.len() - 1).clone(), true
}

// Duplicates returns a copy of every send that repeated an earlier one
// within the duplicate window, in the order the repeats were accepted. An
// application that texts the same code twice shows up here.
func (f *Fake) Duplicates() []Duplicate {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Duplicate, f.dups.len())
	for i := range out {
		d := f.dups.at(i)
		out[i] = Duplicate{First: f.sent.at(d[0]).clone(), Repeat: f.sent.at(d[1]).clone()}
	}
	return out
}

// WaitFor blocks until an accepted (message, recipient) pair satisfies
// match, and returns a copy of the first one. Pairs accepted before the call
// count, so it does not matter whether the application's goroutine sent
// before or after WaitFor started. A nil match accepts any pair.
//
// WaitFor gives up when ctx is done, or, when ctx has no deadline, after
// the Fake's wait timeout (DefaultWaitTimeout, 10 seconds, unless
// WithWaitTimeout says otherwise), so that a message that never comes
// fails the test quickly. Its error then says how many pairs were seen and
// wraps ctx.Err() or context.DeadlineExceeded.
//
// match is called without the Fake's lock held, so it may use the Fake.
func (f *Fake) WaitFor(ctx context.Context, match func(Sent) bool) (Sent, error) {
	if ctx == nil {
		return Sent{}, notifier.ErrNilContext
	}
	timeout := time.Duration(0) // the default applied, for the error message
	if _, ok := ctx.Deadline(); !ok && f.waitTimeout > 0 {
		timeout = f.waitTimeout
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	next, gen := 0, -1 // index of the first pair not yet matched, for Reset generation gen
	for {
		f.mu.Lock()
		if gen != f.gen {
			next, gen = 0, f.gen
		}
		batch := make([]Sent, 0, f.sent.len()-next)
		for ; next < f.sent.len(); next++ {
			batch = append(batch, f.sent.at(next).clone())
		}
		if f.waitCh == nil {
			f.waitCh = make(chan struct{})
		}
		wake := f.waitCh
		f.mu.Unlock()

		for _, s := range batch {
			if match == nil || match(s) {
				return s, nil
			}
		}
		select {
		case <-wake:
		case <-ctx.Done():
			if timeout > 0 && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return Sent{}, fmt.Errorf("fake: WaitFor: no matching message among %s sent in %v "+
					"(the wait timeout when ctx has no deadline; see WithWaitTimeout): %w", pairs(next), timeout, ctx.Err())
			}
			return Sent{}, fmt.Errorf("fake: WaitFor: no matching message among %s sent: %w", pairs(next), ctx.Err())
		}
	}
}

// pairs returns "1 message" or "n messages".
func pairs(n int) string {
	if n == 1 {
		return "1 message"
	}
	return fmt.Sprintf("%d messages", n)
}

// Reset forgets every recorded message, duplicate, pending receipt and
// reply, and every injected fault (FailNext, FailNumber, MarkUndelivered),
// and restores the latency set by WithLatency. Registered templates and the
// options given to New stay. Message IDs keep counting, so IDs issued after
// Reset never repeat earlier ones.
func (f *Fake) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent.reset()
	f.gen++
	clear(f.lastByKey)
	f.dups.reset()
	f.failNext, f.failNextErr = 0, nil
	clear(f.failures)
	clear(f.undelivered)
	f.receiptNext = 0
	f.replies = nil
	f.latency.Store(int64(f.baseLatency))
}
