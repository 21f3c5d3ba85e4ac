package fakeserver_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// TestAdminMessagesPages pages through GET /_fake/messages in both orders
// and checks that the pages together are every held message exactly once,
// with the total and cursors the API promises.
func TestAdminMessagesPages(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newInProcessClient(t, srv, signModes[0])
	for i := range 250 {
		num := fmt.Sprintf("+86138%08d", i%7)
		if _, err := c.SendSms(sendReq([]string{num}, "1", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	all := srv.Messages()
	var serials []string
	for _, m := range all {
		serials = append(serials, m.SerialNo)
	}
	for _, order := range []string{"asc", "desc"} {
		want := slices.Clone(serials)
		if order == "desc" {
			slices.Reverse(want)
		}
		var got []string
		cursor := ""
		for pages := 0; ; pages++ {
			var p fakeserver.Page
			path := "/_fake/messages?limit=100&order=" + order
			if cursor != "" {
				if order == "desc" {
					path += "&before=" + cursor
				} else {
					path += "&after=" + cursor
				}
			}
			if code := admin(t, srv, "GET", path, "", &p); code != http.StatusOK {
				t.Fatalf("GET %s: %d", path, code)
			}
			if p.Total != 250 || len(p.Messages) > 100 {
				t.Fatalf("GET %s: total %d, %d messages", path, p.Total, len(p.Messages))
			}
			for _, m := range p.Messages {
				got = append(got, m.SerialNo)
			}
			if cursor = p.Next; cursor == "" {
				break
			}
			if pages > 3 {
				t.Fatal("paging does not end")
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("order %s: pages hold %d messages, not the %d held in order", order, len(got), len(want))
		}
	}

	var p fakeserver.Page
	if code := admin(t, srv, "GET", "/_fake/messages?number=13800000003&text=%E3%80%91&limit=5", "", &p); code != 200 ||
		p.Total != 36 || len(p.Messages) != 5 || p.Next == "" || p.Messages[0].Number != "+8613800000003" {
		t.Errorf("number and text filter: %d, total %d, %d messages, next %q", code, p.Total, len(p.Messages), p.Next)
	}
	for _, bad := range []string{"limit=0", "limit=10001", "order=up", "after=nope", "since=yesterday"} {
		var e struct{ Error string }
		if code := admin(t, srv, "GET", "/_fake/messages?"+bad, "", &e); code != http.StatusBadRequest || e.Error == "" {
			t.Errorf("?%s: %d %+v, want 400 with an error", bad, code, e)
		}
	}
	var st fakeserver.Stats
	if code := admin(t, srv, "GET", "/_fake/stats", "", &st); code != 200 || st.Held != 250 || st.MaxMessages != fakeserver.DefaultMaxMessages {
		t.Errorf("GET /_fake/stats: %d %+v", code, st)
	}
}

// TestRetentionEvictsOldest checks WithMaxMessages: the oldest messages
// go, the newest stay, and Stats counts the evicted ones.
func TestRetentionEvictsOldest(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithMaxMessages(10))
	c := newInProcessClient(t, srv, signModes[0])
	for i := range 25 {
		if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	ms := srv.Messages()
	if len(ms) != 10 || ms[0].Params[0] != "15" || ms[9].Params[0] != "24" {
		t.Fatalf("held %d messages, first %v", len(ms), ms[0].Params)
	}
	if st := srv.Stats(); st.Held != 10 || st.Evicted != 15 {
		t.Errorf("Stats = %+v, want 10 held and 15 evicted", st)
	}
}
