package tcsms

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSplitSegmentsMatchesSegments checks that SplitSegments cuts every
// text into exactly the Segments that are billed, losing nothing, over
// the boundary cases of each alphabet and random mixes of characters
// whose widths differ (escape pairs and surrogate pairs at boundaries).
func TestSplitSegmentsMatchesSegments(t *testing.T) {
	texts := []string{"", "短", strings.Repeat("短", 70), strings.Repeat("短", 71), strings.Repeat("a", 160),
		strings.Repeat("a", 161), strings.Repeat("a", 152) + "€" + strings.Repeat("a", 154),
		strings.Repeat("a", 305) + "€", strings.Repeat("é", 66) + "😀" + "x", strings.Repeat("😀", 36)}
	alphabet := []rune("a€{短😀é ")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		for _, mainland := range []bool{true, false} {
			segs := SplitSegments(text, mainland)
			if want := Segments(text, mainland); len(segs) != want {
				t.Fatalf("SplitSegments(%q, %v) has %d segments, Segments says %d", text, mainland, len(segs), want)
			}
			if strings.Join(segs, "") != text {
				t.Fatalf("SplitSegments(%q, %v) = %q, which does not join to the text", text, mainland, segs)
			}
			for _, s := range segs {
				if len(segs) > 1 && s == "" || !utf8.ValidString(s) {
					t.Fatalf("SplitSegments(%q, %v) has a bad segment %q", text, mainland, s)
				}
			}
		}
	}
}

// TestSplitSegmentsCuts pins where the cuts fall: 67 characters for long
// mainland text, and an escape pair that would straddle a GSM boundary
// moves to the next segment.
func TestSplitSegmentsCuts(t *testing.T) {
	segs := SplitSegments("【签名】"+strings.Repeat("验", 70), true)
	if len(segs) != 2 || utf8.RuneCountInString(segs[0]) != 67 || utf8.RuneCountInString(segs[1]) != 7 {
		t.Errorf("mainland 74 characters: %d segments of %v runes", len(segs), runeCounts(segs))
	}
	segs = SplitSegments(strings.Repeat("a", 152)+"€b"+strings.Repeat("c", 10), false)
	if len(segs) != 2 || segs[0] != strings.Repeat("a", 152) || !strings.HasPrefix(segs[1], "€b") {
		t.Errorf("GSM escape at the boundary: %q", segs)
	}
}

func runeCounts(segs []string) []int {
	out := make([]int, len(segs))
	for i, s := range segs {
		out[i] = utf8.RuneCountInString(s)
	}
	return out
}
