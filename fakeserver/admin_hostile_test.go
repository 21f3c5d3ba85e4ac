package fakeserver_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// TestAdminCallbackFiltersRejectUnknownValues checks that a misspelt
// status or kind filter of GET /_fake/callbacks is a 400, not an empty
// list that looks like "nothing was pushed".
func TestAdminCallbackFiltersRejectUnknownValues(t *testing.T) {
	srv := fakeserver.Run(t)
	tests := []struct {
		query string
		want  int
	}{
		{"", http.StatusOK},
		{"?status=pending", http.StatusOK},
		{"?status=delivered&kind=receipts", http.StatusOK},
		{"?status=failed&kind=reply", http.StatusOK},
		{"?status=bogus", http.StatusBadRequest},
		{"?status=Delivered", http.StatusBadRequest},
		{"?kind=receipt", http.StatusBadRequest},
		{"?status=pending&kind=replies", http.StatusBadRequest},
	}
	for _, tt := range tests {
		var out struct {
			Callbacks []fakeserver.CallbackPush `json:"callbacks"`
			Error     string                    `json:"error"`
		}
		code := admin(t, srv, "GET", "/_fake/callbacks"+tt.query, "", &out)
		if code != tt.want || (tt.want == http.StatusBadRequest) != (out.Error != "") {
			t.Errorf("GET /_fake/callbacks%s: %d %+v, want %d", tt.query, code, out, tt.want)
		}
	}
}

// TestAdminClockStaysEncodable checks that POST /_fake/clock refuses an
// advance that leaves the years JSON and RFC 3339 can carry (1-9999):
// otherwise every later admin answer holding a time fails to encode.
func TestAdminClockStaysEncodable(t *testing.T) {
	srv := fakeserver.Run(t)
	var st clockState
	if code := admin(t, srv, "POST", "/_fake/clock", `{"set":"9999-12-31T23:00:00Z"}`, &st); code != 200 {
		t.Fatalf("set: %d %+v", code, st)
	}
	for _, body := range []string{`{"advance":"2h"}`, `{"advance":"2562047h"}`} {
		if code := admin(t, srv, "POST", "/_fake/clock", body, &st); code != http.StatusBadRequest || st.Error == "" {
			t.Errorf("POST /_fake/clock %s past year 9999: %d %+v", body, code, st)
		}
	}
	want := time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
	if now := srv.Clock().Now(); !now.Equal(want) {
		t.Errorf("clock moved to %v by a refused advance", now)
	}
	if code := admin(t, srv, "POST", "/_fake/clock", `{"advance":"59m"}`, &st); code != 200 {
		t.Errorf("advance within year 9999: %d %+v", code, st)
	}
	if code := admin(t, srv, "POST", "/_fake/clock", `{"set":"0001-01-01T00:30:00Z"}`, &st); code != 200 {
		t.Fatalf("set year 1: %d %+v", code, st)
	}
	if code := admin(t, srv, "POST", "/_fake/clock", `{"advance":"-1h"}`, &st); code != http.StatusBadRequest {
		t.Errorf("advance before year 1: %d %+v", code, st)
	}
	if code := admin(t, srv, "POST", "/_fake/replies", `{"number":"+8613800000001","text":"hi"}`, nil); code != http.StatusCreated {
		t.Fatalf("inject reply: %d", code)
	}
	var replies struct {
		Replies []fakeserver.Reply `json:"replies"`
	}
	if code := admin(t, srv, "GET", "/_fake/replies", "", &replies); code != 200 || len(replies.Replies) != 1 {
		t.Errorf("GET /_fake/replies: %d %+v", code, replies)
	}
}
