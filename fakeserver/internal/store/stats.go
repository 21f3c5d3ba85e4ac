package store

import (
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// maxStatHours bounds the statistics: at most this many (app, hour)
// counters are kept, the oldest dropped first, so a client inventing a new
// SmsSdkAppId for every request cannot grow them without end.
const maxStatHours = 100_000

// Counts are one hour's SendStatusStatistics counters.
type Counts struct {
	Requests uint64 // numbers submitted
	Success  uint64 // numbers accepted
	Fee      uint64 // billed segments of accepted numbers
}

type statKey struct {
	app  string
	hour int64 // Unix time / 3600
}

// stats holds hourly counters per app and each app's lifetime fee.
// Store.mu guards it.
type stats struct {
	hours map[statKey]*Counts
	order []statKey // creation order, for dropping the oldest
	fees  map[string]uint64
}

func newStats() stats {
	return stats{hours: map[statKey]*Counts{}, fees: map[string]uint64{}}
}

// Count adds one submitted number to app's statistics at t.
func (tx *Tx) Count(app string, t time.Time, accepted bool, fee int) {
	st := &tx.s.stats
	k := statKey{app: app, hour: t.Unix() / 3600}
	c := st.hours[k]
	if c == nil {
		for len(st.hours) >= maxStatHours {
			delete(st.hours, st.order[0])
			st.order = st.order[1:]
		}
		c = &Counts{}
		st.hours[k] = c
		st.order = append(st.order, k)
	}
	c.Requests++
	if accepted {
		c.Success++
		c.Fee += uint64(fee)
		if _, ok := st.fees[app]; !ok && len(st.fees) >= maxStatHours {
			for other := range st.fees { // bounded like the hours: forget one app
				delete(st.fees, other)
				break
			}
		}
		st.fees[app] += uint64(fee)
	}
}

// Sum totals app's counters for the hours [from, to] (Unix hours).
func (tx *Tx) Sum(app string, from, to int64) Counts {
	var total Counts
	st := &tx.s.stats
	if to-from < 24*400 { // look the hours up
		for h := from; h <= to; h++ {
			if c := st.hours[statKey{app, h}]; c != nil {
				total.add(c)
			}
		}
		return total
	}
	for k, c := range st.hours {
		if k.app == app && k.hour >= from && k.hour <= to {
			total.add(c)
		}
	}
	return total
}

func (c *Counts) add(o *Counts) {
	c.Requests += o.Requests
	c.Success += o.Success
	c.Fee += o.Fee
}

// DaySum totals app's counters for the Beijing calendar day holding t.
func (tx *Tx) DaySum(app string, t time.Time) Counts {
	y, m, d := t.In(tcsms.Beijing).Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, tcsms.Beijing).Unix() / 3600
	return tx.Sum(app, start, start+23)
}

// FeeTotal returns app's billed segments since the store was created or
// reset.
func (tx *Tx) FeeTotal(app string) uint64 { return tx.s.stats.fees[app] }
