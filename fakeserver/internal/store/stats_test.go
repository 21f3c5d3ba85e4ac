package store

import (
	"fmt"
	"runtime"
	"strconv"
	"testing"
	"time"
)

func TestCountInterleavedAppsAndHours(t *testing.T) {
	s := New(Config{})
	tx := &Tx{s}
	t1 := t0.Add(time.Hour)
	h0, h1 := t0.Unix()/3600, t1.Unix()/3600
	for _, c := range []struct {
		app      string
		at       time.Time
		accepted bool
		fee      int
	}{
		{"1", t0, true, 1}, {"2", t0, true, 2}, {"1", t1, false, 0}, {"1", t0, true, 3}, {"2", t1, true, 1}, {"1", t1, true, 2}, {"1", t0, false, 0},
	} {
		tx.Count(c.app, c.at, c.accepted, c.fee)
	}
	for _, w := range []struct {
		app      string
		from, to int64
		want     Counts
	}{
		{"1", h0, h0, Counts{Requests: 3, Success: 2, Fee: 4}},
		{"1", h1, h1, Counts{Requests: 2, Success: 1, Fee: 2}},
		{"1", h0, h1, Counts{Requests: 5, Success: 3, Fee: 6}},
		{"2", h0, h0, Counts{Requests: 1, Success: 1, Fee: 2}},
		{"2", h0, h1, Counts{Requests: 2, Success: 2, Fee: 3}},
		{"3", h0, h1, Counts{}},
		{"1", 0, h1 + 24*500, Counts{Requests: 5, Success: 3, Fee: 6}}, // a window too wide to look up hour by hour
	} {
		if got := tx.Sum(w.app, w.from, w.to); got != w.want {
			t.Errorf("Sum(app %s, %d..%d) = %+v, want %+v", w.app, w.from, w.to, got, w.want)
		}
	}
	if got := tx.FeeTotal("1"); got != 6 {
		t.Errorf("FeeTotal = %d, want 6", got)
	}
	s.Reset()
	tx.Count("1", t0, true, 1)
	if got := tx.Sum("1", h0, h0); got != (Counts{Requests: 1, Success: 1, Fee: 1}) {
		t.Errorf("after Reset: %+v", got)
	}
}

// TestStatsAreBounded checks that a client inventing an app per request
// cannot grow the statistics past maxStatHours.
func TestStatsAreBounded(t *testing.T) {
	s := New(Config{})
	tx := &Tx{s}
	for i := range maxStatHours + 100 {
		tx.Count(fmt.Sprint(i), t0, true, 1)
	}
	if n := len(s.stats.hours); n > maxStatHours {
		t.Errorf("%d hourly counters kept, want at most %d", n, maxStatHours)
	}
	if n := len(s.stats.fees); n > maxStatHours {
		t.Errorf("%d app fee totals kept, want at most %d", n, maxStatHours)
	}
}

// TestHeapPerMessage checks the store's footprint: at most 200 bytes of
// heap per held message, each to a different number with different params
// (see BenchmarkHeapPerMessage for the 1,000,000-message figure).
func TestHeapPerMessage(t *testing.T) {
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	if got := heapPerMessage(t, n); got > 200 {
		t.Errorf("%.0f bytes of heap per held message, want at most 200", got)
	}
}

func heapPerMessage(t testing.TB, n int) float64 {
	s := New(Config{Now: time.Now, DuplicateWindow: 10 * time.Minute})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		num := mustNumber(t, "+86138"+strconv.Itoa(10_000_000+i%90_000_000))
		_ = s.Update(func(tx *Tx) error {
			tx.Add(Delivery{Number: num, App: "1400006666", Template: "100001", Sign: "Notifier",
				Content: "Your code is {1}", Params: []string{strconv.Itoa(100_000 + i%900_000)}, Fee: 1, At: t0})
			tx.Count("1400006666", t0, true, 1)
			return nil
		})
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	if got := s.Sizes().Held; got != n {
		t.Fatalf("%d messages held, want %d", got, n)
	}
	return (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(n)
}

func BenchmarkHeapPerMessage(b *testing.B) {
	for b.Loop() {
		b.ReportMetric(heapPerMessage(b, 1_000_000), "heapB/msg")
	}
}
