package store

import (
	"bytes"
	"slices"
	"time"
)

// Bounds of the send log: the last MaxSendRecords send requests, fewer
// when together they would exceed MaxSendLogBytes; each request body and
// response is cut to MaxSendRecordPart bytes first. So the log costs at
// most about 16 MiB however large the requests, and usually far less (a
// one-number SendSms record is under 2 KiB).
const (
	MaxSendRecords    = 1000
	MaxSendLogBytes   = 16 << 20
	MaxSendRecordPart = 64 << 10
)

// SendRecord is one send request (SendSms, SendMultiGlobalSms) as the
// server received and answered it. The caller redacts secrets and
// signatures before LogSend; the store only bounds and indexes it.
type SendRecord struct {
	// RequestID is the RequestId of the answer.
	RequestID string
	// Time is when the server answered it, by the server clock.
	Time time.Time
	// Action and Version are the API action and version.
	Action, Version string
	// Method and Target are the HTTP method and request URI.
	Method, Target string
	// Header holds the request headers worth showing, redacted, one
	// "Name: value" a line.
	Header string
	// Body is the request body, redacted, cut to MaxSendRecordPart bytes
	// (BodyCut then reports it). The store keeps the slice: the caller
	// must not change it.
	Body    []byte
	BodyCut bool
	// Response is the envelope answered, cut to MaxSendRecordPart bytes
	// (ResponseCut), or nil when no envelope was sent (Note says why). The
	// store keeps the slice, like Body.
	Response    []byte
	ResponseCut bool
	Note        string
	// SerialNos are the SerialNos of the messages the request held.
	SerialNos []string
}

// size is what a record costs against MaxSendLogBytes, roughly.
func (r *SendRecord) size() int {
	n := 256 + len(r.RequestID) + len(r.Action) + len(r.Version) + len(r.Method) + len(r.Target) +
		len(r.Header) + cap(r.Body) + cap(r.Response) + len(r.Note)
	for _, s := range r.SerialNos {
		n += 2*len(s) + 48 // the slice and the index entry
	}
	return n
}

// sendLog holds the newest send records, oldest first, and finds them by
// the SerialNos they hold. Store.mu guards it.
type sendLog struct {
	ring     []SendRecord      // a ring: the i-th oldest record is at(i)
	first    int               // index in ring of the oldest record
	n        int               // records kept
	base     uint64            // absolute position of the oldest record
	bytes    int               // sum of the records' size
	bySerial map[string]uint64 // SerialNo -> absolute position
}

// at returns the i-th oldest kept record.
func (l *sendLog) at(i int) *SendRecord { return &l.ring[(l.first+i)%len(l.ring)] }

// push appends r, growing the ring (by doubling, so up to about twice
// MaxSendRecords records of room) when it is full.
func (l *sendLog) push(r SendRecord) {
	if l.n == len(l.ring) {
		grown := make([]SendRecord, max(16, 2*len(l.ring)))
		for i := range l.n {
			grown[i] = *l.at(i)
		}
		l.ring, l.first = grown, 0
	}
	*l.at(l.n) = r
	l.n++
}

// LogSend keeps r, evicting the oldest records beyond the bounds; it keeps
// r's slices, which the caller must not change. Body and Response longer
// than MaxSendRecordPart are cut (on a byte boundary: the page shows them
// as text, lossy at the cut).
func (s *Store) LogSend(r SendRecord) {
	// A cut part is copied, so the rest of a large body is not kept alive.
	if len(r.Body) > MaxSendRecordPart {
		r.Body, r.BodyCut = bytes.Clone(r.Body[:MaxSendRecordPart]), true
	}
	if len(r.Response) > MaxSendRecordPart {
		r.Response, r.ResponseCut = bytes.Clone(r.Response[:MaxSendRecordPart]), true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &s.sends
	if l.bySerial == nil {
		l.bySerial = map[string]uint64{}
	}
	pos := l.base + uint64(l.n)
	l.push(r)
	l.bytes += r.size()
	for _, sn := range r.SerialNos {
		l.bySerial[sn] = pos
	}
	for l.n > MaxSendRecords || (l.bytes > MaxSendLogBytes && l.n > 1) {
		old := l.at(0)
		l.bytes -= old.size()
		for _, sn := range old.SerialNos {
			if l.bySerial[sn] == l.base {
				delete(l.bySerial, sn)
			}
		}
		*old = SendRecord{}
		l.first = (l.first + 1) % len(l.ring)
		l.n--
		l.base++
	}
}

// SendRecordOf returns a copy of the kept send record that held the
// message with the given SerialNo.
func (s *Store) SendRecordOf(serialNo string) (SendRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &s.sends
	pos, ok := l.bySerial[serialNo]
	if !ok {
		return SendRecord{}, false
	}
	r := *l.at(int(pos - l.base))
	r.SerialNos = slices.Clone(r.SerialNos)
	r.Body, r.Response = bytes.Clone(r.Body), bytes.Clone(r.Response)
	return r, true
}

// SendRecords returns the number of kept send records and their size.
func (s *Store) SendRecords() (n, bytes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sends.n, s.sends.bytes
}
