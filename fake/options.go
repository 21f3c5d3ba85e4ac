package fake

import "time"

// DefaultMaxRecipients is the largest batch a Fake accepts unless
// WithMaxRecipients says otherwise. It matches Tencent's limit for one
// SendSms request; the tencent adapter splits larger messages and accepts
// up to its Config.MaxRecipients (1000 by default), so use
// WithMaxRecipients(1000) to model the adapter rather than one request.
const DefaultMaxRecipients = 200

// DefaultDuplicateWindow is how close in time two identical sends must be
// for Duplicates to report them, unless WithDuplicateWindow says otherwise.
const DefaultDuplicateWindow = time.Minute

// Option configures a Fake made by New.
type Option func(*Fake)

// WithMaxRecipients sets the largest number of recipients one Send accepts;
// a larger batch fails as a whole with notifier.ErrInvalidMessage. Values
// below 1 keep DefaultMaxRecipients.
func WithMaxRecipients(n int) Option {
	return func(f *Fake) {
		if n >= 1 {
			f.maxRecipients = n
		}
	}
}

// WithTemplate registers a template text under id, as SetTemplate does.
func WithTemplate(id, text string) Option {
	return func(f *Fake) { f.templates[id] = parseTemplate(text) }
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
