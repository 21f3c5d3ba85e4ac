package tcsms

import (
	"math"
	"testing"
	"time"
)

func TestAppendTC3DateMatchesAppendFormat(t *testing.T) {
	stamps := []int64{
		0, -1, 1, 1795715749, 1795715749 - 1795715749%86400 - 1, // midnight edges
		951782400,                  // 2000-02-29
		-62135596800, -62135596801, // 0001-01-01 and the second before
		-62167219200, -62167219201, // year 0 and year -1
		253402300799, 253402300800, // 9999-12-31T23:59:59 and year 10000
		math.MinInt64 / 4, math.MaxInt64 / 4,
	}
	for day := int64(-800000); day < 3000000; day += 997 { // every month of many years
		stamps = append(stamps, day*86400+43210)
	}
	for _, ts := range stamps {
		want := time.Unix(ts, 0).UTC().Format(time.DateOnly)
		if got := string(appendTC3Date([]byte("x"), ts)); got != "x"+want {
			t.Errorf("appendTC3Date(%d) = %q, want %q", ts, got, "x"+want)
		}
	}
}

func TestPlainDateOnlyAcceptsWhatTimeParseAccepts(t *testing.T) {
	tests := []struct {
		s     string
		plain bool
	}{
		{"2026-11-26", true}, {"0000-01-01", true}, {"9999-12-28", true},
		{"2026-02-29", false}, {"2024-02-29", false}, {"2026-01-31", false}, // left to time.Parse
		{"2026-13-01", false}, {"2026-00-01", false}, {"2026-01-00", false},
		{"+026-01-01", false}, {"2026-1-01", false}, {"2026/01/01", false}, {"２026-01-01", false},
		{"", false}, {"2026-01-011", false},
	}
	for _, tc := range tests {
		if got := plainDate(tc.s); got != tc.plain {
			t.Errorf("plainDate(%q) = %v, want %v", tc.s, got, tc.plain)
		}
	}
}

func FuzzPlainDate(f *testing.F) {
	for _, s := range []string{"2026-11-26", "2026-02-30", "99999-01-01", "-001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainDate(s) {
			if _, err := time.Parse(time.DateOnly, s); err != nil {
				t.Fatalf("plainDate(%q) but time.Parse: %v", s, err)
			}
		}
	})
}
