package fakeserver

import (
	"io"
	"log/slog"
	"sync"
	"testing"
)

// testLog is where a server started by Run logs by default: the test's
// output, until the test ends.
type testLog struct {
	logger *slog.Logger
	w      *testWriter
}

// newTestLog returns a logger writing text records at INFO and above to
// t.Output().
func newTestLog(t testing.TB) testLog {
	w := &testWriter{out: t.Output()}
	return testLog{logger: slog.New(slog.NewTextHandler(w, nil)), w: w}
}

// stop makes later records go nowhere. The testing package forbids writing
// to a test's output once the test has returned, and a request still in
// flight, or a callback push, may log after Close.
func (l testLog) stop() { l.w.stop() }

// testWriter forwards writes to a test's output until stopped.
type testWriter struct {
	// mu guards out and is held across a write, so that stop waits for a
	// write in flight instead of racing it.
	mu  sync.Mutex
	out io.Writer // nil once stopped
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.out == nil {
		return len(p), nil
	}
	return w.out.Write(p)
}

func (w *testWriter) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.out = nil
}
