package store

import (
	"cmp"
	"container/heap"
	"slices"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Delivery receipts are decided here and nowhere else: the pull actions,
// inspection, statistics and the callback pusher all ask receiptOf.

// Receipt statuses, as ReportStatus and report_status carry them.
const (
	ReceiptSuccess = "SUCCESS"
	ReceiptFail    = "FAIL"
)

// Receipt is what the carrier reports for a message.
type Receipt struct {
	// Status is ReceiptSuccess or ReceiptFail.
	Status string
	// Code is the carrier's code (PullSmsSendStatus.Description, the
	// callback's errmsg), for example "DELIVRD".
	Code string
	// Description is the callback's description text.
	Description string
	// At is when the receipt is (or will be) reported.
	At time.Time
	// Never is set for a message that is never reported.
	Never bool
}

// outcome is a number's carrier outcome and the delay it adds.
type outcome struct {
	status, code, description string
	extra                     time.Duration
	never                     bool
}

var delivered = outcome{status: ReceiptSuccess, code: "DELIVRD", description: "用户短信送达成功"}

// magicOutcomes are the outcomes of the magic test numbers
// +86139000000NN and +1555010xxNN, by NN. Unlisted NN, like every other
// number, are delivered.
var magicOutcomes = map[uint64]outcome{
	0:  delivered,
	1:  {status: ReceiptFail, code: "EMPTY_NUMBER", description: "空号"},
	2:  {status: ReceiptFail, code: "SHUTDOWN", description: "停机"},
	3:  {status: ReceiptFail, code: "BLACKLIST", description: "黑名单"},
	4:  {status: ReceiptFail, code: "FREQ_LIMIT", description: "频率限制"},
	5:  {status: ReceiptFail, code: "UNDELIV", description: "运营商内部错误"},
	10: {never: true},
	20: {status: ReceiptSuccess, code: "DELIVRD", description: "用户短信送达成功", extra: time.Minute},
	21: {status: ReceiptSuccess, code: "DELIVRD", description: "用户短信送达成功", extra: time.Hour},
	22: {status: ReceiptFail, code: "EMPTY_NUMBER", description: "空号", extra: time.Minute},
}

// The magic ranges, as record.number digits.
const (
	magicMainlandFirst = 8613900000000 // +8613900000000
	magicMainlandLast  = 8613900000099
	magicIntlFirst     = 15550100000 // +15550100000
	magicIntlLast      = 15550109999
)

func outcomeOf(number uint64) outcome {
	if (number < magicMainlandFirst || number > magicMainlandLast) && (number < magicIntlFirst || number > magicIntlLast) {
		return delivered
	}
	if o, ok := magicOutcomes[number%100]; ok {
		return o
	}
	return delivered
}

// receiptOf returns r's receipt and whether it is reported at now. It
// reads only r and the configuration, so it needs no lock.
func (s *Store) receiptOf(r *record, now time.Time) (Receipt, bool) {
	o := outcomeOf(r.number)
	rc := Receipt{Status: o.status, Code: o.code, Description: o.description, Never: o.never,
		At: r.time().Add(s.cfg.ReceiptDelay + o.extra)}
	return rc, !rc.Never && !rc.At.After(now)
}

// Report is a reported receipt with the message it reports on.
type Report struct {
	Receipt
	SerialNo    string
	Number      string // E.164
	CountryCode string
	Subscriber  string // the number without its country code
	Tag         string // SessionContext
}

// report builds the Report of r's receipt rc.
func (s *Store) report(seq uint64, r *record, rc Receipt) Report {
	rep := Report{Receipt: rc, SerialNo: s.serials.serialOf(seq, r), Number: r.e164(), Tag: r.tag}
	if n, err := tcsms.ParseNumber(rep.Number); err == nil {
		rep.CountryCode, rep.Subscriber = n.CountryCode, n.Subscriber
	} else {
		rep.Subscriber = rep.Number
	}
	return rep
}

// Report returns the message's receipt report and whether it is reported
// at now.
func (h Held) Report(now time.Time) (Report, bool) {
	rc, ok := h.tx.s.receiptOf(h.r, now)
	if !ok {
		return Report{}, false
	}
	return h.tx.s.report(h.seq, h.r, rc), true
}

// PullReports returns up to limit of app's reported receipts not pulled
// before, oldest first, and marks them pulled. Receipts not reported yet
// stay for a later pull and do not hold back later ones that are due.
// Messages before a per-app cursor are known pulled or never reported, so
// a pull costs O(the app's messages not pulled yet).
func (tx *Tx) PullReports(app string, limit int, now time.Time) []Report {
	s := tx.s
	ref, ok := s.strs.lookup(app)
	if !ok {
		return nil
	}
	c := s.idx.apps[ref]
	if c == nil {
		return nil
	}
	var out []Report
	cursor := max(s.pulls[app], c.oldest)
	contiguous := true
	m := matcher{ix: byApp, app: ref}
	start, ok := s.seekLocked(&m, cursor, true)
	if !ok {
		return nil
	}
	walk(&s.log, byApp, start, true, func(seq uint64, r *record) bool {
		if len(out) >= limit {
			return false
		}
		if r.flags&flagPulled == 0 {
			if rc, reported := s.receiptOf(r, now); reported {
				r.flags |= flagPulled
				out = append(out, s.report(seq, r, rc))
			} else if !rc.Never {
				contiguous = false
			}
		}
		if contiguous {
			cursor = seq + 1
		}
		return true
	})
	s.pulls[app] = cursor
	if len(s.pulls) > 2*len(s.idx.apps)+64 {
		s.prunePullsLocked()
	}
	if len(out) > 0 {
		s.other++
		s.notifySubsLocked()
	}
	return out
}

// prunePullsLocked drops the cursors of apps no held message belongs to.
func (s *Store) prunePullsLocked() {
	for app := range s.pulls {
		if ref, ok := s.strs.lookup(app); !ok || s.idx.apps[ref] == nil {
			delete(s.pulls, app)
		}
	}
}

// receiptSched is the callback pusher's schedule: the held messages whose
// receipts are still to be pushed, by due time. Store.mu guards it.
type receiptSched struct {
	on  bool
	due dueHeap
}

// dueEntry is a scheduled receipt.
type dueEntry struct {
	at  int64 // Unix nanoseconds
	seq uint64
}

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

// ScheduleReceipts makes the store keep the schedule DueReports reads; a
// server with a receipt callback URL turns it on at start.
func (s *Store) ScheduleReceipts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sched.on = true
}

// noteLocked schedules the receipt of the record just added.
func (sc *receiptSched) noteLocked(s *Store, seq uint64, r *record) {
	if !sc.on {
		return
	}
	rc, _ := s.receiptOf(r, time.Time{})
	if rc.Never {
		return
	}
	heap.Push(&sc.due, dueEntry{rc.At.UnixNano(), seq})
	if len(sc.due) > 2*s.log.n+1024 {
		// Evicted messages leave entries behind; drop them.
		sc.due = slices.DeleteFunc(sc.due, func(e dueEntry) bool { return !s.liveLocked(e.seq) })
		heap.Init(&sc.due)
	}
}

// liveLocked reports whether seq is a held, undeleted record.
func (s *Store) liveLocked(seq uint64) bool {
	return s.log.holds(seq) && s.log.at(seq).flags&flagDeleted == 0
}

// DueReports returns the receipts due at now that were not returned
// before, oldest first, and when the next scheduled one falls due (zero if
// none is scheduled). Receipts of messages evicted or deleted first are
// skipped.
func (s *Store) DueReports(now time.Time) (due []Report, next time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc := &s.sched
	var entries []dueEntry
	for len(sc.due) > 0 && sc.due[0].at <= now.UnixNano() {
		entries = append(entries, heap.Pop(&sc.due).(dueEntry))
	}
	if len(sc.due) > 0 {
		next = time.Unix(0, sc.due[0].at)
	}
	slices.SortFunc(entries, func(a, b dueEntry) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.seq, b.seq))
	})
	for _, e := range entries {
		if !s.liveLocked(e.seq) {
			continue
		}
		r := s.log.at(e.seq)
		rc, _ := s.receiptOf(r, now)
		due = append(due, s.report(e.seq, r, rc))
	}
	return due, next
}
