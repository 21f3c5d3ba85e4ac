package fakeserver_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// allocated returns the heap bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// fillServer sends n messages, 200 numbers per SendSms, each number
// getting one, and one more to +8613900000099.
func fillServer(t *testing.T, srv *fakeserver.Server, n int) {
	t.Helper()
	c := newInProcessClient(t, srv, signModes[0])
	for i := 0; i < n; i += 200 {
		numbers := make([]string, min(200, n-i))
		for j := range numbers {
			numbers[j] = fmt.Sprintf("+86138%08d", i+j)
		}
		if _, err := c.SendSms(sendReq(numbers, "1", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.SendSms(sendReq([]string{"+8613900000099"}, "1", "x")); err != nil {
		t.Fatal(err)
	}
}

// TestReadsCostTheirMatches pins issue 11's finding that a filtered read,
// the duplicate list and a page scanned (and copied) every held message
// under the send lock: with 50,000 held, each allocates some KB (at most
// 256 KB, allowing for the race detector), where a copy of everything
// took 6 to 126 MB.
func TestReadsCostTheirMatches(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 50,000 messages")
	}
	srv := fakeserver.Run(t)
	fillServer(t, srv, 50_000)
	h := srv.Handler()
	get := func(path string) func() {
		return func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+path, nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", path, rec.Code)
			}
		}
	}
	for _, tc := range []struct {
		name string
		fn   func()
	}{
		{"Find by number", func() { srv.Find(fakeserver.Filter{Number: "+8613900000099"}) }},
		{"Page by number", func() { _, _ = srv.Page(fakeserver.Query{Filter: fakeserver.Filter{Number: "+8613900000099"}}) }},
		{"a page of 10", func() { _, _ = srv.Page(fakeserver.Query{Limit: 10, Newest: true}) }},
		{"Duplicates", func() { srv.Duplicates() }},
		{"GET /_fake/messages?number=", get("/_fake/messages?number=%2B8613900000099")},
		{"GET /_fake/messages?limit=10", get("/_fake/messages?limit=10")},
		{"GET /_fake/duplicates", get("/_fake/duplicates")},
		{"GET /_fake/ (the page)", get("/_fake/")},
	} {
		tc.fn() // warm up
		limit := uint64(256 << 10)
		if strings.HasPrefix(tc.name, "GET /_fake/ ") {
			limit = 8 << 20 // the page shows the newest 500
		}
		if got := allocated(tc.fn); got > limit {
			t.Errorf("%s allocated %d KB with 50,000 held, want at most %d KB", tc.name, got>>10, limit>>10)
		}
	}
}

// TestHugeListIsCountedNotHeld pins issue 11's finding that a
// PhoneNumberSet of a million elements was decoded whole before the
// 200-number check (RSS +90 MB): it is counted while it is skipped.
func TestHugeListIsCountedNotHeld(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := `{"SmsSdkAppId":"1400006666","TemplateId":"1","PhoneNumberSet":[` + strings.Repeat(`"1",`, 1_000_000) + `"1"]}`
	call := rawCall{body: body}
	req := call.request(t) // signing hashes the body: not the server's cost
	var answer string
	got := allocated(func() {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		answer = rec.Body.String()
	})
	if !strings.Contains(answer, "LimitExceeded.PhoneNumberCountLimit") {
		t.Fatalf("answer %.300s", answer)
	}
	// Reading the 4 MB body costs about twice that (18 MB under the race
	// detector); decoding the million strings cost 174 MB.
	if got > 48<<20 {
		t.Errorf("a 4 MB request of a million numbers allocated %d MB", got>>20)
	}
}

// TestLimiterStateAgesOut pins issue 11's finding that the frequency
// limiter's per-number state never shrank: limits are computed from the
// held messages, so once a number's messages are evicted it keeps nothing.
func TestLimiterStateAgesOut(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithMaxMessages(5),
		fakeserver.WithLimits(fakeserver.Limits{Enforce: fakeserver.LimitsOn, PerDay: 2, SameContent30s: -1}))
	c := newInProcessClient(t, srv, signModes[0])
	send := func(number string) string {
		resp, err := c.SendSms(sendReq([]string{number}, "1", "x"))
		if err != nil {
			t.Fatal(err)
		}
		return *resp.Response.SendStatusSet[0].Code
	}
	for range 2 {
		send("+8613800000001")
	}
	if code := send("+8613800000001"); code != "LimitExceeded.PhoneNumberDailyLimit" {
		t.Fatalf("third send of the day: %s", code)
	}
	for i := range 5 { // evict the number's messages
		send(fmt.Sprintf("+86138000001%02d", i))
	}
	if code := send("+8613800000001"); code != "Ok" {
		t.Errorf("after its messages were evicted: %s, want Ok", code)
	}
}
