package fake

// segments returns how many SMS segments text is billed as. ASCII text
// counts 160 characters for a single SMS and 153 per part of a long one;
// any other text counts 70 and 67, as UCS-2 messages do. An empty text (an
// unregistered template) is one segment.
func segments(text string) int {
	n, ascii := 0, true
	for _, r := range text {
		n++
		if r >= 0x80 {
			ascii = false
		}
	}
	single, part := 160, 153
	if !ascii {
		single, part = 70, 67
	}
	if n <= single {
		return 1
	}
	return (n + part - 1) / part
}
