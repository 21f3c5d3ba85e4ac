package tcfakeserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/notifykit/notifier/tencent"
)

// posted is one callback the receiver got.
type posted struct {
	path, contentType string
	body              []byte
}

// receiver is a callback receiver on the test's host, listening where
// tcfakeserver.HostListener listens, that acknowledges every POST as
// Tencent's callback API expects and hands it to the test.
type receiver struct {
	port int
	got  chan posted
}

func newReceiver(t *testing.T) *receiver {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ln, err := tcfakeserver.HostListener(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("callback receiver listens on %s", ln.Addr())
	r := &receiver{port: ln.Addr().(*net.TCPAddr).Port, got: make(chan posted, 16)}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, err := io.ReadAll(req.Body)
		if err != nil || req.Method != http.MethodPost {
			http.Error(w, "want a POST with a body", http.StatusBadRequest)
			return
		}
		select {
		case r.got <- posted{path: req.URL.Path, contentType: req.Header.Get("Content-Type"), body: body}:
		default: // the test stopped reading; acknowledging is still right
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"result":0,"errmsg":"OK"}`)
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return r
}

// url returns the URL under which a container reaches path on r.
func (r *receiver) url(path string) string {
	return fmt.Sprintf("http://%s:%d%s", tcfakeserver.HostGateway, r.port, path)
}

// next returns the next callback POSTed to path, failing t when ctx ends
// first.
func (r *receiver) next(ctx context.Context, t *testing.T, path string) posted {
	t.Helper()
	for {
		select {
		case p := <-r.got:
			if p.path == path {
				return p
			}
			t.Errorf("unexpected callback to %s: %s", p.path, p.body)
		case <-ctx.Done():
			t.Fatalf("no callback reached %s: %v", path, ctx.Err())
		}
	}
}

// waitPushDelivered polls GET admin/callbacks?kind=kind until it lists one
// delivered push, failing t when ctx ends first. The receiver sees a push
// just before the server records the answer, hence the polling.
func waitPushDelivered(ctx context.Context, t *testing.T, admin, kind string) fakeserver.CallbackPush {
	t.Helper()
	var last []fakeserver.CallbackPush
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, admin+"/callbacks?kind="+kind, nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			var body struct{ Callbacks []fakeserver.CallbackPush }
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if err != nil {
				t.Fatalf("GET /_fake/callbacks: %v", err)
			}
			last = body.Callbacks
			if len(last) == 1 && last[0].Status == fakeserver.PushDelivered {
				return last[0]
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("GET /_fake/callbacks?kind=%s = %+v; want one delivered push (%v)", kind, last, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestCallbacksReachHost runs a container whose receipt and reply callback
// URLs name a receiver on the test's host through HostGateway, sends an SMS
// with the Tencent adapter and injects a reply, and checks that both
// callbacks arrive in Tencent's format and that the admin API reports them
// delivered.
func TestCallbacksReachHost(t *testing.T) {
	requireDocker(t)
	recv := newReceiver(t)
	ctr := run(t,
		tcfakeserver.WithReceiptCallbackURL(recv.url("/receipts")),
		tcfakeserver.WithReplyCallbackURL(recv.url("/replies")),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	endpoint, err := ctr.Endpoint(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ctr.AdminURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, key := ctr.Credentials()
	sms, err := tencent.New(tencent.Config{SecretID: id, SecretKey: key, SDKAppID: "1400006666",
		SignName: "Notifier", Endpoint: endpoint, Scheme: "http"})
	if err != nil {
		t.Fatal(err)
	}

	const number = "+8613800001234"
	res, err := sms.Send(ctx, notifier.Message{To: []string{number}, Template: "100001", Params: []string{"2468"}})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	sid := res.Recipients[0].MessageID
	if sid == "" {
		t.Fatalf("Send accepted no message: %+v", res)
	}

	t.Run("receipt", func(t *testing.T) {
		p := recv.next(ctx, t, "/receipts")
		if !strings.HasPrefix(p.contentType, "application/json") {
			t.Errorf("Content-Type %q, want application/json", p.contentType)
		}
		// Tencent's receipt callback: an array of objects of string fields.
		var receipts []map[string]string
		if err := json.Unmarshal(p.body, &receipts); err != nil {
			t.Fatalf("receipt callback %s: %v", p.body, err)
		}
		if len(receipts) != 1 {
			t.Fatalf("receipt callback %s: want one receipt", p.body)
		}
		want := map[string]string{"sid": sid, "mobile": "13800001234", "nationcode": "86", "report_status": "SUCCESS"}
		for k, v := range want {
			if receipts[0][k] != v {
				t.Errorf("receipt %s = %q, want %q (%s)", k, receipts[0][k], v, p.body)
			}
		}
		for _, k := range []string{"user_receive_time", "errmsg", "description"} {
			if _, ok := receipts[0][k]; !ok {
				t.Errorf("receipt lacks %s: %s", k, p.body)
			}
		}
		push := waitPushDelivered(ctx, t, admin, fakeserver.CallbackReceipts)
		if push.URL != recv.url("/receipts") || push.Attempts != 1 || len(push.SerialNos) != 1 || push.SerialNos[0] != sid {
			t.Errorf("receipt push %+v, want one attempt to %s for %s", push, recv.url("/receipts"), sid)
		}
	})

	t.Run("reply", func(t *testing.T) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, admin+"/replies",
			strings.NewReader(`{"number":"`+number+`","text":"STOP","sign":"Notifier","extendCode":"12"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST /_fake/replies: %s", resp.Status)
		}
		p := recv.next(ctx, t, "/replies")
		// Tencent's reply callback: one object, time in Unix seconds.
		var reply struct {
			Extend, Mobile, Nationcode, Sign, Text string
			Time                                   int64
		}
		if err := json.Unmarshal(p.body, &reply); err != nil {
			t.Fatalf("reply callback %s: %v", p.body, err)
		}
		if reply.Mobile != "13800001234" || reply.Nationcode != "86" || reply.Text != "STOP" ||
			reply.Sign != "Notifier" || reply.Extend != "12" || reply.Time <= 0 {
			t.Errorf("reply callback %s, want STOP from 13800001234 (86) with sign Notifier, extend 12 and a time", p.body)
		}
		if push := waitPushDelivered(ctx, t, admin, fakeserver.CallbackReply); push.URL != recv.url("/replies") || push.Attempts != 1 {
			t.Errorf("reply push %+v, want one attempt to %s", push, recv.url("/replies"))
		}
	})
}
