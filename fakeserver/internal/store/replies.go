package store

import (
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Reply is an injected inbound SMS.
type Reply struct {
	Number      string // E.164
	CountryCode string
	Subscriber  string
	Text        string
	Sign        string
	ExtendCode  string
	App         string // "" belongs to every app
	Time        time.Time
	Pulled      bool
}

// replyLog holds replies in injection order, evicting the oldest beyond
// Config.MaxReplies, and finds a number's replies in O(its replies).
// Store.mu guards it.
type replyLog struct {
	entries  []Reply
	unread   int                 // entries before this index were all pulled
	dropped  uint64              // replies evicted: entries[i] is reply number dropped+i
	byNumber map[string][]uint64 // E.164 -> its replies' numbers, oldest first
}

func (l *replyLog) len() int { return len(l.entries) }

// AddReply holds a reply to number; an empty App becomes the app of the
// newest held message to the number, if any.
func (s *Store) AddReply(num tcsms.Number, r Reply) Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.Number, r.CountryCode, r.Subscriber, r.Pulled = num.E164, num.CountryCode, num.Subscriber, false
	if r.App == "" {
		r.App = (&Tx{s}).LastApp(num.E164)
	}
	l := &s.replies
	if l.byNumber == nil {
		l.byNumber = map[string][]uint64{}
	}
	if limit := s.cfg.MaxReplies; limit > 0 && len(l.entries) >= limit {
		drop := len(l.entries) - limit + 1
		for _, e := range l.entries[:drop] {
			if rest := l.byNumber[e.Number][1:]; len(rest) == 0 {
				delete(l.byNumber, e.Number)
			} else {
				l.byNumber[e.Number] = rest
			}
		}
		l.entries = append(l.entries[:0:0], l.entries[drop:]...)
		l.unread = max(l.unread-drop, 0)
		l.dropped += uint64(drop)
	}
	l.byNumber[r.Number] = append(l.byNumber[r.Number], l.dropped+uint64(len(l.entries)))
	l.entries = append(l.entries, r)
	s.other++
	s.notifySubsLocked()
	return r
}

// RepliesOf returns copies of the newest limit (at least 1) replies from
// number (E.164), in injection order, and how many it holds in all. It
// costs O(limit).
func (s *Store) RepliesOf(number string, limit int) (replies []Reply, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &s.replies
	pos := l.byNumber[number]
	total = len(pos)
	pos = pos[max(len(pos)-max(limit, 1), 0):]
	out := make([]Reply, len(pos))
	for i, p := range pos {
		out[i] = l.entries[p-l.dropped]
	}
	return out, total
}

// Replies returns copies of the held replies, in injection order.
func (s *Store) Replies() []Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Reply(nil), s.replies.entries...)
}

// PullReplies returns up to limit of app's replies not pulled before, in
// injection order, and marks them pulled.
func (tx *Tx) PullReplies(app string, limit int) []Reply {
	l := &tx.s.replies
	var out []Reply
	contiguous := true
	for i := l.unread; i < len(l.entries) && len(out) < limit; i++ {
		e := &l.entries[i]
		if !e.Pulled && (e.App == "" || e.App == app) {
			e.Pulled = true
			out = append(out, *e)
		}
		if contiguous && e.Pulled {
			l.unread = i + 1
		} else {
			contiguous = false
		}
	}
	return out
}

// RepliesFrom returns up to limit of number's (E.164) replies to app
// received in [from, to] at whole-second resolution, in injection order,
// without consuming them.
func (tx *Tx) RepliesFrom(number, app string, from, to time.Time, limit int) []Reply {
	var out []Reply
	lo, hi := from.Unix(), to.Unix()
	for _, e := range tx.s.replies.entries {
		if len(out) >= limit {
			break
		}
		sec := e.Time.Unix()
		if e.Number == number && (e.App == "" || e.App == app) && sec >= lo && sec <= hi {
			out = append(out, e)
		}
	}
	return out
}
