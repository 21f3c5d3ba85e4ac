package notifier

import "strings"

// MaskNumber returns a form of an E.164 number that is safe to put in logs
// and telemetry: enough to tell numbers apart while debugging, not enough
// to text anyone.
//
// The rule: keep the "+", the country calling code, the first 3 digits of
// the national number and its last 4, and replace every digit between them
// with "*":
//
//	+8613812340000 -> +86138****0000
//	+14155550100   -> +1415***0100
//
// At least 3 digits are always masked. A national number too short for
// that (under 10 digits) keeps only its last 4 digits, and one under 7
// digits keeps none:
//
//	+6591234567 -> +65****4567
//	+2901234    -> +290****
//
// Input that is not E.164 as CheckNumber defines it ("13800000000", a
// number with spaces, any other string) is never echoed: MaskNumber returns
// "****" for it, whatever its length, and "" for "".
//
// The country code is found by the ITU numbering plan (+1 and +7 take one
// digit; the two-digit codes are listed; every other code has three), so
// no number is needed for it to be known to a provider.
func MaskNumber(e164 string) string {
	const (
		keepHead  = 3 // leading national digits kept
		keepTail  = 4 // trailing national digits kept
		minMasked = 3 // digits that are always masked
		malformed = "****"
	)
	if e164 == "" {
		return ""
	}
	if !isE164(e164) {
		return malformed
	}
	digits := e164[1:]
	cc := countryCodeLen(digits)
	national := len(digits) - cc
	head, tail := keepHead, keepTail
	if national-head-tail < minMasked {
		head = 0
	}
	if national-tail < minMasked {
		tail = 0
	}
	var b strings.Builder
	b.Grow(len(e164))
	b.WriteString(e164[:1+cc+head])
	for range national - head - tail {
		b.WriteByte('*')
	}
	b.WriteString(e164[len(e164)-tail:])
	return b.String()
}

// countryCodeLen returns the length of the ITU country calling code that
// digits (an E.164 number without its "+") starts with. Calling codes are
// prefix-free: zones 1 and 7 have one digit, the other zones have the
// two-digit codes listed here, and every other code has three.
// internal/tcsms's country table agrees (mask_test.go checks it).
func countryCodeLen(digits string) int {
	if digits[0] == '1' || digits[0] == '7' {
		return 1
	}
	switch digits[:2] {
	case "20", "27",
		"30", "31", "32", "33", "34", "36", "39",
		"40", "41", "43", "44", "45", "46", "47", "48", "49",
		"51", "52", "53", "54", "55", "56", "57", "58",
		"60", "61", "62", "63", "64", "65", "66",
		"81", "82", "84", "86",
		"90", "91", "92", "93", "94", "95", "98":
		return 2
	}
	return 3
}
