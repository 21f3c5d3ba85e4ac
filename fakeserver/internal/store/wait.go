package store

import (
	"context"
	"errors"
	"strings"
)

// ErrClosed is returned by waits once the store is closed.
var ErrClosed = errors.New("server closed")

// waiter is a wait blocked until a matching message is added.
type waiter struct {
	q  *Query // nil matches every message
	ch chan struct{}
}

// matchesLocked reports whether the record r, just added, passes the
// waiter's query (cursors aside).
func (s *Store) matchesLocked(w *waiter, seq uint64, r *record) bool {
	q := w.q
	if q == nil {
		return true
	}
	if q.Number != "" && r.e164() != q.Number ||
		q.App != "" && s.strs.str(r.app) != q.App ||
		q.Template != "" && s.strs.str(r.tmpl) != q.Template ||
		q.Tag != "" && r.tag != q.Tag ||
		!q.Since.IsZero() && r.at < q.Since.UnixNano() ||
		!q.Until.IsZero() && r.at >= q.Until.UnixNano() {
		return false
	}
	if q.Text == "" {
		return true
	}
	sn := s.snapLocked(seq, r)
	m := s.message(&sn, s.cfg.Now())
	return strings.Contains(strings.ToLower(m.Text), strings.ToLower(q.Text))
}

// wakeLocked wakes the waiters the new record r matches, and subscribers.
func (s *Store) wakeLocked(seq uint64, r *record) {
	for w := range s.waiters {
		if s.matchesLocked(w, seq, r) {
			close(w.ch)
			delete(s.waiters, w)
		}
	}
	s.notifySubsLocked()
}

// wakeAllLocked wakes every waiter and subscriber (Reset, Close).
func (s *Store) wakeAllLocked() {
	for w := range s.waiters {
		close(w.ch)
		delete(s.waiters, w)
	}
	s.notifySubsLocked()
}

// notifySubsLocked signals every subscriber without blocking; a signal
// still pending is enough.
func (s *Store) notifySubsLocked() {
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Subscribe returns a channel that receives a signal (coalesced) whenever
// messages are added, deleted or reset, and is closed when the store
// closes; cancel stops the subscription.
func (s *Store) Subscribe() (changes <-chan struct{}, cancel func()) {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		close(ch)
		return ch, func() {}
	}
	s.subs[ch] = struct{}{}
	return ch, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if _, ok := s.subs[ch]; ok {
			delete(s.subs, ch)
			close(ch)
		}
	}
}

// Wait returns the held messages that match q (its cursors and order
// included, its limit ignored) and keep (nil keeps all) once at least n of
// them are held, waiting for more until ctx is done (ctx.Err()) or the
// store closes (ErrClosed). A Reset while waiting starts the count over.
// Each wake costs O(the messages added since the last look).
func (s *Store) Wait(ctx context.Context, q Query, n int, keep func(Message) bool) ([]Message, error) {
	q.Limit, q.NoTotal, q.Newest = 0, true, false
	var found []Message
	s.mu.Lock()
	resets := s.resets
	s.mu.Unlock()
	for {
		w := &waiter{ch: make(chan struct{})}
		if keep == nil {
			w.q = &q
		}
		s.mu.Lock()
		closed := s.closed
		if s.resets != resets {
			found, resets, q.After = nil, s.resets, ""
		}
		if !closed {
			s.waiters[w] = struct{}{}
		}
		s.mu.Unlock()
		p, err := s.Page(q)
		if err != nil {
			s.dropWaiter(w)
			return nil, err
		}
		for _, m := range p.Messages {
			if keep == nil || keep(m) {
				found = append(found, m)
			}
			q.After = m.SerialNo
		}
		if len(found) >= max(n, 1) {
			s.dropWaiter(w)
			return found, nil
		}
		if closed {
			return nil, ErrClosed
		}
		select {
		case <-ctx.Done():
			s.dropWaiter(w)
			return nil, ctx.Err()
		case <-w.ch:
		}
	}
}

func (s *Store) dropWaiter(w *waiter) {
	s.mu.Lock()
	delete(s.waiters, w)
	s.mu.Unlock()
}

// Added returns up to limit held messages matching q (its filters only)
// that were added after the cursor after (a SerialNo, or "" for the
// start), oldest first, and the cursor to pass next time: the last message
// returned when more remain (more is then true), else the newest message
// ever added, so that the messages q skipped are not looked at again. It
// costs O(the messages visited), like a page.
func (s *Store) Added(q Query, after string, limit int) (ms []Message, next string, more bool, err error) {
	s.mu.Lock()
	last := s.log.next() - 1
	s.mu.Unlock()
	if last == 0 { // nothing was ever added
		return nil, after, false, nil
	}
	q.After, q.Before = after, s.serials.serialNo(last+1, true)
	q.Newest, q.Limit, q.NoTotal = false, max(limit, 1), true
	p, err := s.Page(q)
	if err != nil {
		return nil, after, false, err
	}
	if p.Next != "" {
		return p.Messages, p.Next, true, nil
	}
	return p.Messages, s.serials.serialNo(last, true), false, nil
}

// Cursor returns the cursor for Added that stands for now: only messages
// added after the call come after it. It is "" before the first message.
func (s *Store) Cursor() string {
	s.mu.Lock()
	last := s.log.next() - 1
	s.mu.Unlock()
	if last == 0 {
		return ""
	}
	return s.serials.serialNo(last, true)
}
