package fakeserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/push"
)

// Callback pushes: with a callback URL configured, the server POSTs
// delivery receipts and replies to it as Tencent does (reference §7), and
// keeps trying, with exponential backoff on the wall clock, until the
// receiver answers HTTP 200 with {"result":0,...} or the attempts run out
// (package internal/push does the pushing). Pushes stay in a log that
// Callbacks and GET /_fake/callbacks show, so a receiver that never
// acknowledged is visible rather than silently dropped; the log is bounded
// (MaxPendingPushes, MaxFinishedPushes).

// Kinds of callback pushes.
const (
	CallbackReceipts = "receipts" // a JSON array of delivery receipts
	CallbackReply    = "reply"    // one reply, a JSON object
)

// States of a callback push.
const (
	PushPending   = push.Pending   // not acknowledged yet; another attempt will follow
	PushDelivered = push.Delivered // the receiver answered 200 {"result":0}
	PushFailed    = push.Failed    // every attempt failed; no more attempts
)

// Bounds of the callback push log. A receiver that is down for long, or a
// server that runs for weeks, must not grow it without end.
const (
	// DefaultCallbackConcurrency is Options.CallbackConcurrency when it is
	// 0: how many pushes may be in flight at once.
	DefaultCallbackConcurrency = push.DefaultConcurrency
	// MaxPendingPushes is how many pushes may wait for their receiver at
	// once. Past it the oldest waiting push is marked failed, with a
	// LastError saying so, and attempted no more.
	MaxPendingPushes = push.MaxPending
	// MaxFinishedPushes is how many delivered and failed pushes the log
	// keeps; past it the oldest are forgotten.
	MaxFinishedPushes = push.MaxFinished
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
	// "HTTP 503", a redirect (never followed), or an answer whose result is
	// not 0.
	LastError string `json:"lastError,omitempty"`
	// Created is when the push was created, by the server clock.
	Created time.Time `json:"created"`
	// NextAttempt is when the next attempt starts, by the wall clock, while
	// the push is pending after a failure.
	NextAttempt time.Time `json:"nextAttempt,omitzero"`
}

// callbacks is the server's callback configuration and its pusher; nil
// without a callback URL.
type callbacks struct {
	receiptURL, replyURL string
	*push.Pusher
}

// newCallbacks validates the callback options and returns nil when no
// callback URL is configured.
func newCallbacks(opts Options, s *Server) (*callbacks, error) {
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
	return &callbacks{
		receiptURL: opts.ReceiptCallbackURL,
		replyURL:   opts.ReplyCallbackURL,
		Pusher: push.New(push.Config{Backoff: opts.CallbackBackoff, MaxAttempts: opts.CallbackMaxAttempts,
			Concurrency: opts.CallbackConcurrency, Log: s.log}),
	}, nil
}

// runPusher is the pusher goroutine: each round it turns the receipts due
// by the server clock into pushes.
func (s *Server) runPusher() {
	s.push.Run(func() time.Duration {
		if s.push.receiptURL == "" {
			return 0
		}
		now := s.clock.Now()
		batches, next := s.dueReceipts(now)
		for _, b := range batches {
			body, err := json.Marshal(b)
			if err != nil {
				s.log.Error("encoding receipts failed", "err", err)
				continue
			}
			serials := make([]string, len(b))
			for i, rc := range b {
				serials[i] = rc.Sid
			}
			s.push.Enqueue(CallbackReceipts, s.push.receiptURL, body, serials, now)
		}
		if next.IsZero() {
			return 0
		}
		return max(next.Sub(now), time.Millisecond)
	})
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
	return callbackPushes(s.push.List(""))
}

func callbackPushes(ps []push.Push) []CallbackPush {
	out := make([]CallbackPush, len(ps))
	for i, p := range ps {
		out[i] = CallbackPush(p)
	}
	return out
}

// WaitCallback returns the first push (oldest first) for which match
// returns true, waiting for one until ctx is done. Pushes change state, so
// match may look at Status: WaitCallback(ctx, func(p CallbackPush) bool
// { return p.Status == fakeserver.PushFailed }) waits for a push to give
// up. It fails at once when no callback URL is configured.
func (s *Server) WaitCallback(ctx context.Context, match func(CallbackPush) bool) (CallbackPush, error) {
	if s.push == nil {
		return CallbackPush{}, errNoCallbacks
	}
	p, err := s.push.Wait(ctx, func(p push.Push) bool { return match(CallbackPush(p)) })
	return CallbackPush(p), err
}

// ClearCallbacks forgets delivered and failed pushes. Pending pushes stay
// and keep being attempted.
func (s *Server) ClearCallbacks() {
	if s.push != nil {
		s.push.Clear()
	}
}
