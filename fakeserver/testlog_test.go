package fakeserver_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// recordingTB is a testing.TB whose output and cleanups the test controls,
// so that it can read what Run logs and end the "test" itself.
type recordingTB struct {
	testing.TB // the real test, for Helper, Fatalf and the rest

	mu       sync.Mutex // guards out, ended and late
	out      strings.Builder
	ended    bool // the recorded test has ended
	late     bool // something was written after it ended
	cleanups []func()
}

func (r *recordingTB) Output() io.Writer { return r }

func (r *recordingTB) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ended {
		r.late = true // the testing package panics on this
	}
	return r.out.Write(p)
}

func (r *recordingTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// end runs the cleanups, last registered first, as the testing package
// does when a test returns, and marks the test ended.
func (r *recordingTB) end() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.mu.Lock()
	r.ended = true
	r.mu.Unlock()
}

func (r *recordingTB) output() (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String(), r.late
}

// unsignedRequest sends srv an API request without a signature, which it
// answers (with AuthFailure) and logs.
func unsignedRequest(t *testing.T, h http.Handler) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "SendSms")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want Tencent's 200 envelope", rec.Code)
	}
}

func TestRunLogsToTheTest(t *testing.T) {
	rec := &recordingTB{TB: t}
	srv := fakeserver.Run(rec)
	unsignedRequest(t, srv)
	rec.end()
	out, _ := rec.output()
	if !strings.Contains(out, `msg="api request" action=""`) || !strings.Contains(out, "code=AuthFailure") || !strings.Contains(out, "level=INFO") {
		t.Fatalf("the test's output lacks the request's log record:\n%s", out)
	}
}

func TestRunWithLoggerNilIsQuiet(t *testing.T) {
	rec := &recordingTB{TB: t}
	srv := fakeserver.Run(rec, fakeserver.WithLogger(nil))
	unsignedRequest(t, srv)
	rec.end()
	if out, _ := rec.output(); out != "" {
		t.Fatalf("WithLogger(nil) still wrote to the test:\n%s", out)
	}
}

// TestRunStopsLoggingWhenTheTestEnds checks that a request the server
// handles after its test ended (the handler outlives Close) writes nothing
// to the test's output, which the testing package forbids.
func TestRunStopsLoggingWhenTheTestEnds(t *testing.T) {
	rec := &recordingTB{TB: t}
	srv := fakeserver.Run(rec)
	rec.end()
	unsignedRequest(t, srv)
	if out, late := rec.output(); late {
		t.Fatalf("the server wrote to its test's output after the test ended:\n%s", out)
	}
}
