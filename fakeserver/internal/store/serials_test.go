package store

import "testing"

func TestSerialsRoundTrip(t *testing.T) {
	s, other := newSerials(), newSerials()
	for _, seq := range []uint64{1, 2, 999, 1 << 40} {
		for _, mainland := range []bool{true, false} {
			sn := s.serialNo(seq, mainland)
			if got, ok := s.seqOf(sn); !ok || got != seq {
				t.Errorf("seqOf(%q) = %d, %v; want %d", sn, got, ok, seq)
			}
			if s.salt != other.salt {
				if _, ok := other.seqOf(sn); ok {
					t.Errorf("another server accepts %q", sn)
				}
			}
			if mainland && (len(sn) != 33 || sn[:5] != "2433:") {
				t.Errorf("mainland serial %q", sn)
			}
		}
	}
	for _, bad := range []string{"", "2433:", "2433:12", "not-a-uuid", "00000000-0000-4000-8000-000000000001"} {
		if _, ok := s.seqOf(bad); ok {
			t.Errorf("seqOf(%q) accepted", bad)
		}
	}
}
