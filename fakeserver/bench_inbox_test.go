package fakeserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// holdMany makes srv hold n messages (n a multiple of 200), sent through
// the SDK in-process, 200 numbers a request.
func holdMany(b testing.TB, srv *fakeserver.Server, n int) {
	c := newInProcessClient(b, srv, signModes[0])
	numbers := make([]string, 200)
	for sent := 0; sent < n; sent += len(numbers) {
		for i := range numbers {
			numbers[i] = fmt.Sprintf("+86138%08d", sent+i)
		}
		if _, err := c.SendSms(sendReq(numbers, "1", fmt.Sprint(sent))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInboxPageLoad is the server's share of opening the inbox with
// 100,000 held messages: the page, its two assets, the first page of 50
// messages and the stats, as the browser asks for them.
func BenchmarkInboxPageLoad(b *testing.B) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	holdMany(b, srv, 100_000)
	h := srv.Handler()
	paths := []string{"/_fake/", "/_fake/assets/inbox.css", "/_fake/assets/inbox.js",
		"/_fake/messages?limit=50&order=desc", "/_fake/stats"}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, adminGet(p))
			if rec.Code != http.StatusOK {
				b.Fatalf("GET %s: %d", p, rec.Code)
			}
		}
	}
}

// BenchmarkInboxSearch is the inbox's worst query with 100,000 held
// messages: a text search that matches nothing, so it scans every one
// (in rounds that release the lock) to count the total.
func BenchmarkInboxSearch(b *testing.B) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	holdMany(b, srv, 100_000)
	h := srv.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, adminGet("/_fake/messages?limit=50&order=desc&text=nomatch"))
		if rec.Code != http.StatusOK {
			b.Fatalf("%d", rec.Code)
		}
	}
}

// BenchmarkInboxMessageDetail is one detail view with 100,000 held.
func BenchmarkInboxMessageDetail(b *testing.B) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	holdMany(b, srv, 100_000)
	serial := srv.Messages()[99_999].SerialNo
	h := srv.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, adminGet("/_fake/messages/"+serial))
		if rec.Code != http.StatusOK {
			b.Fatalf("%d", rec.Code)
		}
	}
}

// discardWriter is an http.ResponseWriter that keeps nothing, so that a
// benchmark counts the handler's allocations, not a recorder's buffer.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }

// BenchmarkAdminPage10000 is one page of the largest size of
// GET /_fake/messages, 10,000 of 20,000 held messages, as a client paging
// through every message reads it: its allocations are the garbage such a
// client makes the server collect while it holds its messages.
func BenchmarkAdminPage10000(b *testing.B) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	holdMany(b, srv, 20_000)
	h := srv.Handler()
	b.ReportAllocs()
	for b.Loop() {
		w := &discardWriter{h: http.Header{}, code: http.StatusOK}
		h.ServeHTTP(w, adminGet("/_fake/messages?limit=10000"))
		if w.code != http.StatusOK {
			b.Fatalf("GET: %d", w.code)
		}
	}
}

// adminGet is a GET of the admin path p as a client on this machine sends
// it: the admin guard answers only to an IP address or localhost, not to
// httptest's example.com.
func adminGet(p string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, p, nil)
	r.Host = "127.0.0.1:8080"
	return r
}
