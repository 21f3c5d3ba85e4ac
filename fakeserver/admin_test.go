package fakeserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// admin sends an admin request and decodes the JSON answer into out (if
// not nil), returning the status code. Requests other than GET say
// Content-Type: application/json, as the admin guard requires.
func admin(t *testing.T, srv *fakeserver.Server, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if method != http.MethodGet {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode
}

type messageList struct {
	Messages []fakeserver.Message `json:"messages"`
}

func TestAdminRegistrationAndReview(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithStrict())
	c := newClient(t, srv, signModes[0])
	for _, tc := range []struct{ path, body string }{
		{"/_fake/apps", `{"id":"1400006666","name":"demo"}`},
		{"/_fake/signs", `[{"name":"Notifier"},{"name":"Other","status":1}]`},
		{"/_fake/templates", `{"id":"100001","content":"Your code is {1}","status":1}`},
	} {
		if code := admin(t, srv, "POST", tc.path, tc.body, nil); code != http.StatusCreated {
			t.Fatalf("POST %s: %d", tc.path, code)
		}
	}
	if code := admin(t, srv, "POST", "/_fake/templates", `{"id":"abc","content":"x"}`, nil); code != http.StatusBadRequest {
		t.Errorf("non-numeric template ID: %d", code)
	}
	if code := admin(t, srv, "POST", "/_fake/templates", `{"id":"5","content":"{2}"}`, nil); code != http.StatusBadRequest {
		t.Errorf("template with a gap in its variables: %d", code)
	}
	req := sendReq([]string{"+8613800000001"}, "100001", "4321")
	if _, err := c.SendSms(req); sdkCode(t, err) != "FailedOperation.TemplateIncorrectOrUnapproved" {
		t.Errorf("held template: %v", err)
	}
	if code := admin(t, srv, "POST", "/_fake/templates/100001/approve", "", nil); code != http.StatusOK {
		t.Fatalf("approve: %d", code)
	}
	if _, err := c.SendSms(req); err != nil {
		t.Fatalf("approved template: %v", err)
	}
	if code := admin(t, srv, "POST", "/_fake/templates/100001/reject", `{"reviewReply":"no"}`, nil); code != http.StatusOK {
		t.Fatalf("reject: %d", code)
	}
	var list struct{ Templates []fakeserver.Template }
	admin(t, srv, "GET", "/_fake/templates", "", &list)
	if len(list.Templates) != 1 || list.Templates[0].Status != fakeserver.StatusRejected || list.Templates[0].ReviewReply != "no" {
		t.Errorf("templates = %+v", list.Templates)
	}
	if code := admin(t, srv, "POST", "/_fake/templates/999/approve", "", nil); code != http.StatusNotFound {
		t.Errorf("approve unknown: %d", code)
	}
}

func TestAdminMessagesFiltersAndReset(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	first := sendReq([]string{"+8613800000001", "+8613800000002"}, "1", "a")
	if _, err := c.SendSms(first); err != nil {
		t.Fatal(err)
	}
	second := sendReq([]string{"+8613800000001"}, "2", "b")
	second.SessionContext = nil
	if _, err := c.SendSms(second); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 3},
		{"?number=%2B8613800000001", 2},
		{"?template=2", 1},
		{"?tag=ctx-1", 2},
		{"?number=%2B8613800000001&template=1", 1},
		{"?since=" + url.QueryEscape(time.Now().Add(time.Hour).Format(time.RFC3339)), 0},
		{"?since=0", 3},
	} {
		var got messageList
		if code := admin(t, srv, "GET", "/_fake/messages"+tc.query, "", &got); code != 200 || len(got.Messages) != tc.want {
			t.Errorf("GET /_fake/messages%s: %d, %d messages, want %d", tc.query, code, len(got.Messages), tc.want)
		}
	}
	var got messageList
	admin(t, srv, "GET", "/_fake/messages?template=2", "", &got)
	if m := got.Messages[0]; m.Text != "【Notifier】b" || m.Number != "+8613800000001" || m.ReceiptStatus != "SUCCESS" {
		t.Errorf("message JSON = %+v", m)
	}
	if code := admin(t, srv, "GET", "/_fake/messages?since=yesterday", "", nil); code != http.StatusBadRequest {
		t.Errorf("bad since: %d", code)
	}
	if code := admin(t, srv, "DELETE", "/_fake/messages", "", nil); code != 200 || len(srv.Messages()) != 0 {
		t.Errorf("DELETE /_fake/messages: %d, %d left", code, len(srv.Messages()))
	}
	// Serial numbers keep counting after a reset.
	resp, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "a"))
	if err != nil {
		t.Fatal(err)
	}
	if ms := srv.Messages(); len(ms) != 1 || ms[0].SerialNo != *resp.Response.SendStatusSet[0].SerialNo {
		t.Errorf("after reset: %+v", ms)
	}
}

func TestAdminWait(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[1])
	done := make(chan messageList, 1)
	go func() {
		var got messageList
		if code := admin(t, srv, "GET", "/_fake/messages/wait?number=%2B8613800000009&count=2&timeout=5s", "", &got); code != 200 {
			t.Errorf("wait: %d", code)
		}
		done <- got
	}()
	for _, n := range []string{"+8613800000001", "+8613800000009", "+8613800000009"} {
		if _, err := c.SendSms(sendReq([]string{n}, "1", "x")); err != nil {
			t.Fatal(err)
		}
	}
	got := <-done
	if len(got.Messages) != 2 || got.Messages[0].Number != "+8613800000009" {
		t.Errorf("wait returned %+v", got.Messages)
	}
	if code := admin(t, srv, "GET", "/_fake/messages/wait?number=%2B8613800000077&timeout=50ms", "", nil); code != http.StatusRequestTimeout {
		t.Errorf("wait with no match: %d, want 408", code)
	}
	for _, q := range []string{"count=0", "timeout=forever", "timeout=1h"} {
		if code := admin(t, srv, "GET", "/_fake/messages/wait?"+q, "", nil); code != http.StatusBadRequest {
			t.Errorf("wait?%s: %d", q, code)
		}
	}
}

func TestAdminFaults(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[2])
	var added struct{ ID int }
	if code := admin(t, srv, "POST", "/_fake/faults", `{"action":"SendSms","number":"13800000001","code":"FailedOperation.PhoneNumberInBlacklist"}`, &added); code != http.StatusCreated || added.ID == 0 {
		t.Fatalf("POST fault: %d %+v", code, added)
	}
	resp, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "1", "x"))
	if err != nil {
		t.Fatal(err)
	}
	if got := *resp.Response.SendStatusSet[0].Code; got != "FailedOperation.PhoneNumberInBlacklist" {
		t.Errorf("faulted number: %s", got)
	}
	if got := *resp.Response.SendStatusSet[1].Code; got != "Ok" {
		t.Errorf("other number: %s", got)
	}
	var list struct{ Faults []fakeserver.Fault }
	admin(t, srv, "GET", "/_fake/faults", "", &list)
	if len(list.Faults) != 1 || list.Faults[0].Hits != 1 || list.Faults[0].Number != "+8613800000001" {
		t.Errorf("faults = %+v", list.Faults)
	}
	if code := admin(t, srv, "DELETE", "/_fake/faults/9999", "", nil); code != http.StatusNotFound {
		t.Errorf("delete unknown fault: %d", code)
	}
	if code := admin(t, srv, "POST", "/_fake/faults", `{"number":"x"}`, nil); code != http.StatusBadRequest {
		t.Errorf("fault without code: %d", code)
	}
	if code := admin(t, srv, "DELETE", "/_fake/faults", "", nil); code != 200 || len(srv.Faults()) != 0 {
		t.Errorf("DELETE /_fake/faults: %d", code)
	}
}

// TestAdminPageHoldsNoData checks that the inbox page is static: message
// data reaches it only as JSON, which the page inserts as text (the
// browser test in e2e/ checks that a <script> param shows as text).
func TestAdminPageHoldsNoData(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[3])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "<script>x</script>")); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/_fake/", "/_fake/ui"} {
		resp, err := http.Get(srv.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(b)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			strings.Contains(page, "8613800000001") || strings.Contains(page, "<script>x") {
			t.Errorf("GET %s: %d\n%s", path, resp.StatusCode, page)
		}
	}
	var list messageList
	if code := admin(t, srv, "GET", "/_fake/messages", "", &list); code != 200 || len(list.Messages) != 1 ||
		!strings.HasSuffix(list.Messages[0].Text, "<script>x</script>") {
		t.Errorf("GET /_fake/messages: %d %+v", code, list)
	}
	if code := admin(t, srv, "GET", "/_fake/nothing", "", nil); code != http.StatusNotFound {
		t.Errorf("unknown admin path: %d", code)
	}
}
