package fakeserver

import (
	"cmp"
	"container/heap"
	"slices"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// maxReceiptsPerPush bounds how many receipts one callback POST carries.
const maxReceiptsPerPush = 100

// receiptCallback is one element of Tencent's delivery-report callback
// (reference §7): seven string fields, in the order Tencent's docs show.
type receiptCallback struct {
	UserReceiveTime string `json:"user_receive_time"` // "2006-01-02 15:04:05", Beijing time
	Nationcode      string `json:"nationcode"`
	Mobile          string `json:"mobile"` // without the country code
	ReportStatus    string `json:"report_status"`
	Errmsg          string `json:"errmsg"`
	Description     string `json:"description"`
	Sid             string `json:"sid"` // the SerialNo
}

// receiptSched is the pusher's progress through the store. Server.mu
// guards it.
type receiptSched struct {
	resets uint64  // Server.resets when the schedule started; a Reset restarts it
	next   int     // index of the first record not yet scheduled
	later  dueHeap // receipts due after the latest scan
}

// dueEntry is a scheduled receipt: its due time and its record's sequence.
type dueEntry struct {
	at  int64 // Unix nanoseconds
	seq uint64
}

// dueHeap is a min-heap of dueEntry by due time.
type dueHeap []dueEntry

func (h dueHeap) Len() int           { return len(h) }
func (h dueHeap) Less(i, j int) bool { return h[i].at < h[j].at }
func (h dueHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dueHeap) Push(x any)        { *h = append(*h, x.(dueEntry)) }
func (h *dueHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// dueReceipts schedules the messages stored since the last call and
// returns the receipts due at now, oldest first, in batches of at most
// maxReceiptsPerPush, and when the next scheduled receipt falls due (zero
// if none is scheduled). Each receipt is returned once.
func (s *Server) dueReceipts(now time.Time) (batches [][]receiptCallback, next time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := &s.rsched
	if rs.resets != s.resets {
		*rs = receiptSched{resets: s.resets}
	}
	var due []dueEntry
	for ; rs.next < s.st.len(); rs.next++ {
		r := s.st.at(rs.next)
		rc, reported := s.receiptOf(r, now)
		switch {
		case rc.never:
		case reported:
			due = append(due, dueEntry{rc.at.UnixNano(), r.seq})
		default:
			heap.Push(&rs.later, dueEntry{rc.at.UnixNano(), r.seq})
		}
	}
	for len(rs.later) > 0 && rs.later[0].at <= now.UnixNano() {
		due = append(due, heap.Pop(&rs.later).(dueEntry))
	}
	if len(rs.later) > 0 {
		next = time.Unix(0, rs.later[0].at)
	}
	slices.SortFunc(due, func(a, b dueEntry) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq))
	})
	for chunk := range slices.Chunk(due, maxReceiptsPerPush) {
		batch := make([]receiptCallback, 0, len(chunk))
		for _, d := range chunk {
			if i, ok := s.st.indexOfSeq(d.seq); ok {
				batch = append(batch, s.receiptCallbackLocked(s.st.at(i), now))
			}
		}
		batches = append(batches, batch)
	}
	return batches, next
}

// receiptCallbackLocked builds the callback element of r's reported
// receipt.
func (s *Server) receiptCallbackLocked(r *record, now time.Time) receiptCallback {
	rc, _ := s.receiptOf(r, now)
	_, cc, sub := r.numberParts()
	return receiptCallback{
		UserReceiveTime: rc.at.In(tcsms.Beijing).Format(time.DateTime),
		Nationcode:      cc,
		Mobile:          sub,
		ReportStatus:    rc.status,
		Errmsg:          rc.code,
		Description:     rc.description,
		Sid:             s.serials.serialOf(r),
	}
}
