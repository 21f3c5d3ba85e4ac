package fake

import (
	"slices"
	"time"

	"github.com/notifykit/notifier"
)

// DefaultMaxRecipients is the largest batch a Fake made without WithRules
// accepts, unless WithMaxRecipients says otherwise. It is Tencent's limit
// for one SendSms request; the tencent adapter splits larger messages and
// accepts up to its Config.MaxRecipients (1000 by default), which
// WithRules(tencent.Rules()) models.
const DefaultMaxRecipients = 200

// DefaultDuplicateWindow is how close in time two identical sends must be
// for Duplicates to report them, unless WithDuplicateWindow says otherwise.
const DefaultDuplicateWindow = time.Minute

// DefaultWaitTimeout is how long WaitFor waits when its context has no
// deadline, unless WithWaitTimeout says otherwise: long enough for any
// goroutine of the code under test, short enough that a test waiting for
// a message that never comes fails in seconds rather than at go test's
// 10-minute timeout. The fake server's /_fake/messages/wait waits as long.
const DefaultWaitTimeout = 10 * time.Second

// Option configures a Fake made by New.
type Option func(*Fake)

// WithRules makes the Fake enforce a provider's rules, as that provider's
// adapter does, with the same error kinds and the same split between
// whole-request and per-recipient failures (see Send):
//
//	sms := fake.New(fake.WithRules(tencent.Rules()), fake.WithTemplate("100001", "Your code is {1}."))
//
// The rules replace the Fake's defaults, DefaultMaxRecipients included;
// WithMaxRecipients given after WithRules still changes the batch limit.
// The differential suite (notifiertest.Diff) checks that a Fake with an
// adapter's rules and the adapter itself agree.
func WithRules(r notifier.Rules) Option {
	r.Domestic = slices.Clone(r.Domestic)
	r.SignRequired = slices.Clone(r.SignRequired)
	return func(f *Fake) { f.rules = r }
}

// WithMaxRecipients sets the largest number of recipients one Send accepts;
// a larger batch fails as a whole with notifier.ErrInvalidMessage. Values
// below 1 leave the limit as it is (DefaultMaxRecipients, or the one of
// WithRules).
func WithMaxRecipients(n int) Option {
	return func(f *Fake) {
		if n >= 1 {
			f.rules.MaxRecipients = n
		}
	}
}

// WithTemplate registers a template text under id, as SetTemplate does.
func WithTemplate(id, text string) Option {
	return func(f *Fake) { f.templates[id] = parseTemplate(text) }
}

// WithInternationalTemplate registers a template of the international
// market under id, as SetInternationalTemplate does.
func WithInternationalTemplate(id, text string) Option {
	return func(f *Fake) {
		t := parseTemplate(text)
		t.international = true
		f.templates[id] = t
	}
}

// WithLatency makes every Send wait d before it is handled, as SetLatency
// does. Reset restores this latency.
func WithLatency(d time.Duration) Option {
	return func(f *Fake) { f.baseLatency = max(d, 0) }
}

// WithClock sets the clock that stamps Sent.Time, receipts and replies and
// that duplicate detection measures its window with. The default is
// time.Now. now must be safe for concurrent use.
func WithClock(now func() time.Time) Option {
	return func(f *Fake) {
		if now != nil {
			f.now = now
		}
	}
}

// WithDuplicateWindow sets how close in time two sends of the same content
// to the same number must be for Duplicates to report them. A window of 0
// or less turns duplicate detection off.
func WithDuplicateWindow(d time.Duration) Option {
	return func(f *Fake) { f.window = d }
}

// WithWaitTimeout sets how long WaitFor waits when its context has no
// deadline (DefaultWaitTimeout otherwise). A d of 0 or less waits for the
// context alone, however long that takes.
func WithWaitTimeout(d time.Duration) Option {
	return func(f *Fake) { f.waitTimeout = max(d, 0) }
}
