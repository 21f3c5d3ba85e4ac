package notifier

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// DefaultMaxRetryAfter is the longest Error.RetryAfter that Retry waits
// out when RetryPolicy.MaxRetryAfter is zero.
const DefaultMaxRetryAfter = time.Minute

// RetryPolicy says when Retry sends again.
type RetryPolicy struct {
	// Attempts is the most times a recipient is sent to, the first included.
	// Less than 2 means no retry.
	Attempts int
	// Backoff returns the wait before retry n (1 for the first retry). Nil
	// means DefaultBackoff: about 1s, 2s, 4s, ... capped at 30s, each wait
	// drawn at random from its upper half so that clients rate-limited
	// together do not retry together.
	Backoff func(n int) time.Duration
	// RetryUnavailable also retries recipients that failed with
	// ErrUnavailable. It is off by default because such a failure can come
	// after the provider accepted the message (a lost answer), and a retry
	// then texts the person twice.
	RetryUnavailable bool
	// MaxRetryAfter is the longest Error.RetryAfter worth waiting for. A
	// recipient whose error asks for a longer wait (a daily cap: hours) is
	// not retried at all; a shorter RetryAfter makes the wait before the
	// next attempt at least that long. Zero means DefaultMaxRetryAfter; a
	// negative value never waits for a RetryAfter, so only errors without
	// one are retried.
	MaxRetryAfter time.Duration
}

// Retry returns a Notifier that sends through n and then sends again, to
// the failed recipients only, while their error is retryable: ErrRateLimited
// (and ErrUnavailable with RetryUnavailable) whose Error.RetryAfter, if any,
// is within p.MaxRetryAfter. It makes up to p.Attempts in all, waiting
// p.Backoff (or the longest RetryAfter of the recipients it resends, if
// longer) between attempts and giving up early when ctx is done. The Result
// is merged in the caller's order: each recipient reports its last attempt.
// Nothing else is retried, and nothing at all unless the caller asks for it
// this way (see Notifier on why).
//
// The returned Notifier is safe for concurrent use if n is. Use Unwrap on it
// (notifier.Unwrapper) to reach n's optional capabilities.
func Retry(n Notifier, p RetryPolicy) Notifier {
	if p.Backoff == nil {
		p.Backoff = DefaultBackoff
	}
	switch {
	case p.MaxRetryAfter == 0:
		p.MaxRetryAfter = DefaultMaxRetryAfter
	case p.MaxRetryAfter < 0:
		p.MaxRetryAfter = 0
	}
	return &retrier{next: n, policy: p}
}

// Unwrapper is implemented by decorators such as Retry's Notifier, so that
// callers can reach the wrapped Notifier's optional capabilities
// (ReceiptPuller, ReplyPuller) with a type assertion on Unwrap's result.
type Unwrapper interface {
	Unwrap() Notifier
}

// DefaultBackoff is Retry's wait before retry n when RetryPolicy.Backoff is
// nil: 1s, 2s, 4s, ... capped at 30s, with "equal jitter": the wait is drawn
// uniformly from the upper half of that value, so it is never less than
// half of it. It is safe for concurrent use.
func DefaultBackoff(n int) time.Duration { return jitteredBackoff(n, rand.Int64N) }

// jitteredBackoff is DefaultBackoff with its random source: randN(k)
// returns a number in [0, k).
func jitteredBackoff(n int, randN func(int64) int64) time.Duration {
	d := min(time.Second<<min(max(n, 1)-1, 5), 30*time.Second)
	half := d / 2
	return d - half + time.Duration(randN(int64(half)+1))
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
		again, after := r.retryable(res)
		if len(again) == 0 || !sleep(ctx, max(r.policy.Backoff(attempt), after)) {
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

// retryable returns the indexes of the recipients worth sending again and
// the longest RetryAfter among them.
func (r *retrier) retryable(res Result) (idx []int, after time.Duration) {
	for i, rc := range res.Recipients {
		if rc.Err == nil {
			continue
		}
		if !errors.Is(rc.Err, ErrRateLimited) && !(r.policy.RetryUnavailable && errors.Is(rc.Err, ErrUnavailable)) {
			continue
		}
		var e *Error
		if errors.As(rc.Err, &e) && e.RetryAfter > 0 {
			if e.RetryAfter > r.policy.MaxRetryAfter {
				continue // a daily cap: no retry today can help
			}
			after = max(after, e.RetryAfter)
		}
		idx = append(idx, i)
	}
	return idx, after
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
