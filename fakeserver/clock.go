package fakeserver

import (
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Clock tells the server what time it is. One Clock drives the whole server:
// the signature window, message and receipt times, receipt delays,
// frequency windows and statistics windows. Implementations must be safe
// for concurrent use.
type Clock interface {
	Now() time.Time
}

// systemClock is the wall clock, the default.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// ManualClock is a Clock that moves only when told to, so tests can drive
// the signature window, receipt delays and statistics deterministically.
// Moving it wakes the servers that use it, so receipts that become due are
// pushed at once. The zero value is not usable; create one with
// NewManualClock. It is safe for concurrent use.
type ManualClock struct {
	mu       sync.Mutex // guards now and watchers
	now      time.Time
	watchers []chan<- struct{}
}

// NewManualClock returns a ManualClock stopped at t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{now: t} }

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t, forwards or backwards.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	ws := slices.Clone(c.watchers)
	c.mu.Unlock()
	kickAll(ws)
}

// Advance moves the clock forwards by d (backwards if d is negative) and
// returns the new time.
func (c *ManualClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	c.now = c.now.Add(d)
	now, ws := c.now, slices.Clone(c.watchers)
	c.mu.Unlock()
	kickAll(ws)
	return now
}

// watch makes every later move of the clock signal ch (without blocking).
func (c *ManualClock) watch(ch chan<- struct{}) {
	c.mu.Lock()
	c.watchers = append(c.watchers, ch)
	c.mu.Unlock()
}

// unwatch undoes watch.
func (c *ManualClock) unwatch(ch chan<- struct{}) {
	c.mu.Lock()
	c.watchers = slices.DeleteFunc(c.watchers, func(w chan<- struct{}) bool { return w == ch })
	c.mu.Unlock()
}

// kick signals ch without blocking; a signal already pending is enough.
func kick(ch chan<- struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

func kickAll(chs []chan<- struct{}) {
	for _, ch := range chs {
		kick(ch)
	}
}

var _ Clock = (*ManualClock)(nil)

// errClockNotManual is returned when the server's clock is a custom Clock
// that the server cannot move.
var errClockNotManual = errors.New("fakeserver: the server's clock is neither the system clock nor a ManualClock, so it cannot be set")

// serverClock is the server's one clock. Every time the server reads goes
// through it, so the system clock can be swapped for a ManualClock (by
// SetTime, AdvanceTime or POST /_fake/clock) while the server runs.
type serverClock struct {
	cur  atomic.Pointer[clockRef]
	mu   sync.Mutex      // serialises switches
	wake chan<- struct{} // signalled when a ManualClock moves; nil without a pusher
}

type clockRef struct{ c Clock }

func newServerClock(c Clock, wake chan<- struct{}) *serverClock {
	if c == nil {
		c = systemClock{}
	}
	sc := &serverClock{wake: wake}
	sc.cur.Store(&clockRef{c})
	if m, ok := c.(*ManualClock); ok && wake != nil {
		m.watch(wake)
	}
	return sc
}

// Now returns the current clock's time.
func (sc *serverClock) Now() time.Time { return sc.cur.Load().c.Now() }

// get returns the current clock.
func (sc *serverClock) get() Clock { return sc.cur.Load().c }

// manual returns the ManualClock in use, first replacing the system clock
// by a ManualClock stopped at the current time.
func (sc *serverClock) manual() (*ManualClock, error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	switch c := sc.get().(type) {
	case *ManualClock:
		return c, nil
	case systemClock:
		m := NewManualClock(time.Now())
		if sc.wake != nil {
			m.watch(sc.wake)
		}
		sc.cur.Store(&clockRef{m})
		return m, nil
	default:
		return nil, errClockNotManual
	}
}

// stop detaches the server from a ManualClock it watches.
func (sc *serverClock) stop() {
	if m, ok := sc.get().(*ManualClock); ok && sc.wake != nil {
		m.unwatch(sc.wake)
	}
}

// SetTime sets the server's clock to t and returns it. A server running on
// the system clock (the default) switches for good to a ManualClock, which
// Clock then returns; a ManualClock given in Options is moved. It fails
// for any other Clock. Receipts that become due are reported at once, and
// pushed when a callback URL is set.
//
// Moving the clock more than 5 minutes from the wall clock makes SDK
// requests fail with AuthFailure.SignatureExpire, because the SDK signs
// with the wall clock; set Options.MaxClockSkew to -1 to turn that check
// off.
func (s *Server) SetTime(t time.Time) (time.Time, error) {
	m, err := s.clock.manual()
	if err != nil {
		return time.Time{}, err
	}
	m.Set(t)
	return t, nil
}

// AdvanceTime moves the server's clock forwards by d (backwards if d is
// negative) and returns the new time, switching from the system clock to a
// ManualClock like SetTime.
func (s *Server) AdvanceTime(d time.Duration) (time.Time, error) {
	m, err := s.clock.manual()
	if err != nil {
		return time.Time{}, err
	}
	return m.Advance(d), nil
}
