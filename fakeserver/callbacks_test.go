package fakeserver_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// posted is one request a callback receiver got.
type posted struct {
	method, contentType string
	body                string
}

// receiver is an httptest callback endpoint. answer decides the reply to
// the nth request (from 1); nil acknowledges every request as Tencent
// asks: 200 {"result":0,"errmsg":"OK"}.
type receiver struct {
	srv    *httptest.Server
	got    chan posted
	mu     sync.Mutex // guards n
	n      int
	answer func(n int) (status int, body string)
}

func newReceiver(t *testing.T, answer func(n int) (int, string)) *receiver {
	t.Helper()
	rc := &receiver{got: make(chan posted, 100), answer: answer}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.n++
		n := rc.n
		rc.mu.Unlock()
		rc.got <- posted{r.Method, r.Header.Get("Content-Type"), string(b)}
		status, body := http.StatusOK, `{"result":0,"errmsg":"OK"}`
		if rc.answer != nil {
			status, body = rc.answer(n)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

// next returns the next request, failing the test after a deadline.
func (rc *receiver) next(t *testing.T) posted {
	t.Helper()
	select {
	case p := <-rc.got:
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("no callback arrived")
		return posted{}
	}
}

func waitPush(t *testing.T, srv *fakeserver.Server, match func(fakeserver.CallbackPush) bool) fakeserver.CallbackPush {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := srv.WaitCallback(ctx, match)
	if err != nil {
		t.Fatalf("WaitCallback: %v; pushes %+v", err, srv.Callbacks())
	}
	return p
}

// TestReceiptCallbackFormat checks the pushed body byte for byte against
// Tencent's documented callback: a JSON array of objects with seven
// string fields, several receipts per POST when due together.
func TestReceiptCallbackFormat(t *testing.T) {
	rcv := newReceiver(t, nil)
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) // 18:00 in Beijing
	srv := fakeserver.Run(t, fakeserver.WithClock(fakeserver.NewManualClock(t0)), fakeserver.WithMaxClockSkew(-1),
		fakeserver.WithReceiptCallback(rcv.srv.URL))
	c := newClient(t, srv, signModes[0])
	resp, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613900000003"}, "1", "x"))
	if err != nil {
		t.Fatal(err)
	}
	sid1, sid2 := *resp.Response.SendStatusSet[0].SerialNo, *resp.Response.SendStatusSet[1].SerialNo
	want := `[{"user_receive_time":"2026-11-26 18:00:00","nationcode":"86","mobile":"13800000001","report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"` + sid1 + `"},` +
		`{"user_receive_time":"2026-11-26 18:00:00","nationcode":"86","mobile":"13900000003","report_status":"FAIL","errmsg":"BLACKLIST","description":"黑名单","sid":"` + sid2 + `"}]`
	got := rcv.next(t)
	if got.body != want || got.method != http.MethodPost || got.contentType != "application/json" {
		t.Errorf("pushed %s %s\n%s\nwant\n%s", got.method, got.contentType, got.body, want)
	}
	// Every field is a string, as Tencent sends them.
	var items []map[string]any
	if err := json.Unmarshal([]byte(got.body), &items); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		for k, v := range it {
			if _, ok := v.(string); !ok {
				t.Errorf("field %s is %T, want string", k, v)
			}
		}
	}
	p := waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.Status == fakeserver.PushDelivered })
	if p.Kind != fakeserver.CallbackReceipts || p.Attempts != 1 || string(p.Body) != want ||
		strings.Join(p.SerialNos, ",") != sid1+","+sid2 || p.URL != rcv.srv.URL {
		t.Errorf("push %+v", p)
	}
}

// TestReceiptCallbackDelay checks that receipts are pushed when the server
// clock reaches them, batched when several fall due together, and that a
// never-reported number is never pushed.
func TestReceiptCallbackDelay(t *testing.T) {
	rcv := newReceiver(t, nil)
	clock := fakeserver.NewManualClock(time.Now())
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithReceiptDelay(time.Minute),
		fakeserver.WithReceiptCallback(rcv.srv.URL))
	c := newClient(t, srv, signModes[0])
	for _, n := range []string{"+8613800000001", "+8613800000002", "+8613900000010", "+8613900000020"} {
		if _, err := c.SendSms(sendReq([]string{n}, "1", "x")); err != nil {
			t.Fatal(err)
		}
	}
	if ps := srv.Callbacks(); len(ps) != 0 {
		t.Fatalf("pushed before the receipts were due: %+v", ps)
	}
	clock.Advance(time.Minute) // the two ordinary numbers fall due together
	got := rcv.next(t)
	var items []struct{ Mobile string }
	if err := json.Unmarshal([]byte(got.body), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Mobile != "13800000001" || items[1].Mobile != "13800000002" {
		t.Errorf("first push %s, want the two ordinary numbers in one POST", got.body)
	}
	if _, err := srv.AdvanceTime(time.Minute); err != nil { // +8613900000020 adds a minute
		t.Fatal(err)
	}
	if got := rcv.next(t); !strings.Contains(got.body, `"mobile":"13900000020"`) || strings.Contains(got.body, "13900000010") {
		t.Errorf("second push %s", got.body)
	}
	waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.ID == 2 && p.Status == fakeserver.PushDelivered })
	if ps := srv.Callbacks(); len(ps) != 2 {
		t.Errorf("%d pushes, want 2: %+v", len(ps), ps)
	}
}

// TestCallbackRetries checks the retry machinery against receivers that
// fail in each way: a failing receiver that recovers is retried until it
// acknowledges; one that never does ends as a visible failure.
func TestCallbackRetries(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close() // connection refused from now on
	cases := []struct {
		name     string
		answer   func(n int) (int, string)
		url      string // "" means the receiver's
		status   string
		attempts int
		lastErr  string
	}{
		{"recovers after 503s", func(n int) (int, string) {
			if n <= 2 {
				return http.StatusServiceUnavailable, "busy"
			}
			return http.StatusOK, `{"result":0,"errmsg":"OK"}`
		}, "", fakeserver.PushDelivered, 3, "HTTP 503"},
		{"non-zero result", func(int) (int, string) { return http.StatusOK, `{"result":1,"errmsg":"bad sign"}` },
			"", fakeserver.PushFailed, 3, `result 1: "bad sign"`},
		{"not JSON", func(int) (int, string) { return http.StatusOK, "OK" }, "", fakeserver.PushFailed, 3, "not {"},
		{"result missing", func(int) (int, string) { return http.StatusOK, `{"errmsg":"OK"}` }, "", fakeserver.PushFailed, 3, "not {"},
		{"result a string", func(int) (int, string) { return http.StatusOK, `{"result":"0"}` }, "", fakeserver.PushFailed, 3, "not {"},
		{"network error", nil, closedURL, fakeserver.PushFailed, 3, "refused"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rcv := newReceiver(t, tc.answer)
			url := cmpOr(tc.url, rcv.srv.URL)
			srv := fakeserver.Run(t, fakeserver.WithReceiptCallback(url), fakeserver.WithCallbackRetry(time.Millisecond, 3))
			c := newClient(t, srv, signModes[0])
			if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x")); err != nil {
				t.Fatal(err)
			}
			p := waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.Status != fakeserver.PushPending })
			if p.Status != tc.status || p.Attempts != tc.attempts || !strings.Contains(p.LastError, tc.lastErr) {
				t.Errorf("push ended %s after %d attempts, last error %q; want %s, %d, %q",
					p.Status, p.Attempts, p.LastError, tc.status, tc.attempts, tc.lastErr)
			}
			// The admin API shows the same push.
			var list struct{ Callbacks []fakeserver.CallbackPush }
			if code := admin(t, srv, "GET", "/_fake/callbacks?status="+tc.status, "", &list); code != 200 ||
				len(list.Callbacks) != 1 || list.Callbacks[0].Attempts != tc.attempts || list.Callbacks[0].LastError != p.LastError {
				t.Errorf("GET /_fake/callbacks: %d %+v", code, list)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestCallbackBackoffWaits checks that a failed push waits for its backoff
// instead of retrying at once, and that Close stops a server with a
// pending push without losing sight of it.
func TestCallbackBackoffWaits(t *testing.T) {
	rcv := newReceiver(t, func(int) (int, string) { return http.StatusInternalServerError, "" })
	srv, err := fakeserver.New(fakeserver.Options{ReceiptCallbackURL: rcv.srv.URL, CallbackBackoff: time.Hour, CallbackMaxAttempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	c := newInProcessClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x")); err != nil {
		t.Fatal(err)
	}
	p := waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.Attempts == 1 })
	if p.Status != fakeserver.PushPending || p.LastError != "HTTP 500" || time.Until(p.NextAttempt) < 50*time.Minute {
		t.Errorf("after one failure: %+v", p)
	}
	srv.Close()
	if ps := srv.Callbacks(); len(ps) != 1 || ps[0].Status != fakeserver.PushPending || ps[0].Attempts != 1 {
		t.Errorf("after Close: %+v", ps)
	}
}

// TestPusherStopsOnClose checks that Close leaves no pusher goroutine
// behind, even with an attempt in flight against a receiver that hangs.
func TestPusherStopsOnClose(t *testing.T) {
	release := make(chan struct{})
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer hang.Close()
	defer close(release)
	srv, err := fakeserver.New(fakeserver.Options{ReceiptCallbackURL: hang.URL, ReplyCallbackURL: hang.URL})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	waitGoroutines(t, func(stacks string) bool { return strings.Contains(stacks, "(*Pusher).attempt") })
	srv.Close()
	waitGoroutines(t, func(stacks string) bool {
		return !strings.Contains(stacks, "runPusher") && !strings.Contains(stacks, "(*Pusher).attempt")
	})
}

// waitGoroutines waits until ok accepts the stacks of all goroutines.
func waitGoroutines(t *testing.T, ok func(stacks string) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	buf := make([]byte, 1<<20)
	for {
		stacks := string(buf[:runtime.Stack(buf, true)])
		if ok(stacks) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines never reached the expected state:\n%s", stacks)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCallbackOptionsValidated(t *testing.T) {
	for _, o := range []fakeserver.Options{
		{ReceiptCallbackURL: "localhost:8080/cb"},
		{ReplyCallbackURL: "ftp://example.test/"},
		{ReceiptCallbackURL: "http://127.0.0.1:1/", CallbackMaxAttempts: -1},
		{ReceiptDelay: -time.Second},
	} {
		if srv, err := fakeserver.New(o); err == nil {
			srv.Close()
			t.Errorf("New(%+v) accepted", o)
		}
	}
	srv := fakeserver.Run(t)
	if _, err := srv.WaitCallback(context.Background(), nil); err == nil {
		t.Error("WaitCallback without a callback URL did not fail")
	}
	if srv.Callbacks() != nil {
		t.Error("Callbacks without a callback URL is not nil")
	}
}
