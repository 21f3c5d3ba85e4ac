package store

import (
	"strings"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Delivery is one accepted message to one number, as Add stores it.
type Delivery struct {
	Number                   tcsms.Number
	App, Template, Sign, Tag string
	SenderID, ExtendCode     string
	// Content is the registered template's content; "" with Raw.
	Content string
	// Raw marks a message without a registered template: its text is the
	// params joined by spaces.
	Raw    bool
	Params []string
	Fee    int
	At     time.Time
}

// Add holds d and returns its SerialNo. When the store is full the oldest
// message is evicted first.
func (tx *Tx) Add(d Delivery) string {
	s := tx.s
	if limit := s.cfg.MaxMessages; limit > 0 {
		for s.log.n >= limit {
			s.evictOldestLocked()
		}
	}
	digits, _ := e164Digits(d.Number.E164)
	r := record{
		at:     d.At.UnixNano(),
		number: digits,
		tag:    strings.Clone(d.Tag),
		app:    s.strs.ref(d.App),
		tmpl:   s.strs.ref(d.Template),
		sign:   s.strs.ref(d.Sign),
		fee:    uint16(min(max(d.Fee, 0), 1<<16-1)),
	}
	if d.Raw {
		r.flags |= flagRawText
	} else {
		r.content = s.strs.ref(d.Content)
	}
	if d.Number.Mainland {
		r.flags |= flagMainland
	}
	packed, ok := packParams(d.Params)
	r.params = packed
	if !ok || d.SenderID != "" || d.ExtendCode != "" {
		r.extra = &recordExtra{senderID: strings.Clone(d.SenderID), extendCode: strings.Clone(d.ExtendCode)}
		if !ok {
			r.extra.params = cloneStrings(d.Params)
		}
	}
	seq := s.log.next()
	s.dups.noteLocked(s, seq, &r)
	s.log.push(r)
	rec := s.log.at(seq)
	s.idx.add(&s.log, seq, rec)
	s.sched.noteLocked(s, seq, rec)
	s.wakeLocked(seq, rec)
	return s.serials.serialNo(seq, d.Number.Mainland)
}

// evictOldestLocked forgets the oldest held message.
func (s *Store) evictOldestLocked() {
	seq := s.log.first()
	if r := s.log.at(seq); r.flags&flagDeleted != 0 {
		s.deleted--
	} else {
		s.unlinkLocked(seq, r)
		s.evicted++
	}
	s.log.popOldest()
}

// unlinkLocked removes the held record r from the indexes and drops its
// interned strings.
func (s *Store) unlinkLocked(seq uint64, r *record) {
	s.idx.remove(&s.log, seq, r)
	s.dups.removeLocked(seq)
	for _, i := range [...]uint32{r.app, r.tmpl, r.content, r.sign} {
		s.strs.unref(i)
	}
}

// Delete forgets the held message with the given SerialNo and reports
// whether it was held. Its slot in the log is freed when it would have
// been evicted; until then it counts towards MaxMessages.
func (s *Store) Delete(serialNo string) bool {
	seq, ok := s.serials.seqOf(serialNo)
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.log.holds(seq) {
		return false
	}
	r := s.log.at(seq)
	if r.flags&flagDeleted != 0 {
		return false
	}
	s.unlinkLocked(seq, r)
	*r = record{flags: flagDeleted}
	s.deleted++
	s.other++
	s.notifySubsLocked()
	return true
}

// Held is a held message seen from inside Update; it must not be kept
// after the function returns.
type Held struct {
	tx  *Tx
	seq uint64
	r   *record
}

// Held returns the held message with the given SerialNo.
func (tx *Tx) Held(serialNo string) (Held, bool) {
	seq, ok := tx.s.serials.seqOf(serialNo)
	if !ok || !tx.s.log.holds(seq) {
		return Held{}, false
	}
	r := tx.s.log.at(seq)
	if r.flags&flagDeleted != 0 {
		return Held{}, false
	}
	return Held{tx, seq, r}, true
}

// SerialNo returns the message's SerialNo.
func (h Held) SerialNo() string { return h.tx.s.serials.serialOf(h.seq, h.r) }

// Number returns the E.164 recipient.
func (h Held) Number() string { return h.r.e164() }

// App returns the SmsSdkAppId.
func (h Held) App() string { return h.tx.s.strs.str(h.r.app) }

// Time returns when the message was accepted.
func (h Held) Time() time.Time { return h.r.time() }

// SameContent reports whether the message had the given template and
// params, as Tencent's same-content limits compare them.
func (h Held) SameContent(template string, params []string) bool {
	if h.tx.s.strs.str(h.r.tmpl) != template {
		return false
	}
	if h.r.extra != nil && h.r.extra.params != nil {
		return equalStrings(h.r.extra.params, params)
	}
	packed, ok := packParams(params)
	return ok && packed == h.r.params
}

// Receipt returns the message's delivery receipt and whether it is
// reported at now.
func (h Held) Receipt(now time.Time) (Receipt, bool) { return h.tx.s.receiptOf(h.r, now) }

// MaskedText returns the text with every digit of the params masked as
// '*', as DescribeSendRecordList shows it.
func (h Held) MaskedText() string {
	params := h.r.paramList()
	for i, p := range params {
		params[i] = strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return '*'
			}
			return c
		}, p)
	}
	return RenderText(h.tx.s.strs.str(h.r.sign), h.tx.s.strs.str(h.r.content), h.r.flags&flagRawText != 0, params)
}

// ToNumber calls fn for the held messages to number (E.164) from app (""
// for any app), oldest first when forward is set and newest first
// otherwise, until fn returns false. It costs O(messages to number).
func (tx *Tx) ToNumber(number, app string, forward bool, fn func(Held) bool) {
	digits, ok := e164Digits(number)
	if !ok {
		return
	}
	c := tx.s.idx.numbers[digits]
	if c == nil {
		return
	}
	appRef, known := tx.s.strs.lookup(app)
	if !known && app != "" {
		return
	}
	start := c.newest
	if forward {
		start = c.oldest
	}
	walk(&tx.s.log, byNumber, start, forward, func(seq uint64, r *record) bool {
		if app != "" && r.app != appRef {
			return true
		}
		return fn(Held{tx, seq, r})
	})
}

// OfApp calls fn for app's held messages, oldest first, until fn returns
// false. It costs O(the app's messages).
func (tx *Tx) OfApp(app string, fn func(Held) bool) {
	ref, ok := tx.s.strs.lookup(app)
	if !ok {
		return
	}
	c := tx.s.idx.apps[ref]
	if c == nil {
		return
	}
	walk(&tx.s.log, byApp, c.oldest, true, func(seq uint64, r *record) bool {
		return fn(Held{tx, seq, r})
	})
}

// LastApp returns the app of the newest held message to number (E.164),
// or "".
func (tx *Tx) LastApp(number string) string {
	digits, ok := e164Digits(number)
	if !ok {
		return ""
	}
	if c := tx.s.idx.numbers[digits]; c != nil {
		return tx.s.strs.str(tx.s.log.at(c.newest).app)
	}
	return ""
}

// RenderText is the text a handset shows: 【sign】 and the rendered
// template, or the params joined by spaces when raw (no registered
// template) or when they do not fit the content.
func RenderText(sign, content string, raw bool, params []string) string {
	body := strings.Join(params, " ")
	if !raw {
		if t, err := tcsms.Render(content, params); err == nil {
			body = t
		}
	}
	if sign == "" {
		return body
	}
	return "【" + sign + "】" + body
}

// e164Digits parses "+<digits>" into an integer.
func e164Digits(e164 string) (uint64, bool) {
	if len(e164) < 2 || e164[0] != '+' || len(e164) > 16 {
		return 0, false
	}
	var n uint64
	for i := 1; i < len(e164); i++ {
		c := e164[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

func cloneStrings(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
