package fakeserver_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// TestAdminUIShowsFailureReason checks that the page says why a receipt
// failed (the carrier code), not only FAIL.
func TestAdminUIShowsFailureReason(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613900000001", "+8613900000003"}, "1", "7")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.URL() + "/_fake/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	for _, want := range []string{"FAIL EMPTY_NUMBER", "FAIL BLACKLIST", "Time (UTC)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
}

// TestAdminUIShowsNewestMessagesFirst checks that the page lists only the
// newest 500 held messages, newest first, and says how many it left out.
func TestAdminUIShowsNewestMessagesFirst(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	for batch := range 3 {
		numbers := make([]string, 200)
		for i := range numbers {
			numbers[i] = fmt.Sprintf("+86138%08d", batch*200+i)
		}
		if _, err := c.SendSms(sendReq(numbers, "1", "7")); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.Get(srv.URL() + "/_fake/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(b)
	if !strings.Contains(page, "600 held message(s)") || !strings.Contains(page, "showing 500") {
		t.Errorf("page does not say it shows 500 of 600 messages:\n%.600s", page)
	}
	// html/template writes "+" as &#43;, so the digits are looked for.
	newest, oldestShown, dropped := "8613800000599", "8613800000100", "8613800000099"
	if strings.Contains(page, dropped) {
		t.Errorf("page shows %s, older than the newest 500", dropped)
	}
	if i, j := strings.Index(page, newest), strings.Index(page, oldestShown); i < 0 || j < 0 || i > j {
		t.Errorf("page does not list %s (at %d) before %s (at %d)", newest, i, oldestShown, j)
	}
}
