package fakeserver_test

import (
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
