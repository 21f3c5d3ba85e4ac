package store

import (
	"slices"
	"time"
)

// Duplicates are found as messages are added: a new message is compared
// with the newest messages to the same number (at most dupLookback of
// them, within the duplicate window) and, when it repeats one — same
// template and params — it records the distance back to it and joins the
// duplicate list. Listing duplicates then costs O(duplicates), not
// O(held messages).

// dupLookback bounds how many earlier messages to the same number a new
// message is compared with.
const dupLookback = 256

// dupList holds the sequence numbers of messages that repeat an earlier
// one, in acceptance order. Entries of messages no longer held are
// dropped lazily. Store.mu guards it.
type dupList struct {
	seqs []uint64
}

// noteLocked compares r, about to be added with sequence seq, with the
// latest messages to its number.
func (d *dupList) noteLocked(s *Store, seq uint64, r *record) {
	w := s.cfg.DuplicateWindow
	if w == 0 {
		return
	}
	c := s.idx.numbers[r.number]
	if c == nil {
		return
	}
	looked := 0
	walk(&s.log, byNumber, c.newest, false, func(at uint64, prev *record) bool {
		if looked++; looked > dupLookback || (w > 0 && r.at-prev.at > int64(w)) {
			return false
		}
		if prev.tmpl == r.tmpl && prev.params == r.params && sameExtraParams(prev, r) {
			r.dupPrev = distance(at, seq)
			return false
		}
		return true
	})
	if r.dupPrev == 0 {
		return
	}
	d.seqs = append(d.seqs, seq)
	if len(d.seqs) > 2*s.log.n+64 {
		d.seqs = slices.DeleteFunc(d.seqs, func(q uint64) bool { return !s.liveLocked(q) })
	}
}

func sameExtraParams(a, b *record) bool {
	var pa, pb []string
	if a.extra != nil {
		pa = a.extra.params
	}
	if b.extra != nil {
		pb = b.extra.params
	}
	return (pa == nil) == (pb == nil) && equalStrings(pa, pb)
}

// removeLocked forgets seq if it heads the list (eviction order); other
// removed messages are skipped when listing.
func (d *dupList) removeLocked(seq uint64) {
	if len(d.seqs) > 0 && d.seqs[0] == seq {
		d.seqs = d.seqs[1:]
	}
}

// Duplicate is a run of identical messages (same number, template and
// params), each within the duplicate window of the one before it.
type Duplicate struct {
	Number    string
	Template  string
	Params    []string
	Count     int
	SerialNos []string
	First     time.Time
	Last      time.Time
}

// Duplicates returns the runs of identical held messages, ordered by their
// first message.
func (s *Store) Duplicates() []Duplicate {
	s.mu.Lock()
	defer s.mu.Unlock()
	runOf := map[uint64]int{}
	var runs [][]uint64
	for _, seq := range s.dups.seqs {
		if !s.liveLocked(seq) {
			continue
		}
		prev := seq - uint64(s.log.at(seq).dupPrev)
		i, ok := runOf[prev]
		if !ok {
			if !s.liveLocked(prev) {
				continue // what it repeated is gone; it may start a run of its own
			}
			i = len(runs)
			runs = append(runs, []uint64{prev})
			runOf[prev] = i
		}
		runs[i] = append(runs[i], seq)
		runOf[seq] = i
	}
	out := make([]Duplicate, 0, len(runs))
	for _, run := range runs {
		first := s.log.at(run[0])
		d := Duplicate{
			Number:   first.e164(),
			Template: s.strs.str(first.tmpl),
			Params:   first.paramList(),
			Count:    len(run),
			First:    first.time(),
			Last:     s.log.at(run[len(run)-1]).time(),
		}
		if d.Params == nil {
			d.Params = []string{}
		}
		for _, seq := range run {
			d.SerialNos = append(d.SerialNos, s.serials.serialOf(seq, s.log.at(seq)))
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Duplicate) int { return a.First.Compare(b.First) })
	return out
}
