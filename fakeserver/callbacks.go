package fakeserver

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// Callback pushes: the server POSTs delivery receipts and replies to the
// configured URLs as Tencent does (reference §7), and keeps trying, with
// exponential backoff on the wall clock, until the receiver answers HTTP
// 200 with {"result":0,...} or the attempts run out. Pushes stay in a log
// that Callbacks and GET /_fake/callbacks show, so a receiver that never
// acknowledged is visible rather than silently dropped; the log is bounded
// (MaxPendingPushes, MaxFinishedPushes).

// Kinds of callback pushes.
const (
	CallbackReceipts = "receipts" // a JSON array of delivery receipts
	CallbackReply    = "reply"    // one reply, a JSON object
)

// States of a callback push.
const (
	PushPending   = "pending"   // not acknowledged yet; another attempt will follow
	PushDelivered = "delivered" // the receiver answered 200 {"result":0}
	PushFailed    = "failed"    // every attempt failed; no more attempts
)

// CallbackPush is one POST the server made, or keeps trying to make, to a
// callback URL.
type CallbackPush struct {
	// ID numbers pushes from 1 in creation order.
	ID int `json:"id"`
	// Kind is CallbackReceipts or CallbackReply.
	Kind string `json:"kind"`
	// URL is where the push goes.
	URL string `json:"url"`
	// Body is the JSON posted, byte for byte.
	Body json.RawMessage `json:"body"`
	// SerialNos are the SerialNo (sid) of the receipts in Body.
	SerialNos []string `json:"serialNos,omitempty"`
	// Status is PushPending, PushDelivered or PushFailed.
	Status string `json:"status"`
	// Attempts counts the POSTs made so far.
	Attempts int `json:"attempts"`
	// LastError says why the latest failed attempt failed: a network error,
	// "HTTP 503", or an answer whose result is not 0.
	LastError string `json:"lastError,omitempty"`
	// Created is when the push was created, by the server clock.
	Created time.Time `json:"created"`
	// NextAttempt is when the next attempt starts, by the wall clock, while
	// the push is pending after a failure.
	NextAttempt time.Time `json:"nextAttempt,omitzero"`
}

const (
	defaultCallbackBackoff  = time.Second
	maxCallbackBackoff      = 5 * time.Minute
	defaultCallbackAttempts = 6
	callbackTimeout         = 10 * time.Second // one attempt, on the wall clock
	maxPushPoll             = time.Second      // longest the pusher sleeps unsignalled
	maxAckBytes             = 64 << 10
)

// Bounds of the callback push log. A receiver that is down for long, or a
// server that runs for weeks, must not grow it without end.
const (
	// DefaultCallbackConcurrency is Options.CallbackConcurrency when it is
	// 0: how many pushes may be in flight at once.
	DefaultCallbackConcurrency = 8
	// MaxPendingPushes is how many pushes may wait for their receiver at
	// once. Past it the oldest waiting push is marked failed, with a
	// LastError saying so, and attempted no more.
	MaxPendingPushes = 1000
	// MaxFinishedPushes is how many delivered and failed pushes the log
	// keeps; past it the oldest are forgotten.
	MaxFinishedPushes = 1000
)

// errTooManyPending is the LastError of a push dropped for MaxPendingPushes.
var errTooManyPending = fmt.Sprintf("dropped: more than %d pushes were waiting for their receiver", MaxPendingPushes)

// pusher owns the callback goroutines. It exists only when a callback URL
// is configured.
type pusher struct {
	receiptURL, replyURL string
	backoff              time.Duration
	maxAttempts          int
	concurrency          int // most attempts in flight
	client               *http.Client
	transport            *http.Transport
	log                  *slog.Logger
	wake                 chan struct{} // cap 1: new messages, clock moves, finished attempts
	ctx                  context.Context
	cancel               context.CancelFunc
	done                 chan struct{} // closed when the pusher goroutine returns
	stopOnce             sync.Once
	inflight             sync.WaitGroup

	mu       sync.Mutex // guards all, pending, finished, running, dropped, nextID and changed
	all      []*pushEntry
	pending  []*pushEntry
	finished int    // delivered and failed entries in all
	running  int    // attempts in flight
	dropped  uint64 // pushes failed for MaxPendingPushes
	nextID   int
	changed  chan struct{} // closed and replaced whenever a push changes
}

// pushEntry is a push and its scheduling state, guarded by pusher.mu.
type pushEntry struct {
	CallbackPush
	running bool
}

// newPusher returns nil when no callback URL is configured.
func newPusher(opts Options, log *slog.Logger) (*pusher, error) {
	if opts.ReceiptCallbackURL == "" && opts.ReplyCallbackURL == "" {
		return nil, nil
	}
	for _, u := range []string{opts.ReceiptCallbackURL, opts.ReplyCallbackURL} {
		if u == "" {
			continue
		}
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return nil, fmt.Errorf("fakeserver: callback URL %q is not an absolute http(s) URL", u)
		}
	}
	if opts.CallbackBackoff < 0 || opts.CallbackMaxAttempts < 0 || opts.CallbackConcurrency < 0 {
		return nil, errors.New("fakeserver: CallbackBackoff, CallbackMaxAttempts and CallbackConcurrency may not be negative")
	}
	p := &pusher{
		receiptURL:  opts.ReceiptCallbackURL,
		replyURL:    opts.ReplyCallbackURL,
		backoff:     cmp.Or(opts.CallbackBackoff, defaultCallbackBackoff),
		maxAttempts: cmp.Or(opts.CallbackMaxAttempts, defaultCallbackAttempts),
		concurrency: cmp.Or(opts.CallbackConcurrency, DefaultCallbackConcurrency),
		log:         log,
		wake:        make(chan struct{}, 1),
		done:        make(chan struct{}),
		changed:     make(chan struct{}),
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
		Timeout:   callbackTimeout,
		// Tencent's callbacks do not follow redirects: a receipt re-posted
		// elsewhere must not count as delivered. post reports it.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	return p, nil
}

// stop cancels attempts in flight, waits for the pusher goroutine and its
// attempts to return, and closes idle connections.
func (p *pusher) stop() {
	p.stopOnce.Do(func() {
		p.cancel()
		<-p.done
		p.transport.CloseIdleConnections()
	})
}

// run is the pusher goroutine: it turns due receipts into pushes, starts
// attempts that are due, and sleeps until signalled or the next deadline.
func (s *Server) runPusher() {
	p := s.push
	defer close(p.done)
	defer p.inflight.Wait()
	timer := time.NewTimer(maxPushPoll)
	defer timer.Stop()
	for {
		wait := maxPushPoll
		if p.receiptURL != "" {
			now := s.clock.Now()
			batches, next := s.dueReceipts(now)
			for _, b := range batches {
				p.enqueueReceipts(b, now)
			}
			if !next.IsZero() {
				wait = min(wait, next.Sub(now))
			}
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

// enqueueReceipts adds a push of one batch of receipts.
func (p *pusher) enqueueReceipts(batch []receiptCallback, created time.Time) {
	body, err := json.Marshal(batch)
	if err != nil {
		p.log.Error("encoding receipts failed", "err", err)
		return
	}
	serials := make([]string, len(batch))
	for i, rc := range batch {
		serials[i] = rc.Sid
	}
	p.enqueue(CallbackReceipts, p.receiptURL, body, serials, created)
}

// enqueue adds a pending push, to be attempted at once. When
// MaxPendingPushes are already waiting, the oldest one not in flight is
// marked failed to make room.
func (p *pusher) enqueue(kind, url string, body []byte, serials []string, created time.Time) {
	p.mu.Lock()
	if len(p.pending) >= MaxPendingPushes {
		for _, old := range p.pending {
			if !old.running {
				old.Status, old.LastError, old.NextAttempt = PushFailed, errTooManyPending, time.Time{}
				p.finishLocked(old)
				if p.dropped++; p.dropped == 1 || p.dropped%1000 == 0 { // one line, not one per push
					p.log.Warn("callback pushes dropped: the receiver is not keeping up", "dropped", p.dropped, "reason", errTooManyPending)
				}
				break
			}
		}
	}
	p.nextID++
	e := &pushEntry{CallbackPush: CallbackPush{
		ID: p.nextID, Kind: kind, URL: url, Body: body, SerialNos: serials,
		Status: PushPending, Created: created,
	}}
	p.all = append(p.all, e)
	p.pending = append(p.pending, e)
	p.changedLocked()
	p.mu.Unlock()
	kick(p.wake)
}

// finishLocked takes e, now delivered or failed, off the pending list, and
// forgets the oldest finished pushes past MaxFinishedPushes.
func (p *pusher) finishLocked(e *pushEntry) {
	p.pending = slices.DeleteFunc(p.pending, func(x *pushEntry) bool { return x == e })
	p.finished++
	if p.finished <= MaxFinishedPushes {
		return
	}
	drop := p.finished - MaxFinishedPushes
	p.all = slices.DeleteFunc(p.all, func(x *pushEntry) bool {
		if drop > 0 && x.Status != PushPending {
			drop--
			return true
		}
		return false
	})
	p.finished = MaxFinishedPushes
}

// startDue starts the attempts whose time has come, oldest push first, as
// long as fewer than the concurrency limit are in flight, and returns how
// long until the next one. A finished attempt wakes the pusher, which then
// starts the next.
func (p *pusher) startDue(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	wait := maxPushPoll
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
func (p *pusher) attempt(e *pushEntry) {
	defer p.inflight.Done()
	err := p.post(e.URL, e.Body) // URL and Body never change
	p.mu.Lock()
	defer p.mu.Unlock()
	e.running = false // a push in flight is pending: enqueue drops only others
	p.running--
	e.Attempts++
	switch {
	case err == nil:
		e.Status, e.NextAttempt = PushDelivered, time.Time{}
	case p.ctx.Err() != nil:
		e.LastError = "the server closed before the receiver acknowledged"
	case e.Attempts >= p.maxAttempts:
		e.Status, e.LastError, e.NextAttempt = PushFailed, err.Error(), time.Time{}
		p.log.Warn("callback push failed", "id", e.ID, "kind", e.Kind, "attempts", e.Attempts, "err", e.LastError)
	default:
		e.LastError = err.Error()
		e.NextAttempt = time.Now().Add(min(p.backoff<<min(e.Attempts-1, 30), max(maxCallbackBackoff, p.backoff)))
	}
	if e.Status != PushPending {
		p.finishLocked(e)
	}
	p.changedLocked()
	kick(p.wake)
}

// post sends body and checks the acknowledgement: HTTP 200 and a JSON
// object whose result is the number 0.
func (p *pusher) post(url string, body []byte) error {
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

func (p *pusher) changedLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// errNoCallbacks is returned by WaitCallback when no callback URL is set.
var errNoCallbacks = errors.New("fakeserver: no callback URL is configured")

// Callbacks returns copies of the callback pushes, oldest first: the
// pending ones and the MaxFinishedPushes newest delivered and failed ones.
// It is nil when no callback URL is configured.
func (s *Server) Callbacks() []CallbackPush {
	if s.push == nil {
		return nil
	}
	s.push.mu.Lock()
	defer s.push.mu.Unlock()
	out := make([]CallbackPush, len(s.push.all))
	for i, e := range s.push.all {
		out[i] = e.copy()
	}
	return out
}

func (e *pushEntry) copy() CallbackPush {
	c := e.CallbackPush
	c.Body = bytes.Clone(c.Body)
	c.SerialNos = slices.Clone(c.SerialNos)
	return c
}

// WaitCallback returns the first push (oldest first) for which match
// returns true, waiting for one until ctx is done. Pushes change state, so
// match may look at Status: WaitCallback(ctx, func(p CallbackPush) bool
// { return p.Status == fakeserver.PushFailed }) waits for a push to give
// up. It fails at once when no callback URL is configured.
func (s *Server) WaitCallback(ctx context.Context, match func(CallbackPush) bool) (CallbackPush, error) {
	p := s.push
	if p == nil {
		return CallbackPush{}, errNoCallbacks
	}
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
			return CallbackPush{}, ctx.Err()
		case <-changed:
		}
	}
}

// ClearCallbacks forgets delivered and failed pushes. Pending pushes stay
// and keep being attempted.
func (s *Server) ClearCallbacks() {
	if s.push == nil {
		return
	}
	p := s.push
	p.mu.Lock()
	p.all = slices.DeleteFunc(p.all, func(e *pushEntry) bool { return e.Status != PushPending })
	p.finished = 0
	p.changedLocked()
	p.mu.Unlock()
}
