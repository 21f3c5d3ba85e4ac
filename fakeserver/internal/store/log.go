package store

import (
	"strconv"
	"strings"
	"time"
)

// The message log keeps held messages compactly, because a long-running
// server may hold hundreds of thousands of them: a record keeps the number
// as an integer, repeated strings (app, template, content, sign) as
// reference-counted indexes into an intern table, and the params packed in
// one string; the rendered text is rebuilt on demand. Records live in
// fixed-size chunks that never move, so adding one never copies the others,
// and the oldest are evicted from the front when the log is full.

const chunkSize = 4096 // records per chunk

// Record flag bits.
const (
	flagMainland = 1 << iota // the number is a mainland China number
	flagPulled               // PullSmsSendStatus returned the receipt
	flagRawText              // no template content: the text is the params joined
	flagDeleted              // deleted through the admin API; unlinked, waiting for eviction
)

// paramSep ends each parameter in record.params. A parameter holding it is
// kept in recordExtra.params instead.
const paramSep = "\x1f"

// record is one accepted message to one number. Its sequence number is its
// position in the log (msgLog.seqOf).
type record struct {
	at      int64  // acceptance time, Unix nanoseconds
	number  uint64 // E.164 digits without "+"; E.164 has at most 15, so they fit
	params  string // each param followed by paramSep
	tag     string // SessionContext
	extra   *recordExtra
	app     uint32 // interned SmsSdkAppId
	tmpl    uint32 // interned TemplateId
	content uint32 // interned template content (0 with flagRawText)
	sign    uint32 // interned SignName
	fee     uint16
	flags   uint8
	// links chain the records that share a key, one chain per index (see
	// index.go), as distances in sequence numbers; 0 ends the chain.
	links [numIndexes]link
	// dupPrev is the distance back to the identical message this one
	// repeats within the duplicate window, or 0 (duplicates.go).
	dupPrev uint32
}

// link is a record's place in one index chain.
type link struct{ prev, next uint32 }

// recordExtra holds the rarely used fields of a record.
type recordExtra struct {
	senderID   string
	extendCode string
	params     []string // only when a parameter contains paramSep
}

func (r *record) time() time.Time { return time.Unix(0, r.at) }

// e164 returns the number r was sent to, in E.164.
func (r *record) e164() string { return "+" + strconv.FormatUint(r.number, 10) }

func (r *record) paramList() []string {
	if r.extra != nil && r.extra.params != nil {
		return append([]string(nil), r.extra.params...)
	}
	if r.params == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(r.params, paramSep), paramSep)
}

// packParams returns params as record.params, or ok false when a param
// holds paramSep.
func packParams(params []string) (packed string, ok bool) {
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

// interner maps repeated strings to small integers, counting references so
// that strings no held record or catalog entry uses are dropped: a hostile
// client sending a new SignName with every message cannot grow it past the
// held messages. Index 0 is "" and is not counted.
type interner struct {
	entries []internEntry
	idx     map[string]uint32
	free    []uint32 // indexes of dropped entries, for reuse
}

type internEntry struct {
	s    string
	refs uint32
}

func newInterner() interner {
	return interner{entries: []internEntry{{}}, idx: map[string]uint32{"": 0}}
}

// ref returns s's index, adding s if needed, and counts one reference.
func (in *interner) ref(s string) uint32 {
	if s == "" {
		return 0
	}
	i, ok := in.idx[s]
	if !ok {
		s = strings.Clone(s) // never pin a request buffer
		if n := len(in.free); n > 0 {
			i, in.free = in.free[n-1], in.free[:n-1]
			in.entries[i] = internEntry{s: s}
		} else {
			i = uint32(len(in.entries))
			in.entries = append(in.entries, internEntry{s: s})
		}
		in.idx[s] = i
	}
	in.entries[i].refs++
	return i
}

// unref drops one reference to index i.
func (in *interner) unref(i uint32) {
	if i == 0 {
		return
	}
	e := &in.entries[i]
	if e.refs--; e.refs == 0 {
		delete(in.idx, e.s)
		*e = internEntry{}
		in.free = append(in.free, i)
	}
}

func (in *interner) str(i uint32) string { return in.entries[i].s }

// lookup returns the index of s without adding it.
func (in *interner) lookup(s string) (uint32, bool) {
	i, ok := in.idx[s]
	return i, ok
}

// live returns the number of distinct strings held.
func (in *interner) live() int { return len(in.idx) - 1 }

// msgLog is the bounded list of held records, oldest first, with sequence
// numbers that keep counting across evictions and resets.
type msgLog struct {
	chunks [][]record // chunks[0][head] is the oldest held record
	head   int        // evicted records at the front of chunks[0]
	base   uint64     // seq of chunks[0][0]
	n      int        // held records
	spare  []record   // the last chunk evicted whole, reused by push
}

// first returns the seq of the oldest held record; with none held, the
// seq the next record will get.
func (l *msgLog) first() uint64 { return l.base + uint64(l.head) }

// next returns the seq the next record will get.
func (l *msgLog) next() uint64 { return l.first() + uint64(l.n) }

// holds reports whether the record with sequence seq is held.
func (l *msgLog) holds(seq uint64) bool { return seq >= l.first() && seq < l.next() }

// at returns the held record with sequence seq; holds(seq) must be true.
func (l *msgLog) at(seq uint64) *record {
	i := seq - l.base
	return &l.chunks[i/chunkSize][i%chunkSize]
}

// push appends r and returns its seq.
func (l *msgLog) push(r record) uint64 {
	idx := uint64(l.head + l.n)
	if idx%chunkSize == 0 && int(idx/chunkSize) == len(l.chunks) {
		c := l.spare
		if c == nil {
			c = make([]record, 0, chunkSize)
		}
		l.chunks, l.spare = append(l.chunks, c), nil
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, r)
	l.n++
	return l.base + idx
}

// popOldest forgets the oldest record, which the caller has unlinked, and
// frees its chunk once the whole chunk is gone.
func (l *msgLog) popOldest() {
	l.chunks[0][l.head] = record{} // drop its strings now
	l.head++
	l.n--
	if l.head == chunkSize {
		// Its records are zero already: a full log reuses it, so a
		// steady stream of sends allocates no new chunks.
		l.spare = l.chunks[0][:0]
		l.chunks[0] = nil
		l.chunks = l.chunks[1:]
		l.base += chunkSize
		l.head = 0
	}
}

// reset forgets every record; sequence numbers keep counting.
func (l *msgLog) reset() { *l = msgLog{base: l.next()} }
