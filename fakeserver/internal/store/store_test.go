package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

var t0 = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

func mustNumber(t testing.TB, s string) tcsms.Number {
	t.Helper()
	n, err := tcsms.ParseNumber(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// model is what a store should hold, kept the naive way.
type model struct {
	serial                 string
	number, app, tmpl, tag string
	params                 []string
	at                     time.Time
}

// TestIndexesAgreeWithScan drives a small store through random adds,
// deletes and evictions and checks every indexed query, in both orders and
// paged, against a plain filter of a model.
func TestIndexesAgreeWithScan(t *testing.T) {
	for seed := range uint64(20) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 1))
			now := t0
			max := 1 + rng.IntN(300)
			s := New(Config{MaxMessages: max, DuplicateWindow: time.Minute, Now: func() time.Time { return now }})
			var held []model
			numbers := []string{"+8613800000001", "+8613800000002", "+8613800000003", "+14155550100"}
			apps := []string{"1400000001", "1400000002"}
			tmpls := []string{"1", "2", "3"}
			tags := []string{"", "a", "b"}
			for range 1500 {
				now = now.Add(time.Duration(rng.IntN(20)) * time.Second)
				if rng.IntN(10) == 0 && len(held) > 0 {
					i := rng.IntN(len(held))
					if !s.Delete(held[i].serial) {
						t.Fatalf("Delete(%s) = false", held[i].serial)
					}
					held = slices.Delete(held, i, i+1)
					continue
				}
				m := model{number: numbers[rng.IntN(len(numbers))], app: apps[rng.IntN(len(apps))],
					tmpl: tmpls[rng.IntN(len(tmpls))], tag: tags[rng.IntN(len(tags))],
					params: []string{fmt.Sprint(rng.IntN(3))}, at: now}
				_ = s.Update(func(tx *Tx) error {
					m.serial = tx.Add(Delivery{Number: mustNumber(t, m.number), App: m.app, Template: m.tmpl,
						Tag: m.tag, Raw: true, Params: m.params, Fee: 1, At: m.at})
					return nil
				})
				held = append(held, m)
				// The log evicts by slot: deleted messages still take one.
				if s.log.n == max || len(held) > max {
					first := s.log.first()
					held = slices.DeleteFunc(held, func(h model) bool {
						seq, _ := s.serials.seqOf(h.serial)
						return seq < first
					})
				}
			}
			if got := s.Sizes().Held; got != len(held) {
				t.Fatalf("Sizes().Held = %d, model holds %d", got, len(held))
			}
			queries := []Query{{}}
			for _, n := range numbers {
				queries = append(queries, Query{Number: n}, Query{Number: n, Template: "2"})
			}
			for _, a := range apps {
				queries = append(queries, Query{App: a}, Query{App: a, Tag: "a"})
			}
			for _, tg := range tags[1:] {
				queries = append(queries, Query{Tag: tg})
			}
			queries = append(queries, Query{Template: "3"}, Query{Since: now.Add(-time.Hour)}, Query{Text: "1", Number: numbers[0]})
			for _, q := range queries {
				var want []string
				for _, h := range held {
					if (q.Number == "" || h.number == q.Number) && (q.App == "" || h.app == q.App) &&
						(q.Template == "" || h.tmpl == q.Template) && (q.Tag == "" || h.tag == q.Tag) &&
						(q.Since.IsZero() || !h.at.Before(q.Since)) &&
						(q.Text == "" || strings.Contains(strings.Join(h.params, " "), q.Text)) {
						want = append(want, h.serial)
					}
				}
				for _, newest := range []bool{false, true} {
					q.Newest = newest
					w := slices.Clone(want)
					if newest {
						slices.Reverse(w)
					}
					for _, limit := range []int{0, 1, 7} {
						q.Limit = limit
						var got []string
						q.After, q.Before = "", ""
						for pages := 0; ; pages++ {
							p, err := s.Page(q)
							if err != nil {
								t.Fatal(err)
							}
							if p.Total != len(want) {
								t.Fatalf("%+v: Total %d, want %d", q, p.Total, len(want))
							}
							for _, m := range p.Messages {
								got = append(got, m.SerialNo)
							}
							if p.Next == "" {
								break
							}
							if newest {
								q.Before = p.Next
							} else {
								q.After = p.Next
							}
							if pages > len(want)+2 {
								t.Fatalf("%+v: paging does not end", q)
							}
						}
						if !slices.Equal(got, w) {
							t.Fatalf("%+v: got %d messages %v\nwant %d %v", q, len(got), got, len(w), w)
						}
					}
				}
			}
		})
	}
}

func TestWaitWakesOnMatch(t *testing.T) {
	s := New(Config{Now: func() time.Time { return t0 }})
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	got := make(chan []Message, 1)
	go func() {
		ms, err := s.Wait(ctx, Query{Number: "+8613800000002"}, 1, nil)
		if err != nil {
			t.Error(err)
		}
		got <- ms
	}()
	add := func(n string) {
		_ = s.Update(func(tx *Tx) error {
			tx.Add(Delivery{Number: mustNumber(t, n), App: "1", Template: "1", Raw: true, At: t0})
			return nil
		})
	}
	add("+8613800000001")
	add("+8613800000002")
	ms := <-got
	if len(ms) != 1 || ms[0].Number != "+8613800000002" {
		t.Fatalf("Wait = %+v", ms)
	}
}

func TestInternerDropsUnusedStrings(t *testing.T) {
	s := New(Config{MaxMessages: 10, Now: func() time.Time { return t0 }})
	for i := range 1000 {
		_ = s.Update(func(tx *Tx) error {
			tx.Add(Delivery{Number: mustNumber(t, "+8613800000001"), App: "1", Template: "1",
				Sign: fmt.Sprint("sign", i), Raw: true, At: t0})
			return nil
		})
	}
	if n := s.strs.live(); n > 10+2 {
		t.Errorf("%d interned strings live for 10 held messages", n)
	}
}

func TestDuplicatesAcrossEviction(t *testing.T) {
	now := t0
	s := New(Config{MaxMessages: 3, DuplicateWindow: time.Minute, Now: func() time.Time { return now }})
	add := func(p string) {
		_ = s.Update(func(tx *Tx) error {
			tx.Add(Delivery{Number: mustNumber(t, "+8613800000001"), App: "1", Template: "1", Raw: true, Params: []string{p}, At: now})
			return nil
		})
		now = now.Add(time.Second)
	}
	add("1")
	add("1")
	add("1")
	if d := s.Duplicates(); len(d) != 1 || d[0].Count != 3 {
		t.Fatalf("Duplicates = %+v, want one run of 3", d)
	}
	add("2") // evicts the first
	if d := s.Duplicates(); len(d) != 1 || d[0].Count != 2 {
		t.Fatalf("after eviction Duplicates = %+v, want one run of 2", d)
	}
}
