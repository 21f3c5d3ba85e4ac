package wire

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strconv"
	"sync"
)

// A request that carries both Transfer-Encoding and Content-Length frames
// its body two ways; a proxy in front that believes the other header than
// the server reads a different request (request smuggling). RFC 9112 §6.3
// says such a message "ought to be handled as an error". Go's net/http
// serves it: it lets Transfer-Encoding win and deletes Content-Length from
// the header before a handler runs, so no handler can tell. The server
// therefore watches the request heads as they arrive on each connection
// it accepts (FramingListener), and refuses such a request with 400 and closes the
// connection.
//
// The watcher looks only at header names and Content-Length values, and
// skips bodies by their Content-Length. After a chunked request (or a head
// it cannot follow) it stops watching, and the server closes that
// connection after its answer, so no later request on it goes unchecked.

// headVerdict is what the watcher knows about a connection's requests.
type headVerdict uint8

const (
	headsPlain     headVerdict = iota // every head so far frames its body one way
	headsAmbiguous                    // a head had both Transfer-Encoding and Content-Length
	headsUnwatched                    // the watcher stopped: close after this request
)

// FramingListener wraps the connections ln accepts so that CheckFraming
// can tell their requests' framing; serve it with FramingContext as the
// http.Server's ConnContext.
func FramingListener(ln net.Listener) net.Listener { return framingListener{ln} }

// framingListener wraps accepted connections in framingConns.
type framingListener struct{ net.Listener }

func (l framingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &framingConn{Conn: c}, nil
}

// framingConn passes reads through a headWatcher.
type framingConn struct {
	net.Conn
	mu sync.Mutex // guards w: the server's background read may overlap a handler's check
	w  headWatcher
}

func (c *framingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.mu.Lock()
		c.w.feed(p[:n])
		c.mu.Unlock()
	}
	return n, err
}

func (c *framingConn) verdict() headVerdict {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.w.verdict
}

// framingKey is the context key of a request's framingConn.
type framingKey struct{}

// FramingContext is the http.Server.ConnContext of a FramingListener: it
// lets CheckFraming find a request's connection watcher.
func FramingContext(ctx context.Context, c net.Conn) context.Context {
	if fc, ok := c.(*framingConn); ok {
		return context.WithValue(ctx, framingKey{}, fc)
	}
	return ctx
}

// CheckFraming answers a request whose connection saw an ambiguous head
// (400, connection closed) and reports whether it did; on a connection the
// watcher no longer follows it asks net/http to close after the answer.
func CheckFraming(w http.ResponseWriter, r *http.Request) (refused bool) {
	fc, _ := r.Context().Value(framingKey{}).(*framingConn)
	if fc == nil {
		return false
	}
	switch fc.verdict() {
	case headsAmbiguous:
		w.Header().Set("Connection", "close")
		http.Error(w, "400 Bad Request: the request has both Transfer-Encoding and Content-Length", http.StatusBadRequest)
		return true
	case headsUnwatched:
		w.Header().Set("Connection", "close")
	}
	return false
}

// maxWatchedLine is how much of each head line the watcher keeps: enough
// for "Transfer-Encoding" and a Content-Length value.
const maxWatchedLine = 64

// headWatcher follows HTTP/1.x request heads in a connection's byte
// stream. It keeps at most maxWatchedLine bytes, whatever it is fed.
type headWatcher struct {
	verdict    headVerdict
	body       int64 // bytes of the current body still to skip
	line       [maxWatchedLine]byte
	lineLen    int  // bytes of the current line, kept or not
	seenLine   bool // the head's request line was read
	te, cl     bool // the head has Transfer-Encoding, Content-Length
	clValue    int64
	clConflict bool // Content-Length given twice, differently, or unreadable
}

// feed follows b, the next bytes read from the connection.
func (h *headWatcher) feed(b []byte) {
	for len(b) > 0 && h.verdict == headsPlain {
		if h.body > 0 {
			n := min(int64(len(b)), h.body)
			h.body -= n
			b = b[n:]
			continue
		}
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			h.keep(b)
			return
		}
		h.keep(b[:i])
		b = b[i+1:]
		h.endLine()
	}
}

// keep appends b to the current line, as far as the buffer goes.
func (h *headWatcher) keep(b []byte) {
	if h.lineLen < maxWatchedLine {
		copy(h.line[h.lineLen:], b)
	}
	h.lineLen += len(b)
}

// endLine handles a complete line (without its '\n').
func (h *headWatcher) endLine() {
	n := min(h.lineLen, maxWatchedLine)
	line := bytes.TrimSuffix(h.line[:n], []byte("\r"))
	empty := h.lineLen == 0 || (h.lineLen == 1 && h.line[0] == '\r')
	h.lineLen = 0
	switch {
	case empty && !h.seenLine:
		// Blank lines before a request line are ignored, as net/http does.
	case empty:
		h.endHead()
	case !h.seenLine:
		h.seenLine = true
	default:
		h.header(line)
	}
}

// header notes one header line of the head.
func (h *headWatcher) header(line []byte) {
	name, value, ok := bytes.Cut(line, []byte(":"))
	if !ok {
		return // a folded or malformed line: net/http decides
	}
	switch {
	case bytes.EqualFold(name, []byte("Transfer-Encoding")):
		h.te = true
	case bytes.EqualFold(name, []byte("Content-Length")):
		v, err := strconv.ParseInt(string(bytes.TrimSpace(value)), 10, 64)
		if err != nil || v < 0 || (h.cl && v != h.clValue) {
			h.clConflict = true // net/http refuses the request and closes
		}
		h.cl, h.clValue = true, v
	}
}

// endHead decides on a complete head and where the next one starts.
func (h *headWatcher) endHead() {
	switch {
	case h.te && h.cl:
		h.verdict = headsAmbiguous
	case h.te || h.clConflict:
		h.verdict = headsUnwatched // a chunked body, or one net/http refuses
	case h.cl:
		h.body = h.clValue
	}
	h.seenLine, h.te, h.cl, h.clValue, h.clConflict = false, false, false, 0, false
}
