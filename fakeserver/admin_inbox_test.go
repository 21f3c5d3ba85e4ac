package fakeserver_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// messageDetail mirrors GET /_fake/messages/{serialNo}.
type messageDetail struct {
	Message   fakeserver.Message        `json:"message"`
	Segments  []string                  `json:"segments"`
	Request   *fakeserver.SendRequest   `json:"request"`
	Callbacks []fakeserver.CallbackPush `json:"callbacks"`
	Replies   int                       `json:"replies"`
}

// recordingTransport remembers the signature material of the requests it
// forwards, so a test can look for it where it must not be.
type recordingTransport struct {
	mu      sync.Mutex
	secrets []string
}

func (rt *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	if a := req.Header.Get("Authorization"); a != "" {
		_, sig, _ := strings.Cut(a, "Signature=")
		rt.secrets = append(rt.secrets, sig)
	}
	q := req.URL.Query()
	if req.Body != nil && req.Method == http.MethodPost && req.Header.Get("Authorization") == "" {
		b, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(b))
		q, _ = url.ParseQuery(string(b))
	}
	if sig := q.Get("Signature"); sig != "" {
		rt.secrets = append(rt.secrets, sig, url.QueryEscape(sig))
	}
	rt.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// TestMessageDetailShowsTheRedactedRequest sends through each way the SDK
// signs and checks the detail: the message, its billed segments, and the
// raw request and answer it came from, with no signature in them.
func TestMessageDetailShowsTheRedactedRequest(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplates(fakeserver.Template{ID: "100001",
		Content: "您的验证码是{1}，请于5分钟内填写。如非本人操作，请忽略本短信。为了您的账户安全，请勿将验证码告诉他人，包括自称客服的人员。"}))
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			rt := &recordingTransport{}
			c := newClient(t, srv, mode)
			c.WithHttpTransport(rt)
			resp, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "100001", "4370"))
			if err != nil {
				t.Fatal(err)
			}
			serial := *resp.Response.SendStatusSet[1].SerialNo
			var d messageDetail
			raw := adminRaw(t, srv, "/_fake/messages/"+url.PathEscape(serial))
			if err := json.Unmarshal(raw, &d); err != nil {
				t.Fatalf("%v: %s", err, raw)
			}
			m := d.Message
			if m.SerialNo != serial || !strings.HasPrefix(m.Text, "【Notifier】您的验证码是4370") {
				t.Fatalf("detail message %+v", m)
			}
			if len(d.Segments) != m.Fee || m.Fee != 2 || strings.Join(d.Segments, "") != m.Text {
				t.Errorf("segments %q for fee %d and text %q", d.Segments, m.Fee, m.Text)
			}
			r := d.Request
			if r == nil {
				t.Fatal("no request for a message just sent")
			}
			if r.RequestID != *resp.Response.RequestId || r.Action != "SendSms" || len(r.SerialNos) != 2 ||
				r.SerialNos[1] != serial || !strings.Contains(r.Response, serial) || r.Method != mode.method {
				t.Errorf("request %+v", r)
			}
			if !strings.Contains(r.Body+r.Target, "4370") {
				t.Errorf("the request's params are not shown: %s %s", r.Target, r.Body)
			}
			if len(rt.secrets) == 0 {
				t.Fatal("recorded no signature")
			}
			for _, secret := range rt.secrets {
				if strings.Contains(string(raw), secret) {
					t.Errorf("the detail holds the signature %q: %s", secret, raw)
				}
			}
			if strings.Contains(string(raw), fakeserver.DefaultSecretKey) || !strings.Contains(string(raw), "redacted") ||
				!strings.Contains(string(raw), fakeserver.DefaultSecretID) {
				t.Errorf("the detail should show the SecretId and redact the signature: %s", raw)
			}
		})
	}
}

// adminRaw GETs an admin path and returns its 200 body.
func adminRaw(t *testing.T, srv *fakeserver.Server, path string) []byte {
	t.Helper()
	resp, err := http.Get(srv.URL() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	return b
}

// TestMessageDetailOlderThanTheSendLog checks that a message whose
// request fell out of the bounded send log still has its detail, with no
// request, while newer ones keep theirs.
func TestMessageDetailOlderThanTheSendLog(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newInProcessClient(t, srv, signModes[0])
	for i := range 1001 {
		if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	ms := srv.Messages()
	if _, ok := srv.SendRequest(ms[0].SerialNo); ok {
		t.Error("the request of the first of 1,001 sends is still kept")
	}
	var d messageDetail
	if code := admin(t, srv, "GET", "/_fake/messages/"+ms[0].SerialNo, "", &d); code != 200 || d.Request != nil || d.Message.SerialNo != ms[0].SerialNo {
		t.Errorf("oldest message: %d, request %+v", code, d.Request)
	}
	if code := admin(t, srv, "GET", "/_fake/messages/"+ms[1].SerialNo, "", &d); code != 200 || d.Request == nil {
		t.Errorf("second message: %d, request %+v", code, d.Request)
	}
}

// TestMessageDetailAfterLostAnswer checks that a message held by a request
// whose answer a PhaseAfter fault cut off shows the request and says why
// there is no response.
func TestMessageDetailAfterLostAnswer(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithFaults(fakeserver.Fault{Action: "SendSms", HTTP: fakeserver.HTTPStatus, Phase: fakeserver.PhaseAfter}))
	c := newClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "1")); err == nil {
		t.Fatal("the fault did not fire")
	}
	ms := srv.Messages()
	if len(ms) != 1 {
		t.Fatalf("%d messages held", len(ms))
	}
	r, ok := srv.SendRequest(ms[0].SerialNo)
	if !ok || r.Response != "" || r.Note == "" {
		t.Errorf("request of a lost answer: %v %+v", ok, r)
	}
}

// TestDeleteOneMessage checks DELETE /_fake/messages/{serialNo}: the
// message goes, a second delete and its detail are 404, others stay.
func TestDeleteOneMessage(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "1", "1")); err != nil {
		t.Fatal(err)
	}
	ms := srv.Messages()
	path := "/_fake/messages/" + ms[0].SerialNo
	if code := admin(t, srv, "DELETE", path, "{}", nil); code != http.StatusOK {
		t.Fatalf("DELETE: %d", code)
	}
	if code := admin(t, srv, "DELETE", path, "{}", nil); code != http.StatusNotFound {
		t.Errorf("second DELETE: %d", code)
	}
	if code := admin(t, srv, "GET", path, "", nil); code != http.StatusNotFound {
		t.Errorf("GET of a deleted message: %d", code)
	}
	if left := srv.Messages(); len(left) != 1 || left[0].SerialNo != ms[1].SerialNo {
		t.Errorf("left %+v", left)
	}
}

// TestConversation checks GET /_fake/conversations/{number}: the messages
// to a number and its replies in time order, counted, and a limit that
// keeps the newest.
func TestConversation(t *testing.T) {
	clock := fakeserver.NewManualClock(time.Now())
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithMaxClockSkew(-1))
	c := newClient(t, srv, signModes[0])
	send := func(number, code string) {
		t.Helper()
		if _, err := c.SendSms(sendReq([]string{number}, "1", code)); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Second)
	}
	send("+8613800000001", "1111")
	send("+8613800000002", "other")
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: "谢谢"}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	send("+8613800000001", "2222")

	type item struct {
		Kind    string
		Message *fakeserver.Message
		Reply   *fakeserver.Reply
	}
	var conv struct {
		Number    string
		Items     []item
		Messages  int
		Replies   int
		Truncated bool
	}
	if code := admin(t, srv, "GET", "/_fake/conversations/%2B8613800000001", "", &conv); code != 200 {
		t.Fatalf("GET conversation: %d", code)
	}
	var got []string
	for _, it := range conv.Items {
		switch {
		case it.Kind == "sent" && it.Message != nil:
			got = append(got, it.Message.Params[0])
		case it.Kind == "reply" && it.Reply != nil:
			got = append(got, it.Reply.Text)
		}
	}
	if conv.Number != "+8613800000001" || strings.Join(got, ",") != "1111,谢谢,2222" || conv.Messages != 2 || conv.Replies != 1 || conv.Truncated {
		t.Errorf("conversation %+v: %v", conv, got)
	}
	if code := admin(t, srv, "GET", "/_fake/conversations/13800000001?limit=2", "", &conv); code != 200 || len(conv.Items) != 2 ||
		!conv.Truncated || conv.Items[1].Message == nil || conv.Items[1].Message.Params[0] != "2222" {
		t.Errorf("limit 2: %d %+v", code, conv)
	}
	for _, bad := range []string{"/_fake/conversations/nope", "/_fake/conversations/13800000001?limit=0"} {
		if code := admin(t, srv, "GET", bad, "", nil); code != http.StatusBadRequest {
			t.Errorf("GET %s: %d", bad, code)
		}
	}
}

// TestSignsList checks GET /_fake/signs.
func TestSignsList(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithSigns(fakeserver.Sign{Name: "腾讯云"}, fakeserver.Sign{Name: "Held", Status: fakeserver.StatusUnderReview}))
	var list struct{ Signs []fakeserver.Sign }
	if code := admin(t, srv, "GET", "/_fake/signs", "", &list); code != 200 || len(list.Signs) != 2 ||
		list.Signs[0].Name != "Held" || list.Signs[0].Status != fakeserver.StatusUnderReview {
		t.Errorf("GET /_fake/signs: %d %+v", code, list)
	}
}

// TestInboxPageAndAssets checks that the page and its files are served
// with their types, the page with a policy that forbids inline scripts,
// and that the old /_fake/ui address leads to it.
func TestInboxPageAndAssets(t *testing.T) {
	srv := fakeserver.Run(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct{ path, ctype, contains string }{
		{"/_fake/", "text/html", "inbox.js"},
		{"/_fake/assets/inbox.js", "text/javascript", "EventSource"},
		{"/_fake/assets/inbox.css", "text/css", "prefers-color-scheme"},
		{"/_fake/assets/icon.svg", "image/svg+xml", "<svg"},
	} {
		resp, err := noRedirect.Get(srv.URL() + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) || !strings.Contains(string(b), tc.contains) {
			t.Errorf("GET %s: %d %s, has %q: %v", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), tc.contains, strings.Contains(string(b), tc.contains))
		}
		if tc.path == "/_fake/" && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("the page has no script policy: %q", resp.Header.Get("Content-Security-Policy"))
		}
	}
	resp, err := noRedirect.Get(srv.URL() + "/_fake/ui")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/_fake/" {
		t.Errorf("GET /_fake/ui: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code := admin(t, srv, "GET", "/_fake/assets/nope.js", "", nil); code != http.StatusNotFound {
		t.Errorf("GET an unknown asset: %d", code)
	}
	if n := fakeserver.InboxSize(); n < 10_000 || n > 100_000 {
		t.Errorf("the inbox is %d bytes; keep it under 100 kB", n)
	}
}

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestBrowserAtTheRoot checks that a browser opening the server's root is
// sent to the inbox and gets an icon, without an API error in the log,
// while the same path without Accept: text/html, or from the SDK, is
// still the API.
func TestBrowserAtTheRoot(t *testing.T) {
	var logs lockedBuffer
	srv := fakeserver.Run(t, fakeserver.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path, accept string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL()+path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	if r := get("/", "text/html,application/xhtml+xml,*/*;q=0.8"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/_fake/" {
		t.Errorf("browser GET /: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := get("/favicon.ico", "image/avif,image/webp,*/*"); r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "image/") {
		t.Errorf("GET /favicon.ico: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	if strings.Contains(logs.String(), "api request") {
		t.Errorf("a browser's requests were logged as API requests:\n%s", logs.String())
	}
	if r := get("/", "application/json"); r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("non-browser GET /: %d %s, want Tencent's JSON error", r.StatusCode, r.Header.Get("Content-Type"))
	}
	c := newClient(t, srv, signModes[1]) // TC3 GET: the SDK's own GET /
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "1")); err != nil {
		t.Errorf("SDK GET after the browser: %v", err)
	}
}
