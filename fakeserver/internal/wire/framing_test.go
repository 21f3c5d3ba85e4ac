package wire

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestHeadWatcher(t *testing.T) {
	const (
		get     = "GET /_fake/messages HTTP/1.1\r\nHost: x\r\n\r\n"
		post5   = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
		chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
		both    = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
	)
	// A body that looks like an ambiguous head is a body.
	disguised := "POST / HTTP/1.1\r\nContent-Length: " + strconv.Itoa(len(both)) + "\r\n\r\n" + both
	tests := []struct {
		name, stream string
		want         headVerdict
	}{
		{"a GET", get, headsPlain},
		{"pipelined requests with bodies", post5 + get + post5 + post5, headsPlain},
		{"both headers", both, headsAmbiguous},
		{"both headers, any case, LF only", "POST / HTTP/1.1\ntransfer-encoding: chunked\ncontent-LENGTH: 0\n\n", headsAmbiguous},
		{"both, in a later request", post5 + get + both, headsAmbiguous},
		{"a head disguised in a body", disguised + get, headsPlain},
		{"chunked: no longer followed", chunked + both, headsUnwatched},
		{"two different lengths", "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", headsUnwatched},
		{"an unreadable length", "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n" + both, headsUnwatched},
		{"the same length twice", "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello" + get, headsPlain},
		{"a long header line", "GET / HTTP/1.1\r\nX-Pad: " + strings.Repeat("p", 10_000) + "\r\n\r\n" + both, headsAmbiguous},
		{"blank lines before a request", "\r\n" + both, headsAmbiguous},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tt := range tests {
		for split := range 20 { // whole, then in random pieces
			var w headWatcher
			rest := tt.stream
			for rest != "" {
				n := len(rest)
				if split > 0 {
					n = 1 + rng.IntN(min(len(rest), 40))
				}
				w.feed([]byte(rest[:n]))
				rest = rest[n:]
			}
			if w.verdict != tt.want {
				t.Errorf("%s (split %d): verdict %d, want %d", tt.name, split, w.verdict, tt.want)
				break
			}
		}
	}
}

// FuzzHeadWatcher feeds arbitrary bytes, whole and split at an arbitrary
// point: the watcher must not panic and must reach the same verdict.
func FuzzHeadWatcher(f *testing.F) {
	f.Add([]byte("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"), 10)
	f.Add([]byte("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\n\r\n"), 30)
	f.Fuzz(func(t *testing.T, stream []byte, at int) {
		var whole, split headWatcher
		whole.feed(stream)
		at = min(max(at, 0), len(stream))
		split.feed(stream[:at])
		split.feed(stream[at:])
		if whole.verdict != split.verdict {
			t.Fatalf("verdict %d whole, %d split at %d", whole.verdict, split.verdict, at)
		}
	})
}
