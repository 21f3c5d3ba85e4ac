package store

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fillStore returns a store holding n messages, each to one of numbers
// distinct numbers with its own param.
func fillStore(tb testing.TB, n, numbers int) *Store {
	s := New(Config{MaxMessages: n, DuplicateWindow: 10 * time.Minute, Now: time.Now})
	_ = s.Update(func(tx *Tx) error {
		for i := range n {
			num := mustNumber(tb, "+86138"+strconv.Itoa(10_000_000+i%numbers))
			tx.Add(Delivery{Number: num, App: "1400006666", Template: "1", Sign: "Notifier",
				Content: "Your code is {1}", Params: []string{strconv.Itoa(100_000 + i%900_000)}, Fee: 1, At: t0})
		}
		return nil
	})
	return s
}

var (
	millionOnce sync.Once
	million     *Store
)

// heldMillion is a store holding 1,000,000 messages to 1,000,000 numbers,
// shared by the benchmarks.
func heldMillion(b *testing.B) *Store {
	millionOnce.Do(func() { million = fillStore(b, 1_000_000, 1_000_000) })
	return million
}

// BenchmarkPageByNumber is the store's part of a filtered
// GET /_fake/messages?number=… with 1,000,000 messages held.
func BenchmarkPageByNumber(b *testing.B) {
	s := heldMillion(b)
	q := Query{Number: "+8613810000007", Limit: 100}
	b.ReportAllocs()
	for b.Loop() {
		if p, _ := s.Page(q); p.Total != 1 {
			b.Fatalf("total %d", p.Total)
		}
	}
}

// BenchmarkAddWhilePaging measures what paging costs sends: with
// 1,000,000 messages held, one goroutine pages through all of them
// (10,000 a page, as GET /_fake/messages?limit=10000 does) while the
// benchmark adds messages one Update at a time, as SendSms does. It
// reports the adds' p99 and worst latency, which is how long the pager
// holds the lock, plus whatever the machine's load adds.
func BenchmarkAddWhilePaging(b *testing.B) {
	s := heldMillion(b)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	pages := 0
	wg.Go(func() {
		after := ""
		for ctx.Err() == nil {
			p, err := s.Page(Query{Limit: 10_000, After: after, NoTotal: true})
			if err != nil {
				b.Error(err)
				return
			}
			pages++
			after = p.Next
		}
	})
	num := mustNumber(b, "+8613900000000")
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		_ = s.Update(func(tx *Tx) error {
			tx.Add(Delivery{Number: num, App: "1400006666", Template: "1", Params: []string{"1"}, Fee: 1, At: t0})
			return nil
		})
		lat = append(lat, time.Since(start))
	}
	cancel()
	wg.Wait()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
	b.ReportMetric(float64(pages), "pages")
}
