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
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
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
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/_fake/messages?limit=50&order=desc&text=nomatch", nil))
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
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/_fake/messages/"+serial, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%d", rec.Code)
		}
	}
}
