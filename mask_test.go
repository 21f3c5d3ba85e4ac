package notifier_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/internal/tcsms"
)

func TestMaskNumber(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"+8613812340000", "+86138****0000"},     // mainland mobile: the documented example
		{"+14155550100", "+1415***0100"},         // NANP: one-digit code, 10-digit national
		{"+79161234567", "+7916***4567"},         // zone 7
		{"+447911123456", "+44791***3456"},       // two-digit code
		{"+85291234567", "+852****4567"},         // three-digit code, 8-digit national: head dropped
		{"+6591234567", "+65****4567"},           // 8-digit national
		{"+3531234567", "+353***4567"},           // 7-digit national: exactly 3 masked
		{"+353123456", "+353******"},             // 6-digit national: nothing kept
		{"+2901234", "+290****"},                 // shortest E.164: 4-digit national
		{"+123456789012345", "+1234*******2345"}, // longest E.164
		{"", ""},
		{"13812340000", "****"},                              // mainland shorthand is not E.164
		{"008613812340000", "****"},                          // nor is the 00 prefix
		{"+86 138 1234 0000", "****"},                        // spaces
		{"+0123456789", "****"},                              // leading zero
		{"+1234567890123456", "****"},                        // 16 digits
		{"+123456", "****"},                                  // 6 digits
		{"AKIDEXAMPLE/SECRETKEYEXAMPLE", "****"},             // anything else, whatever its length
		{"+８６13812340000", "****"},                           // non-ASCII digits
		{"+8613812340000\n", "****"},                         // trailing newline
		{strings.Repeat("+86138", 1000), "****"},             // long input is not echoed or measured
		{"+86138123400001", "+86138*****0001"},               // one digit too many for mainland, still E.164
		{"+8613812340000000", "****"},                        // 16 digits
		{"+1", "****"},                                       // too short
		{"+", "****"},                                        // just the plus
		{"8613812340000", "****"},                            // no plus
		{"+86-13812340000", "****"},                          // punctuation
		{"tel:+8613812340000", "****"},                       // URI form
		{"+86138123400\x00", "****"},                         // NUL
		{"+8613812340000 ", "****"},                          // trailing space
		{" +8613812340000", "****"},                          // leading space
		{"+86１3812340000", "****"},                           // a full-width digit inside
		{"+86138123400a0", "****"},                           // a letter inside
		{"+86138123400.0", "****"},                           // a dot inside
		{"++8613812340000", "****"},                          // two pluses
		{"+861381234000+", "****"},                           // a trailing plus
		{"+9", "****"},                                       // a lone digit
		{"+9999999", "+999****"},                             // unknown three-digit code: still three digits
		{"+8300000000000", "+830000***0000"},                 // unassigned 83x: treated as three digits
		{"+2112345678", "+211***5678"},                       // 211 (South Sudan), not 21 + national
		{"+2012345678", "+20****5678"},                       // 20 (Egypt): two digits, 8-digit national
		{"+4212345678901", "+421234***8901"},                 // 421 (Slovakia) but national 10 digits
		{"+8523456789", "+852***6789"},                       // Hong Kong, 7-digit national (unusual but E.164)
		{"+86138****0000", "****"},                           // an already masked number is not E.164
		{"+1" + strings.Repeat("5", 14), "+1555*******5555"}, // 15 digits after a one-digit code
	} {
		if got := notifier.MaskNumber(tt.in); got != tt.want {
			t.Errorf("MaskNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMaskNumberCountryCodes checks MaskNumber's country-code rule against
// the country table the Tencent rules use: for every calling code that
// table knows, the masked number keeps exactly "+", that code and three
// national digits.
func TestMaskNumberCountryCodes(t *testing.T) {
	const national = "13812340000" // 11 digits; also a valid mainland mobile number for +86
	known := 0
	for cc := 1; cc <= 999; cc++ {
		code := strconv.Itoa(cc)
		num, err := tcsms.ParseNumber("+" + code + national)
		if err != nil || num.CountryCode != code || num.IsoCode == tcsms.UnknownIsoCode {
			continue
		}
		known++
		want := "+" + code + "138****0000"
		if got := notifier.MaskNumber("+" + code + national); got != want {
			t.Errorf("MaskNumber(+%s%s) = %q, want %q (country code %s, %s)", code, national, got, want, code, num.IsoName)
		}
	}
	if known < 200 {
		t.Fatalf("only %d country codes known to tcsms; the cross-check did not run", known)
	}
}

// FuzzMaskNumber checks the masking invariants on any input: a valid
// number keeps its length and shape with at least three digits masked and
// at most seven national digits shown; anything else comes back as "****"
// (or "" for ""), so it is never echoed.
func FuzzMaskNumber(f *testing.F) {
	for _, s := range []string{"+8613812340000", "+14155550100", "+2901234", "+123456789012345", "13812340000", "", "+86 138", "****"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := notifier.MaskNumber(in)
		if notifier.CheckNumber(in) != nil {
			if got != "****" && !(in == "" && got == "") {
				t.Fatalf("MaskNumber(%q) = %q, want \"****\" for a malformed number", in, got)
			}
			return
		}
		if len(got) != len(in) || got[0] != '+' {
			t.Fatalf("MaskNumber(%q) = %q: want the same length and a leading +", in, got)
		}
		masked := strings.Count(got, "*")
		if masked < 3 {
			t.Fatalf("MaskNumber(%q) = %q masks %d digits, want at least 3", in, got, masked)
		}
		for i := range got {
			if got[i] != '*' && got[i] != in[i] {
				t.Fatalf("MaskNumber(%q) = %q changes a kept character at %d", in, got, i)
			}
		}
		// Masked digits form one run, followed by at most 4 kept digits.
		first, last := strings.IndexByte(got, '*'), strings.LastIndexByte(got, '*')
		if last-first+1 != masked || len(got)-1-last > 4 {
			t.Fatalf("MaskNumber(%q) = %q: want one masked run and at most 4 trailing digits", in, got)
		}
	})
}

func ExampleMaskNumber() {
	fmt.Println(notifier.MaskNumber("+8613812340000"))
	fmt.Println(notifier.MaskNumber("+14155550100"))
	fmt.Println(notifier.MaskNumber("13812340000")) // not E.164: never echoed
	// Output:
	// +86138****0000
	// +1415***0100
	// ****
}
