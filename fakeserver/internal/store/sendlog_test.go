package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSendLogBounds checks that the send log keeps the newest
// MaxSendRecords records, forgets the SerialNos of evicted ones, cuts long
// bodies, stays within MaxSendLogBytes, and forgets everything on Reset.
func TestSendLogBounds(t *testing.T) {
	s := New(Config{})
	for i := range MaxSendRecords + 10 {
		s.LogSend(SendRecord{RequestID: fmt.Sprint("req-", i), Body: []byte("{}"), SerialNos: []string{fmt.Sprint("sn-", i)}})
	}
	if n, _ := s.SendRecords(); n != MaxSendRecords {
		t.Fatalf("kept %d records, want %d", n, MaxSendRecords)
	}
	for _, tc := range []struct {
		serial string
		kept   bool
	}{{"sn-0", false}, {"sn-9", false}, {"sn-10", true}, {fmt.Sprint("sn-", MaxSendRecords+9), true}} {
		r, ok := s.SendRecordOf(tc.serial)
		if ok != tc.kept || ok && r.RequestID != "req-"+strings.TrimPrefix(tc.serial, "sn-") {
			t.Errorf("SendRecordOf(%s) = %q, %v; want kept %v", tc.serial, r.RequestID, ok, tc.kept)
		}
	}

	big := []byte(strings.Repeat("x", MaxSendRecordPart+100))
	for i := range 400 {
		s.LogSend(SendRecord{RequestID: fmt.Sprint("big-", i), Body: big, Response: big, SerialNos: []string{fmt.Sprint("big-", i)}})
	}
	n, bytes := s.SendRecords()
	if bytes > MaxSendLogBytes || n >= 400 {
		t.Errorf("after 400 large records: %d kept, %d bytes; want under %d bytes", n, bytes, MaxSendLogBytes)
	}
	r, ok := s.SendRecordOf("big-399")
	if !ok || len(r.Body) != MaxSendRecordPart || !r.BodyCut || !r.ResponseCut {
		t.Errorf("newest large record: kept %v, body %d bytes, cut %v %v", ok, len(r.Body), r.BodyCut, r.ResponseCut)
	}
	if _, ok := s.SendRecordOf(fmt.Sprint("sn-", MaxSendRecords+9)); ok {
		t.Error("a small record survived 16 MiB of newer ones")
	}
	s.Reset()
	if n, _ := s.SendRecords(); n != 0 {
		t.Errorf("Reset left %d send records", n)
	}
	if _, ok := s.SendRecordOf("big-399"); ok {
		t.Error("Reset left a record findable")
	}
}

// TestSendRecordOfCopies checks that a returned record does not share
// its body or serials with the log.
func TestSendRecordOfCopies(t *testing.T) {
	s := New(Config{})
	s.LogSend(SendRecord{Body: []byte("a"), SerialNos: []string{"x", "y"}})
	r, _ := s.SendRecordOf("x")
	r.Body[0], r.SerialNos[1] = 'b', "changed"
	if r2, _ := s.SendRecordOf("y"); string(r2.Body) != "a" || r2.SerialNos[1] != "y" {
		t.Errorf("the log changed through a copy: %+v", r2)
	}
}

// TestRepliesOfAgreesWithScan injects replies from a few numbers past
// MaxReplies and checks RepliesOf against a plain filter of Replies.
func TestRepliesOfAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	s := New(Config{MaxReplies: 50})
	numbers := []string{"+8613800000001", "+8613800000002", "+14155550100"}
	for i := range 400 {
		s.AddReply(mustNumber(t, numbers[rng.IntN(len(numbers))]), Reply{Text: fmt.Sprint(i), Time: t0.Add(time.Duration(i) * time.Second)})
		if i%37 == 0 {
			for _, n := range numbers {
				var want []Reply
				for _, r := range s.Replies() {
					if r.Number == n {
						want = append(want, r)
					}
				}
				for _, limit := range []int{1, 5, 1000} {
					got, total := s.RepliesOf(n, limit)
					w := want[max(len(want)-limit, 0):]
					if total != len(want) || !slices.EqualFunc(got, w, func(a, b Reply) bool { return a.Text == b.Text }) {
						t.Fatalf("after %d: RepliesOf(%s, %d) = %d of %d, want %d of %d", i, n, limit, len(got), total, len(w), len(want))
					}
				}
			}
		}
	}
	s.Reset()
	if got, total := s.RepliesOf(numbers[0], 10); len(got) != 0 || total != 0 {
		t.Errorf("after Reset: %d replies of %d", len(got), total)
	}
}

// TestVersionCountsOtherChanges checks that adds move Next and that
// deletes, replies and resets move Other, which is how the event stream
// tells new messages from other changes.
func TestVersionCountsOtherChanges(t *testing.T) {
	s := New(Config{})
	v0 := s.Version()
	var serial string
	_ = s.Update(func(tx *Tx) error {
		serial = tx.Add(Delivery{Number: mustNumber(t, "+8613800000001"), App: "1", Template: "1", Raw: true, At: t0})
		return nil
	})
	v1 := s.Version()
	if v1.Next != v0.Next+1 || v1.Other != v0.Other {
		t.Fatalf("an add moved the version from %+v to %+v", v0, v1)
	}
	s.AddReply(mustNumber(t, "+8613800000001"), Reply{Text: "hi"})
	v2 := s.Version()
	s.Delete(serial)
	v3 := s.Version()
	s.Reset()
	v4 := s.Version()
	if v2.Other <= v1.Other || v3.Other <= v2.Other || v4.Other <= v3.Other || v4.Next != v1.Next {
		t.Errorf("reply, delete and reset versions: %+v %+v %+v %+v", v1, v2, v3, v4)
	}
}
