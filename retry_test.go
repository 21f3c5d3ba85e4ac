package notifier_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/notifiertest"
)

// scripted is a Notifier whose per-recipient outcome is decided by fail,
// given the 0-based call number; it records the numbers of every call.
type scripted struct {
	fail func(call int, number string) error

	mu    sync.Mutex // guards calls
	calls [][]string
}

func (s *scripted) Send(_ context.Context, m notifier.Message) (notifier.Result, error) {
	s.mu.Lock()
	call := len(s.calls)
	s.calls = append(s.calls, slices.Clone(m.To))
	s.mu.Unlock()
	res := notifier.Result{Tag: m.Tag, Recipients: make([]notifier.Recipient, len(m.To))}
	for i, n := range m.To {
		res.Recipients[i] = notifier.Recipient{Number: n}
		if err := s.fail(call, n); err != nil {
			res.Recipients[i].Err = err
		} else {
			res.Recipients[i].MessageID = strconv.Itoa(call) + "/" + n
			res.Recipients[i].Segments = 1
		}
	}
	return res, res.Err()
}

func kindErr(kind error, number string) error {
	return &notifier.Error{Kind: kind, Code: "Test", Recipient: number}
}

var noWait = func(int) time.Duration { return 0 }

func TestRetryResendsOnlyRetryableFailures(t *testing.T) {
	const a, b, c, d = "+8613800000001", "+8613800000002", "+8613800000003", "+8613800000004"
	inner := &scripted{fail: func(call int, n string) error {
		switch {
		case n == b && call == 0:
			return kindErr(notifier.ErrRateLimited, n) // succeeds on retry
		case n == c:
			return kindErr(notifier.ErrInvalidRecipient, n) // never retried
		case n == d && call < 2:
			return kindErr(notifier.ErrRateLimited, n) // succeeds on the third attempt
		}
		return nil
	}}
	n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 3, Backoff: noWait})
	res, err := n.Send(context.Background(), notifier.Message{To: []string{a, b, c, d}, Template: "1"})

	if !errors.Is(err, notifier.ErrInvalidRecipient) || errors.Is(err, notifier.ErrRateLimited) {
		t.Fatalf("err = %v, want only the invalid recipient", err)
	}
	want := [][]string{{a, b, c, d}, {b, d}, {d}}
	if !slices.EqualFunc(inner.calls, want, slices.Equal) {
		t.Errorf("calls = %v, want %v", inner.calls, want)
	}
	ids := []string{"0/" + a, "1/" + b, "", "2/" + d}
	for i, rc := range res.Recipients {
		if rc.Number != []string{a, b, c, d}[i] || rc.MessageID != ids[i] {
			t.Errorf("recipient %d = %+v, want number %s id %q", i, rc, []string{a, b, c, d}[i], ids[i])
		}
	}
}

func TestRetryGivesUpAfterAttempts(t *testing.T) {
	inner := &scripted{fail: func(_ int, n string) error { return kindErr(notifier.ErrRateLimited, n) }}
	var waits []int
	n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 3, Backoff: func(i int) time.Duration {
		waits = append(waits, i)
		return 0
	}})
	_, err := n.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
	if !errors.Is(err, notifier.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	if len(inner.calls) != 3 || !slices.Equal(waits, []int{1, 2}) {
		t.Errorf("calls %d, backoff asked for %v; want 3 calls and [1 2]", len(inner.calls), waits)
	}
}

func TestRetryUnavailableOnlyWhenAsked(t *testing.T) {
	for _, opt := range []bool{false, true} {
		inner := &scripted{fail: func(call int, n string) error {
			if call == 0 {
				return kindErr(notifier.ErrUnavailable, n)
			}
			return nil
		}}
		n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 2, Backoff: noWait, RetryUnavailable: opt})
		_, err := n.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
		if opt != (err == nil) || len(inner.calls) != map[bool]int{false: 1, true: 2}[opt] {
			t.Errorf("RetryUnavailable=%v: err %v after %d calls", opt, err, len(inner.calls))
		}
	}
}

func TestRetryKeepsRequestLevelErrorSingle(t *testing.T) {
	shared := kindErr(notifier.ErrRateLimited, "")
	calls := 0
	inner := notifierFunc(func(_ context.Context, m notifier.Message) (notifier.Result, error) {
		calls++
		return notifier.FailAll(m, shared), shared
	})
	n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 2, Backoff: noWait})
	_, err := n.Send(context.Background(), notifier.Message{To: []string{"+8613800000001", "+8613800000002"}, Template: "1"})
	var batch *notifier.BatchError
	if errors.As(err, &batch) || !errors.Is(err, notifier.ErrRateLimited) {
		t.Errorf("err = %#v, want the single request-level error", err)
	}
	if calls != 2 {
		t.Errorf("%d calls, want 2", calls)
	}
}

type notifierFunc func(context.Context, notifier.Message) (notifier.Result, error)

func (f notifierFunc) Send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	return f(ctx, m)
}

func TestRetryStopsWhenContextEnds(t *testing.T) {
	inner := &scripted{fail: func(_ int, n string) error { return kindErr(notifier.ErrRateLimited, n) }}
	ctx, cancel := context.WithCancel(context.Background())
	n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 5, Backoff: func(int) time.Duration {
		cancel()
		return time.Hour
	}})
	_, err := n.Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
	if !errors.Is(err, notifier.ErrRateLimited) || len(inner.calls) != 1 {
		t.Errorf("err %v after %d calls; want the first attempt's error and no retry", err, len(inner.calls))
	}
}

// TestRetrySkipsDailyCaps: a recipient whose error asks to wait longer
// than MaxRetryAfter (a daily cap) is not resent; one whose RetryAfter fits
// is resent after that wait, not after the (shorter) backoff. The clock is
// synctest's fake one, so the waits are exact and cost nothing.
func TestRetrySkipsDailyCaps(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const a, b, c = "+8613800000001", "+8613800000002", "+8613800000003"
		daily := &notifier.Error{Kind: notifier.ErrRateLimited, Code: "LimitExceeded.PhoneNumberDailyLimit", Recipient: b, RetryAfter: 5 * time.Hour}
		var at []time.Duration // when each call came, since the start
		start := time.Now()
		inner := &scripted{fail: func(call int, n string) error {
			if n == a {
				at = append(at, time.Since(start))
			}
			switch {
			case n == b:
				return daily
			case n == a && call == 0:
				return &notifier.Error{Kind: notifier.ErrRateLimited, Recipient: a, RetryAfter: 40 * time.Second}
			case n == c && call == 0:
				return kindErr(notifier.ErrRateLimited, n)
			}
			return nil
		}}
		n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 3, Backoff: func(int) time.Duration { return time.Second }})
		res, err := n.Send(t.Context(), notifier.Message{To: []string{a, b, c}, Template: "1"})
		if err != daily || res.Recipients[1].Err != daily {
			t.Errorf("err = %v, want the daily cap of %s alone", err, b)
		}
		if want := [][]string{{a, b, c}, {a, c}}; !slices.EqualFunc(inner.calls, want, slices.Equal) {
			t.Errorf("calls = %v, want %v: the daily cap is never resent", inner.calls, want)
		}
		if want := []time.Duration{0, 40 * time.Second}; !slices.Equal(at, want) {
			t.Errorf("calls to %s at %v, want %v: the retry waits out RetryAfter, not the 1s backoff", a, at, want)
		}
	})
}

// TestRetryMaxRetryAfter: MaxRetryAfter bounds the RetryAfter Retry waits
// for; a negative one retries only errors without a RetryAfter.
func TestRetryMaxRetryAfter(t *testing.T) {
	const a = "+8613800000001"
	for _, tt := range []struct {
		max      time.Duration
		after    time.Duration
		resent   bool
		scenario string
	}{
		{0, time.Minute, true, "default bound, at it"},
		{0, time.Minute + time.Second, false, "default bound, over it"},
		{2 * time.Hour, time.Hour, true, "raised bound"},
		{-1, time.Second, false, "negative: never wait for a RetryAfter"},
		{-1, 0, true, "negative: no RetryAfter, retried"},
	} {
		synctest.Test(t, func(t *testing.T) {
			inner := &scripted{fail: func(call int, n string) error {
				if call == 0 {
					return &notifier.Error{Kind: notifier.ErrRateLimited, Recipient: n, RetryAfter: tt.after}
				}
				return nil
			}}
			n := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 2, Backoff: noWait, MaxRetryAfter: tt.max})
			_, err := n.Send(t.Context(), notifier.Message{To: []string{a}, Template: "1"})
			if resent := len(inner.calls) == 2; resent != tt.resent || (err == nil) != tt.resent {
				t.Errorf("%s: %d calls, err %v; want resent=%v", tt.scenario, len(inner.calls), err, tt.resent)
			}
		})
	}
}

// TestDefaultBackoffJitter: the default waits double up to 30s and are
// drawn from the upper half of each value, checked at both ends of the
// random source, and for the real source on synctest's clock.
func TestDefaultBackoffJitter(t *testing.T) {
	base := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for i, d := range base {
		n := i + 1
		if got := notifier.JitteredBackoff(n, func(k int64) int64 { return 0 }); got != d/2 {
			t.Errorf("retry %d with the lowest draw waits %v, want %v", n, got, d/2)
		}
		if got := notifier.JitteredBackoff(n, func(k int64) int64 { return k - 1 }); got != d {
			t.Errorf("retry %d with the highest draw waits %v, want %v", n, got, d)
		}
		for range 100 {
			if got := notifier.DefaultBackoff(n); got < d/2 || got > d {
				t.Fatalf("DefaultBackoff(%d) = %v, outside [%v, %v]", n, got, d/2, d)
			}
		}
	}
	seen := map[time.Duration]bool{}
	for range 20 {
		seen[notifier.DefaultBackoff(3)] = true
	}
	if len(seen) < 2 {
		t.Errorf("DefaultBackoff(3) gave %v 20 times: no jitter", seen)
	}
	// Retry without a Backoff uses DefaultBackoff.
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var second time.Duration
		inner := &scripted{fail: func(call int, n string) error {
			if call == 0 {
				return kindErr(notifier.ErrRateLimited, n)
			}
			second = time.Since(start)
			return nil
		}}
		if _, err := notifier.Retry(inner, notifier.RetryPolicy{Attempts: 2}).Send(t.Context(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"}); err != nil {
			t.Fatal(err)
		}
		if second < time.Second/2 || second > time.Second {
			t.Errorf("first retry after %v, want within [0.5s, 1s]", second)
		}
	})
}

func TestRetryUnwrap(t *testing.T) {
	f := fake.New()
	n := notifier.Retry(f, notifier.RetryPolicy{Attempts: 2})
	u, ok := n.(notifier.Unwrapper)
	if !ok || u.Unwrap() != notifier.Notifier(f) {
		t.Fatal("Retry's Notifier does not unwrap to the fake")
	}
	if _, ok := u.Unwrap().(notifier.ReceiptPuller); !ok {
		t.Error("the unwrapped fake lost its ReceiptPuller")
	}
}

// TestContractRetry runs the contract suite against Retry over the fake:
// the decorator must keep every rule of the contract.
func TestContractRetry(t *testing.T) {
	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
		return retryHarness{fakeHarness{fake.New()}}
	})
}

type retryHarness struct{ fakeHarness }

func (h retryHarness) Notifier() notifier.Notifier {
	return notifier.Retry(h.f, notifier.RetryPolicy{Attempts: 3, Backoff: noWait})
}

func (h retryHarness) Capabilities() notifiertest.Capabilities {
	c := h.fakeHarness.Capabilities()
	c.Receipts = false // reached through Unwrap, not on the decorator
	return c
}
