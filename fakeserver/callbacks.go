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
// 200 with {"result":0,...} or the attempts run out. Every push stays in a
// log that Callbacks and GET /_fake/callbacks show, so a receiver that
// never acknowledged is visible rather than silently dropped.

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

// pusher owns the callback goroutines. It exists only when a callback URL
// is configured.
type pusher struct {
	receiptURL, replyURL string
	backoff              time.Duration
	maxAttempts          int
	client               *http.Client
	transport            *http.Transport
	log                  *slog.Logger
	wake                 chan struct{} // cap 1: new messages, clock moves, finished attempts
	ctx                  context.Context
	cancel               context.CancelFunc
	done                 chan struct{} // closed when the pusher goroutine returns
	stopOnce             sync.Once
	inflight             sync.WaitGroup

	mu      sync.Mutex // guards all, pending, nextID and changed
	all     []*pushEntry
	pending []*pushEntry
	nextID  int
	changed chan struct{} // closed and replaced whenever a push changes
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
	if opts.CallbackBackoff < 0 || opts.CallbackMaxAttempts < 0 {
		return nil, errors.New("fakeserver: CallbackBackoff and CallbackMaxAttempts may not be negative")
	}
	p := &pusher{
		receiptURL:  opts.ReceiptCallbackURL,
		replyURL:    opts.ReplyCallbackURL,
		backoff:     cmp.Or(opts.CallbackBackoff, defaultCallbackBackoff),
		maxAttempts: cmp.Or(opts.CallbackMaxAttempts, defaultCallbackAttempts),
		transport:   http.DefaultTransport.(*http.Transport).Clone(),
		log:         log,
		wake:        make(chan struct{}, 1),
		done:        make(chan struct{}),
		changed:     make(chan struct{}),
	}
	p.client = &http.Client{Transport: p.transport, Timeout: callbackTimeout}
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

// enqueue adds a pending push, to be attempted at once.
func (p *pusher) enqueue(kind, url string, body []byte, serials []string, created time.Time) {
	p.mu.Lock()
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

// startDue starts the attempts whose time has come and returns how long
// until the next one.
func (p *pusher) startDue(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	wait := maxPushPoll
	for _, e := range p.pending {
		if e.running {
			continue
		}
		if d := e.NextAttempt.Sub(now); d > 0 {
			wait = min(wait, d)
			continue
		}
		if p.ctx.Err() != nil {
			break
		}
		e.running = true
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
	e.running = false
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
		p.pending = slices.DeleteFunc(p.pending, func(x *pushEntry) bool { return x == e })
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

// Callbacks returns copies of every callback push, oldest first: pending,
// delivered and failed. It is nil when no callback URL is configured.
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
	p.changedLocked()
	p.mu.Unlock()
}
