package fakeserver

import (
	"strconv"
	"strings"
	"time"
)

// The message store is sized for long-running servers: a million held
// messages should cost well under 200 bytes each. A record therefore keeps
// the number as an integer, repeated strings (app, template, content, sign)
// as indexes into an intern table, the serial number as a sequence, and
// rebuilds the rendered text on demand from the interned template content.

const chunkSize = 4096 // records per chunk; chunks never move once allocated

// Record flag bits.
const (
	flagMainland = 1 << iota // number is a mainland China number
	flagPulled               // the receipt was returned by a pull action
	flagRawText              // no template content: text is the params joined
)

// paramSep separates parameters in record.params. A parameter containing it
// is stored in recordExtra instead.
const paramSep = "\x1f"

// record is one accepted message to one number.
type record struct {
	number  uint64 // E.164 digits without "+"
	at      int64  // acceptance time, Unix nanoseconds
	seq     uint64 // serial sequence; SerialNo derives from it
	params  string // params, each followed by paramSep
	tag     string // SessionContext
	extra   *recordExtra
	app     uint32 // interned SmsSdkAppId
	tmpl    uint32 // interned TemplateId
	content uint32 // interned template content (0 with flagRawText)
	sign    uint32 // interned SignName
	fee     uint16
	flags   uint8
}

// recordExtra holds the rarely used fields of a record.
type recordExtra struct {
	number     string // the E.164 number when it does not fit record.number
	senderID   string
	extendCode string
	params     []string // only when a parameter contains paramSep
}

// interner maps repeated strings to small integers. Index 0 is "".
type interner struct {
	strs []string
	idx  map[string]uint32
}

func newInterner() interner {
	return interner{strs: []string{""}, idx: map[string]uint32{"": 0}}
}

func (in *interner) ref(s string) uint32 {
	if i, ok := in.idx[s]; ok {
		return i
	}
	s = strings.Clone(s) // do not pin a request buffer
	i := uint32(len(in.strs))
	in.strs = append(in.strs, s)
	in.idx[s] = i
	return i
}

func (in *interner) str(i uint32) string { return in.strs[i] }

// lookup returns the index of s without adding it.
func (in *interner) lookup(s string) (uint32, bool) {
	i, ok := in.idx[s]
	return i, ok
}

// statKey identifies one hour of one app's traffic.
type statKey struct {
	app  uint32
	hour int64 // Unix time / 3600
}

// statCounts are SendStatusStatistics' counters.
type statCounts struct {
	requests uint64 // numbers submitted
	success  uint64 // numbers accepted
	fee      uint64 // billed segments of accepted numbers
}

// store holds accepted messages, their receipts' state and statistics.
// It is not safe for concurrent use; Server.mu guards it.
type store struct {
	chunks  [][]record
	n       int
	baseSeq uint64 // seq of record 0
	nextSeq uint64
	strs    interner
	stats   map[statKey]*statCounts
	// lastStat caches the counters count used last: a run of sends is
	// mostly one app in one hour.
	lastStatKey statKey
	lastStat    *statCounts
	cursor      map[uint32]int // per app: index before which every receipt was pulled
	replies     []replyEntry   // injected replies, in injection order (action_reply.go)
}

func newStore(firstSeq uint64) store {
	return store{
		baseSeq: firstSeq,
		nextSeq: firstSeq,
		strs:    newInterner(),
		stats:   map[statKey]*statCounts{},
		cursor:  map[uint32]int{},
	}
}

// reset forgets every message and statistic but keeps the sequence going,
// so serial numbers stay unique for the server's life.
func (st *store) reset() { *st = newStore(st.nextSeq) }

func (st *store) at(i int) *record { return &st.chunks[i/chunkSize][i%chunkSize] }

func (st *store) len() int { return st.n }

// add appends r, assigning its sequence, and returns its index.
func (st *store) add(r record) int {
	if st.n%chunkSize == 0 {
		st.chunks = append(st.chunks, make([]record, 0, chunkSize))
	}
	r.seq = st.nextSeq
	st.nextSeq++
	c := &st.chunks[len(st.chunks)-1]
	*c = append(*c, r)
	st.n++
	return st.n - 1
}

// indexOfSeq returns the index of the record with sequence seq.
func (st *store) indexOfSeq(seq uint64) (int, bool) {
	if seq < st.baseSeq || seq >= st.baseSeq+uint64(st.n) {
		return 0, false
	}
	return int(seq - st.baseSeq), true
}

// count adds one submitted number to the statistics.
func (st *store) count(app uint32, t time.Time, accepted bool, fee int) {
	k := statKey{app: app, hour: t.Unix() / 3600}
	c := st.lastStat
	if c == nil || k != st.lastStatKey {
		if c = st.stats[k]; c == nil {
			c = &statCounts{}
			st.stats[k] = c
		}
		st.lastStatKey, st.lastStat = k, c
	}
	c.requests++
	if accepted {
		c.success++
		c.fee += uint64(fee)
	}
}

// sum totals app's statistics for the hours [from, to].
func (st *store) sum(app uint32, from, to int64) statCounts {
	var total statCounts
	for k, c := range st.stats {
		if k.app == app && k.hour >= from && k.hour <= to {
			total.requests += c.requests
			total.success += c.success
			total.fee += c.fee
		}
	}
	return total
}

func joinParams(params []string) (string, bool) {
	n := 0
	for _, p := range params {
		if strings.Contains(p, paramSep) {
			return "", false
		}
		n += len(p) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range params {
		b.WriteString(p)
		b.WriteString(paramSep)
	}
	return b.String(), true
}

func (r *record) paramList() []string {
	if r.extra != nil && r.extra.params != nil {
		return append([]string(nil), r.extra.params...)
	}
	if r.params == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(r.params, paramSep), paramSep)
}

// e164 returns the number r was sent to, in E.164.
func (r *record) e164() string {
	if r.extra != nil && r.extra.number != "" {
		return r.extra.number
	}
	return "+" + strconv.FormatUint(r.number, 10)
}

// sentTo reports whether r went to number, given both in E.164 and as its
// e164Digits (digits, compact), so that a scan compares integers.
func (r *record) sentTo(number string, digits uint64, compact bool) bool {
	if r.extra != nil && r.extra.number != "" {
		return r.extra.number == number
	}
	return compact && r.number == digits
}

func (r *record) time() time.Time { return time.Unix(0, r.at) }

// e164Digits parses "+<digits>" into an integer; ok is false for anything
// that does not fit.
func e164Digits(e164 string) (uint64, bool) {
	if len(e164) < 2 || e164[0] != '+' {
		return 0, false
	}
	n, err := strconv.ParseUint(e164[1:], 10, 64)
	return n, err == nil
}
