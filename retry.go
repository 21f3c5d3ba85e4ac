package notifier

import (
	"context"
	"errors"
	"time"
)

// RetryPolicy says when Retry sends again.
type RetryPolicy struct {
	// Attempts is the most times a recipient is sent to, the first included.
	// Less than 2 means no retry.
	Attempts int
	// Backoff returns the wait before retry n (1 for the first retry). Nil
	// means 1s, 2s, 4s, ... capped at 30s.
	Backoff func(n int) time.Duration
	// RetryUnavailable also retries recipients that failed with
	// ErrUnavailable. It is off by default because such a failure can come
	// after the provider accepted the message (a lost answer), and a retry
	// then texts the person twice.
	RetryUnavailable bool
}

// Retry returns a Notifier that sends through n and then sends again, to
// the failed recipients only, while their error is retryable: ErrRateLimited
// (and ErrUnavailable with RetryUnavailable), up to p.Attempts in all,
// waiting p.Backoff between attempts and giving up early when ctx is done.
// The Result is merged in the caller's order: each recipient reports its
// last attempt. Nothing else is retried, and nothing at all unless the
// caller asks for it this way (see Notifier on why).
//
// The returned Notifier is safe for concurrent use if n is. Use Unwrap on it
// (notifier.Unwrapper) to reach n's optional capabilities.
func Retry(n Notifier, p RetryPolicy) Notifier {
	if p.Backoff == nil {
		p.Backoff = defaultBackoff
	}
	return &retrier{next: n, policy: p}
}

// Unwrapper is implemented by decorators such as Retry's Notifier, so that
// callers can reach the wrapped Notifier's optional capabilities
// (ReceiptPuller, ReplyPuller) with a type assertion on Unwrap's result.
type Unwrapper interface {
	Unwrap() Notifier
}

func defaultBackoff(n int) time.Duration {
	d := time.Second << min(n-1, 5)
	return min(d, 30*time.Second)
}

type retrier struct {
	next   Notifier
	policy RetryPolicy
}

func (r *retrier) Unwrap() Notifier { return r.next }

func (r *retrier) Send(ctx context.Context, m Message) (Result, error) {
	res, err := r.next.Send(ctx, m)
	if err == nil || len(res.Recipients) != len(m.To) {
		return res, err
	}
	for attempt := 1; attempt < r.policy.Attempts; attempt++ {
		again := r.retryable(res)
		if len(again) == 0 || !sleep(ctx, r.policy.Backoff(attempt)) {
			break
		}
		retry := m
		retry.To = make([]string, len(again))
		for i, idx := range again {
			retry.To[i] = m.To[idx]
		}
		var sub Result
		sub, err = r.next.Send(ctx, retry)
		if len(sub.Recipients) != len(again) {
			break // a broken Notifier; keep what we know
		}
		for i, idx := range again {
			res.Recipients[idx] = sub.Recipients[i]
		}
		if len(again) < len(m.To) {
			err = res.Err()
		}
	}
	// err is the inner Send's own error when the last attempt covered every
	// recipient (a request-level failure stays a single error); otherwise it
	// was rebuilt from the merged recipients.
	return res, err
}

// retryable returns the indexes of the recipients worth sending again.
func (r *retrier) retryable(res Result) []int {
	var idx []int
	for i, rc := range res.Recipients {
		if rc.Err == nil {
			continue
		}
		if errors.Is(rc.Err, ErrRateLimited) || (r.policy.RetryUnavailable && errors.Is(rc.Err, ErrUnavailable)) {
			idx = append(idx, i)
		}
	}
	return idx
}

// sleep waits d or until ctx is done, and reports whether it waited d.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
