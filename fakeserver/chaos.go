package fakeserver

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Chaos makes a fraction of API calls fail at random, reproducibly: the
// same Seed and the same sequence of calls give the same outcomes, so a
// failure seen once can be replayed. Fault rules are tried first; chaos
// rolls only for calls no rule fired on.
type Chaos struct {
	// Seed seeds the random source.
	Seed uint64 `json:"seed"`
	// Rate is the probability, from 0 (off) to 1, that a call fails.
	Rate float64 `json:"rate"`
	// Actions limits chaos to these actions; empty means every action. An
	// action the server does not implement is an error.
	Actions []string `json:"actions,omitempty"`
	// Effects are the failures chaos picks from, uniformly; only their
	// Code, Message, HTTP, Status, Body, Latency and Phase count. Empty
	// means DefaultChaosEffects.
	Effects []Fault `json:"effects,omitempty"`
}

// DefaultChaosEffects returns the effects Chaos picks from when
// Chaos.Effects is empty: a Tencent InternalError.Timeout, an HTTP 502 from
// a gateway, a connection reset before the action runs, and a connection
// reset after it ran (the message is sent, the client never hears so).
func DefaultChaosEffects() []Fault {
	return []Fault{
		{Code: tcsms.CodeTimeout},
		{HTTP: HTTPStatus, Status: 502},
		{HTTP: HTTPReset},
		{HTTP: HTTPReset, Phase: PhaseAfter},
	}
}

// chaos is the server's random fault source.
type chaos struct {
	active atomic.Bool // Rate > 0; read without mu on the hot path
	mu     sync.Mutex  // guards cfg and rng
	cfg    Chaos
	rng    *rand.Rand
}

func (c Chaos) validate() error {
	if c.Rate < 0 || c.Rate > 1 || c.Rate != c.Rate {
		return fmt.Errorf("fakeserver: chaos rate %v is not between 0 and 1", c.Rate)
	}
	for _, a := range c.Actions {
		if err := actions.CheckName(a); err != nil {
			return fmt.Errorf("fakeserver: chaos actions: %w", err)
		}
	}
	for i, f := range c.Effects {
		if err := f.validate(); err != nil {
			return fmt.Errorf("chaos effect %d: %w", i, err)
		}
	}
	return nil
}

// set replaces the configuration and restarts the random sequence from Seed.
func (c *chaos) set(cfg Chaos) error {
	if err := cfg.validate(); err != nil {
		return err
	}
	cfg.Actions = slices.Clone(cfg.Actions)
	cfg.Effects = slices.Clone(cfg.Effects)
	if len(cfg.Effects) == 0 {
		cfg.Effects = DefaultChaosEffects()
	}
	for i := range cfg.Effects {
		f := &cfg.Effects[i]
		f.ID, f.Action, f.Number, f.Nth, f.Times, f.Hits = 0, "", "", 0, 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cfg = cfg
	c.rng = rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15))
	c.active.Store(cfg.Rate > 0)
	return nil
}

func (c *chaos) get() Chaos {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.cfg
	out.Actions = slices.Clone(out.Actions)
	out.Effects = slices.Clone(out.Effects)
	return out
}

// draw rolls for one call of action: it returns the effect to apply, if
// any. Every call of a covered action consumes exactly two numbers, so the
// outcome of the n-th call depends only on the seed and n.
func (c *chaos) draw(action string) (Fault, bool) {
	if !c.active.Load() {
		return Fault{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.cfg.Actions) > 0 && !slices.Contains(c.cfg.Actions, action) {
		return Fault{}, false
	}
	u, pick := c.rng.Float64(), c.rng.IntN(len(c.cfg.Effects))
	if u >= c.cfg.Rate {
		return Fault{}, false
	}
	return c.cfg.Effects[pick], true
}

// SetChaos replaces the chaos configuration and restarts its random
// sequence from c.Seed; a zero Rate turns chaos off. It is safe for
// concurrent use.
func (s *Server) SetChaos(c Chaos) error { return s.chaos.set(c) }

// Chaos returns the current chaos configuration, with its effects filled in.
func (s *Server) Chaos() Chaos { return s.chaos.get() }

// WithChaos sets seeded random failures (see Options.Chaos).
func WithChaos(c Chaos) Option { return func(o *Options) { o.Chaos = c } }
