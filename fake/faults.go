package fake

import (
	"time"

	"github.com/notifykit/notifier"
)

// kinds are the notifier sentinels that FailNext turns into *notifier.Error.
var kinds = []error{
	notifier.ErrInvalidRecipient,
	notifier.ErrInvalidMessage,
	notifier.ErrUnauthorized,
	notifier.ErrRateLimited,
	notifier.ErrQuotaExceeded,
	notifier.ErrRejected,
	notifier.ErrUnavailable,
	notifier.ErrNotFound,
	notifier.ErrUnsupported,
}

// FailNext makes the next n calls to Send fail as a whole with err, whatever
// their message: every recipient carries err and nothing is recorded. A
// notifier sentinel (notifier.ErrUnavailable, ...) is returned as a
// *notifier.Error of that Kind, as a provider adapter would return it; any
// other error is returned as is. n < 1 or a nil err cancels pending
// failures.
func (f *Fake) FailNext(n int, err error) {
	for _, k := range kinds {
		if err == k {
			err = injected(k, "", "failure injected by fake.FailNext")
			break
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if n < 1 || err == nil {
		f.failNext, f.failNextErr = 0, nil
		return
	}
	f.failNext, f.failNextErr = n, err
}

// FailNumber makes every later send to number fail for that recipient only,
// with a *notifier.Error whose Kind is kind (notifier.ErrRateLimited, ...),
// while the message's other recipients are accepted. A nil kind removes the
// fault. number must match Message.To exactly.
func (f *Fake) FailNumber(number string, kind error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if kind == nil {
		delete(f.failures, number)
		return
	}
	f.failures[number] = kind
}

// SetLatency makes every later Send wait d before it is handled. The wait
// ends early, failing the Send with ctx's error, when ctx is done. A d of 0
// or less removes the latency.
func (f *Fake) SetLatency(d time.Duration) {
	f.latency.Store(int64(max(d, 0)))
}

// MarkUndelivered makes the receipts of messages to numbers report
// notifier.Undelivered instead of notifier.Delivered. It applies to every
// receipt pulled after the call, including those of messages already sent.
func (f *Fake) MarkUndelivered(numbers ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, n := range numbers {
		f.undelivered[n] = true
	}
}

// injected builds the error an injected fault returns.
func injected(kind error, number, msg string) error {
	return &notifier.Error{Kind: kind, Code: InjectedCode, Recipient: number, Message: msg}
}

// InjectedCode is the provider code of the *notifier.Error values that
// FailNext and FailNumber inject.
const InjectedCode = "Fake.Injected"
