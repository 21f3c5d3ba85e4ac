package fake

import "strconv"

// idPrefix starts every message ID the fake hands out.
const idPrefix = "fake-"

// idDigits is the zero-padded width of the counter in a message ID, so IDs
// sort in the order they were issued. Wider IDs would take 10^11 sends.
const idDigits = 11

// idLen is the length of every message ID.
const idLen = len(idPrefix) + idDigits

// idChunk is how many IDs are formatted into one string at a time. Send hands
// out substrings of that string, which keeps the per-send cost of an ID at a
// fraction of an allocation.
const idChunk = 64

// idSource issues unique, ordered message IDs ("fake-00000000001", ...).
// It is not safe for concurrent use; Fake calls it with mu held.
type idSource struct {
	next  uint64 // counter of the next ID to issue
	chunk string // preformatted IDs not yet issued, idLen bytes each
}

// id returns the next message ID.
func (s *idSource) id() string {
	if len(s.chunk) == 0 {
		s.fill()
	}
	id := s.chunk[:idLen]
	s.chunk = s.chunk[idLen:]
	return id
}

// fill formats the next idChunk IDs into one string.
func (s *idSource) fill() {
	buf := make([]byte, 0, idChunk*idLen)
	var digits [20]byte
	for range idChunk {
		s.next++
		d := strconv.AppendUint(digits[:0], s.next, 10)
		buf = append(buf, idPrefix...)
		for i := len(d); i < idDigits; i++ {
			buf = append(buf, '0')
		}
		buf = append(buf, d...)
	}
	s.chunk = string(buf)
}
