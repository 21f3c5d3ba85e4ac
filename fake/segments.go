package fake

import "unicode/utf8"

// segments returns how many SMS segments text is billed as. ASCII text
// counts 160 characters for a single SMS and 153 per part of a long one;
// any other text counts 70 and 67, as UCS-2 messages do. An empty text (an
// unregistered template) is one segment.
func segments(text string) int {
	return segmentCount(measure(text))
}

// measure returns text's length in characters and whether it is all
// ASCII, in one pass over the text for the common case (text with a
// multi-byte character is shorter in characters than in bytes, and so not
// ASCII), a second over its bytes only when the two lengths agree.
func measure(text string) (runes int, ascii bool) {
	runes = utf8.RuneCountInString(text)
	if runes != len(text) {
		return runes, false
	}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf { // a byte that is not UTF-8, one character each
			return runes, false
		}
	}
	return runes, true
}

// segmentCount is segments for a text of runes characters.
func segmentCount(runes int, ascii bool) int {
	single, part := 160, 153
	if !ascii {
		single, part = 70, 67
	}
	if runes <= single {
		return 1
	}
	return (runes + part - 1) / part
}
