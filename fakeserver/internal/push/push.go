// Package push delivers the fake server's callbacks: it POSTs delivery
// receipts and replies to the receiver's URLs as Tencent does (reference
// §7), and keeps trying, with exponential backoff on the wall clock, until
// the receiver answers HTTP 200 with {"result":0,...} or the attempts run
// out. Every push stays in a bounded log (MaxPending waiting, MaxFinished
// delivered or failed), so a receiver that never acknowledged is visible
// rather than silently dropped.
//
// At most Config.Concurrency attempts run at once, over one pooled
// transport that takes no proxy from the environment and follows no
// redirect (a redirect is a failed attempt, with its reason).
package push

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"
)

// States of a push.
const (
	Pending   = "pending"   // not acknowledged yet; another attempt will follow
	Delivered = "delivered" // the receiver answered 200 {"result":0}
	Failed    = "failed"    // every attempt failed; no more attempts
)

// Push is one POST the pusher made, or keeps trying to make. The
// fakeserver package's CallbackPush mirrors it field for field.
type Push struct {
	ID          int             `json:"id"`
	Kind        string          `json:"kind"`
	URL         string          `json:"url"`
	Body        json.RawMessage `json:"body"`
	SerialNos   []string        `json:"serialNos,omitempty"`
	Status      string          `json:"status"`
	Attempts    int             `json:"attempts"`
	LastError   string          `json:"lastError,omitempty"`
	Created     time.Time       `json:"created"`
	NextAttempt time.Time       `json:"nextAttempt,omitzero"`
}

// Bounds and defaults.
const (
	// DefaultConcurrency is how many attempts may be in flight at once
	// when Config.Concurrency is 0.
	DefaultConcurrency = 8
	// MaxPending is how many pushes may wait for their receiver at once.
	// Past it the oldest waiting push is marked failed, with a LastError
	// saying so, and attempted no more.
	MaxPending = 1000
	// MaxFinished is how many delivered and failed pushes the log keeps;
	// past it the oldest are forgotten.
	MaxFinished = 1000

	defaultBackoff  = time.Second
	maxBackoff      = 5 * time.Minute
	defaultAttempts = 6
	attemptTimeout  = 10 * time.Second // one attempt, on the wall clock
	maxPoll         = time.Second      // longest the pusher sleeps unsignalled
	maxAckBytes     = 64 << 10
)

// errTooManyPending is the LastError of a push dropped for MaxPending.
var errTooManyPending = fmt.Sprintf("dropped: more than %d pushes were waiting for their receiver", MaxPending)

// Config sets a Pusher's retry policy.
type Config struct {
	// Backoff is the wait before the second attempt of a failed push; it
	// doubles for each later attempt, up to 5 minutes (or Backoff itself,
	// if longer). 0 means 1 second.
	Backoff time.Duration
	// MaxAttempts bounds the attempts of one push; 0 means 6.
	MaxAttempts int
	// Concurrency bounds the attempts in flight; 0 means DefaultConcurrency.
	Concurrency int
	// Log receives a record per push that failed for good.
	Log *slog.Logger
}

// Pusher runs the pushes. Run is its goroutine; every other method is
// safe for concurrent use.
type Pusher struct {
	backoff     time.Duration
	maxAttempts int
	concurrency int
	client      *http.Client
	transport   *http.Transport
	log         *slog.Logger
	wake        chan struct{} // cap 1: new pushes, clock moves, finished attempts
	ctx         context.Context
	cancel      context.CancelFunc
	done        chan struct{} // closed when Run returns
	stopOnce    sync.Once
	inflight    sync.WaitGroup

	mu       sync.Mutex // guards all, pending, finished, running, dropped, nextID and changed
	all      []*entry
	pending  []*entry
	finished int    // delivered and failed entries in all
	running  int    // attempts in flight
	dropped  uint64 // pushes failed for MaxPending
	nextID   int
	changed  chan struct{} // closed and replaced whenever a push changes
}

// entry is a push and its scheduling state, guarded by Pusher.mu.
type entry struct {
	Push
	running bool
}

// New returns a Pusher; start it with go p.Run(due).
func New(cfg Config) *Pusher {
	p := &Pusher{
		backoff:     cmp.Or(cfg.Backoff, defaultBackoff),
		maxAttempts: cmp.Or(cfg.MaxAttempts, defaultAttempts),
		concurrency: cmp.Or(cfg.Concurrency, DefaultConcurrency),
		log:         cfg.Log,
		wake:        make(chan struct{}, 1),
		done:        make(chan struct{}),
		changed:     make(chan struct{}),
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	// One pooled transport: as many idle connections per receiver as
	// attempts may run, so that a busy receiver is not redialled for every
	// push; no proxy from the environment, since the receiver is the test's
	// own (HTTP_PROXY in a CI runner must not reroute it).
	p.transport = http.DefaultTransport.(*http.Transport).Clone()
	p.transport.Proxy = nil
	p.transport.MaxIdleConnsPerHost = p.concurrency
	p.transport.MaxConnsPerHost = p.concurrency
	p.client = &http.Client{
		Transport: p.transport,
		Timeout:   attemptTimeout,
		// Tencent's callbacks do not follow redirects: a receipt re-posted
		// elsewhere must not count as delivered. post reports it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	return p
}

// Wake returns the channel that wakes Run early (it never blocks a
// sender that uses a non-blocking send; a signal pending is enough).
func (p *Pusher) Wake() chan<- struct{} { return p.wake }

// Stop cancels attempts in flight, waits for Run and its attempts to
// return, and closes idle connections. Pending pushes stay pending.
func (p *Pusher) Stop() {
	p.stopOnce.Do(func() {
		p.cancel()
		<-p.done
		p.transport.CloseIdleConnections()
	})
}

// Run is the pusher goroutine: each round it calls due, which may Enqueue
// pushes and returns how long until it wants to be called again (0: no
// wish), starts the attempts that are due, and sleeps until woken or the
// next deadline. It returns when Stop is called.
func (p *Pusher) Run(due func() time.Duration) {
	defer close(p.done)
	defer p.inflight.Wait()
	timer := time.NewTimer(maxPoll)
	defer timer.Stop()
	for {
		wait := maxPoll
		if d := due(); d > 0 {
			wait = min(wait, d)
		}
		wait = max(min(wait, p.startDue(time.Now())), time.Millisecond)
		timer.Reset(wait)
		select {
		case <-p.ctx.Done():
			return
		case <-p.wake:
		case <-timer.C:
		}
	}
}

// Enqueue adds a pending push, to be attempted at once. When MaxPending
// are already waiting, the oldest one not in flight is marked failed to
// make room.
func (p *Pusher) Enqueue(kind, url string, body []byte, serials []string, created time.Time) {
	p.mu.Lock()
	if len(p.pending) >= MaxPending {
		for _, old := range p.pending {
			if !old.running {
				old.Status, old.LastError, old.NextAttempt = Failed, errTooManyPending, time.Time{}
				p.finishLocked(old)
				if p.dropped++; p.dropped == 1 || p.dropped%1000 == 0 { // one line, not one per push
					p.log.Warn("callback pushes dropped: the receiver is not keeping up", "dropped", p.dropped, "reason", errTooManyPending)
				}
				break
			}
		}
	}
	p.nextID++
	e := &entry{Push: Push{
		ID: p.nextID, Kind: kind, URL: url, Body: body, SerialNos: serials,
		Status: Pending, Created: created,
	}}
	p.all = append(p.all, e)
	p.pending = append(p.pending, e)
	p.changedLocked()
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// finishLocked takes e, now delivered or failed, off the pending list, and
// forgets the oldest finished pushes past MaxFinished.
func (p *Pusher) finishLocked(e *entry) {
	p.pending = slices.DeleteFunc(p.pending, func(x *entry) bool { return x == e })
	p.finished++
	if p.finished <= MaxFinished {
		return
	}
	drop := p.finished - MaxFinished
	p.all = slices.DeleteFunc(p.all, func(x *entry) bool {
		if drop > 0 && x.Status != Pending {
			drop--
			return true
		}
		return false
	})
	p.finished = MaxFinished
}

// startDue starts the attempts whose time has come, oldest push first, as
// long as fewer than the concurrency limit are in flight, and returns how
// long until the next one. A finished attempt wakes Run, which then starts
// the next.
func (p *Pusher) startDue(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	wait := maxPoll
	for _, e := range p.pending {
		if p.running >= p.concurrency || p.ctx.Err() != nil {
			break
		}
		if e.running {
			continue
		}
		if d := e.NextAttempt.Sub(now); d > 0 {
			wait = min(wait, d)
			continue
		}
		e.running = true
		p.running++
		p.inflight.Add(1)
		go p.attempt(e)
	}
	return wait
}

// attempt makes one POST of e and records its outcome.
func (p *Pusher) attempt(e *entry) {
	defer p.inflight.Done()
	err := p.post(e.URL, e.Body) // URL and Body never change
	p.mu.Lock()
	defer p.mu.Unlock()
	e.running = false // a push in flight is pending: Enqueue drops only others
	p.running--
	e.Attempts++
	switch {
	case err == nil:
		e.Status, e.NextAttempt = Delivered, time.Time{}
	case p.ctx.Err() != nil:
		e.LastError = "the server closed before the receiver acknowledged"
	case e.Attempts >= p.maxAttempts:
		e.Status, e.LastError, e.NextAttempt = Failed, err.Error(), time.Time{}
		p.log.Warn("callback push failed", "id", e.ID, "kind", e.Kind, "attempts", e.Attempts, "err", e.LastError)
	default:
		e.LastError = err.Error()
		e.NextAttempt = time.Now().Add(min(p.backoff<<min(e.Attempts-1, 30), max(maxBackoff, p.backoff)))
	}
	if e.Status != Pending {
		p.finishLocked(e)
	}
	p.changedLocked()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// post sends body and checks the acknowledgement: HTTP 200 and a JSON
// object whose result is the number 0.
func (p *Pusher) post(url string, body []byte) error {
	req, err := http.NewRequestWithContext(p.ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	ack, err := io.ReadAll(io.LimitReader(resp.Body, maxAckBytes))
	if err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return fmt.Errorf("HTTP %d: redirects are not followed (Location %.200q)", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	var a struct {
		Result *float64 `json:"result"`
		Errmsg string   `json:"errmsg"`
	}
	if err := json.Unmarshal(ack, &a); err != nil || a.Result == nil {
		return fmt.Errorf(`the answer is not {"result":0,...}: %.200q`, ack)
	}
	if *a.Result != 0 {
		return fmt.Errorf("result %v: %.200q", *a.Result, a.Errmsg)
	}
	return nil
}

func (p *Pusher) changedLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// List returns copies of the pushes, oldest first, whose SerialNos include
// serial, or every push when serial is "".
func (p *Pusher) List(serial string) []Push {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Push, 0, len(p.all))
	for _, e := range p.all {
		if serial == "" || slices.Contains(e.SerialNos, serial) {
			out = append(out, e.copy())
		}
	}
	return out
}

func (e *entry) copy() Push {
	c := e.Push
	c.Body = bytes.Clone(c.Body)
	c.SerialNos = slices.Clone(c.SerialNos)
	return c
}

// Wait returns the first push (oldest first) for which match returns
// true, waiting for one until ctx is done.
func (p *Pusher) Wait(ctx context.Context, match func(Push) bool) (Push, error) {
	for {
		p.mu.Lock()
		changed := p.changed
		for _, e := range p.all {
			if c := e.copy(); match(c) {
				p.mu.Unlock()
				return c, nil
			}
		}
		p.mu.Unlock()
		select {
		case <-ctx.Done():
			return Push{}, ctx.Err()
		case <-changed:
		}
	}
}

// Clear forgets delivered and failed pushes. Pending pushes stay and keep
// being attempted.
func (p *Pusher) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.all = slices.DeleteFunc(p.all, func(e *entry) bool { return e.Status != Pending })
	p.finished = 0
	p.changedLocked()
}
