package tcsms

import "unicode/utf8"

// Segment sizes Tencent bills by (§ "content length rules" of its docs).
const (
	// MainlandSingleLimit is the longest mainland SMS billed as one
	// segment, in characters (signature included).
	MainlandSingleLimit = 70
	// MainlandSegmentSize is the characters per segment of a longer
	// mainland SMS.
	MainlandSegmentSize = 67
	// GSM7SingleLimit and GSM7SegmentSize apply to international SMS
	// written entirely in the GSM 03.38 alphabet, in septets.
	GSM7SingleLimit = 160
	GSM7SegmentSize = 153
	// UCS2SingleLimit and UCS2SegmentSize apply to any other international
	// SMS, in UTF-16 code units.
	UCS2SingleLimit = 70
	UCS2SegmentSize = 67
)

// Segments returns how many SMS segments Tencent bills for text (the Fee
// of SendStatus); text should be the full content, signature included.
// Mainland SMS count characters (runes): up to 70 is one segment, longer
// text is ceil(n/67). International SMS in the GSM 7-bit alphabet count
// septets (the extension characters ^{}\[~]|€ and form feed take two):
// 160, then 153 per segment; anything else counts UTF-16 units: 70, then
// 67. Every message is at least one segment, even an empty one.
func Segments(text string, mainland bool) int {
	if mainland {
		return split(utf8.RuneCountInString(text), MainlandSingleLimit, MainlandSegmentSize)
	}
	if septets, ok := gsm7Length(text); ok {
		return split(septets, GSM7SingleLimit, GSM7SegmentSize)
	}
	units := 0
	for _, r := range text {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return split(units, UCS2SingleLimit, UCS2SegmentSize)
}

func split(n, single, each int) int {
	if n <= single {
		return 1
	}
	return (n + each - 1) / each
}

// gsm7Basic is the GSM 03.38 default alphabet (ESC excluded).
const gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsm7Extension holds the characters sent as ESC + one septet.
const gsm7Extension = "\f^{}\\[~]|€"

var gsm7Septets = func() map[rune]int {
	m := make(map[rune]int, 140)
	for _, r := range gsm7Basic {
		m[r] = 1
	}
	for _, r := range gsm7Extension {
		m[r] = 2
	}
	return m
}()

// gsm7Length returns the septet count of text, or false when a character
// is outside the GSM alphabet.
func gsm7Length(text string) (int, bool) {
	n := 0
	for _, r := range text {
		if r < 0x80 && r >= ' ' && r != '`' && r != '^' && r != '{' && r != '}' && r != '\\' &&
			r != '[' && r != ']' && r != '~' && r != '|' {
			n++ // fast path: printable ASCII in the basic set
			continue
		}
		c, ok := gsm7Septets[r]
		if !ok {
			return 0, false
		}
		n += c
	}
	return n, true
}

// SplitSegments returns text cut into the segments Segments bills, in
// order; joined, they are text, and there are exactly Segments(text,
// mainland) of them. A segment holds the characters whose last unit
// (rune, septet or UTF-16 unit, as Segments counts them) falls inside it,
// so a character that would straddle a boundary (a GSM escape pair or a
// UTF-16 surrogate pair) goes to the next segment, as a handset shows it.
// It is meant for showing a message as billed (the fake server's inbox),
// not for sending.
func SplitSegments(text string, mainland bool) []string {
	width := func(rune) int { return 1 } // mainland: characters
	single, each := MainlandSingleLimit, MainlandSegmentSize
	switch _, gsm := gsm7Length(text); {
	case mainland:
	case gsm:
		width = func(r rune) int { return max(gsm7Septets[r], 1) }
		single, each = GSM7SingleLimit, GSM7SegmentSize
	default:
		width = func(r rune) int {
			if r >= 0x10000 {
				return 2
			}
			return 1
		}
		single, each = UCS2SingleLimit, UCS2SegmentSize
	}
	units := 0
	for _, r := range text {
		units += width(r)
	}
	if units <= single {
		return []string{text}
	}
	segs := make([]string, 0, (units+each-1)/each)
	start, end := 0, 0 // byte offset of the current segment; units up to the rune
	for i, r := range text {
		// The rune's last unit is end+width-1: past this segment, cut.
		if end += width(r); end-1 >= (len(segs)+1)*each {
			segs = append(segs, text[start:i])
			start = i
		}
	}
	return append(segs, text[start:])
}
