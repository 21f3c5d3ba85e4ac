package fakeserver_test

import (
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

type clockState struct {
	Now    time.Time
	Manual bool
	Error  string
}

// TestAdminClock drives the clock through POST /_fake/clock: a server on
// the system clock switches to a ManualClock, and advancing it makes due
// receipts appear and get pushed.
func TestAdminClock(t *testing.T) {
	rcv := newReceiver(t, nil)
	srv := fakeserver.Run(t, fakeserver.WithReceiptDelay(time.Hour), fakeserver.WithReceiptCallback(rcv.srv.URL))
	c := newClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x")); err != nil {
		t.Fatal(err)
	}
	var st clockState
	if code := admin(t, srv, "GET", "/_fake/clock", "", &st); code != 200 || st.Manual {
		t.Fatalf("GET /_fake/clock: %d %+v", code, st)
	}
	before := time.Now()
	if code := admin(t, srv, "POST", "/_fake/clock", `{"advance":"1h"}`, &st); code != 200 || !st.Manual ||
		st.Now.Before(before.Add(time.Hour)) || st.Now.After(time.Now().Add(time.Hour)) {
		t.Fatalf("advance: %d %+v", code, st)
	}
	if _, ok := srv.Clock().(*fakeserver.ManualClock); !ok {
		t.Errorf("Clock() is %T after the switch", srv.Clock())
	}
	if got := rcv.next(t); !strings.Contains(got.body, `"mobile":"13800000001"`) {
		t.Errorf("pushed %s", got.body)
	}
	if m := srv.Messages()[0]; m.ReceiptStatus != "SUCCESS" {
		t.Errorf("receipt %q after advancing past the delay", m.ReceiptStatus)
	}

	set := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if code := admin(t, srv, "POST", "/_fake/clock", `{"set":"2030-01-02T11:04:05+08:00"}`, &st); code != 200 || !st.Now.Equal(set) {
		t.Errorf("set: %d %+v", code, st)
	}
	if !srv.Clock().Now().Equal(set) {
		t.Errorf("server clock %v, want %v", srv.Clock().Now(), set)
	}
	for _, body := range []string{``, `{}`, `{"set":"2030-01-02","advance":"1s"}`, `{"set":"yesterday"}`, `{"advance":"90"}`} {
		if code := admin(t, srv, "POST", "/_fake/clock", body, &st); code != 400 || st.Error == "" {
			t.Errorf("POST /_fake/clock %s: %d %+v", body, code, st)
		}
	}
}

// fixedClock is a custom Clock the server cannot move.
type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

func TestClockGoAPI(t *testing.T) {
	t0 := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	clock := fakeserver.NewManualClock(t0)
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	if now, err := srv.AdvanceTime(90 * time.Second); err != nil || !now.Equal(t0.Add(90*time.Second)) || !clock.Now().Equal(now) {
		t.Errorf("AdvanceTime: %v %v; clock %v", now, err, clock.Now())
	}
	if now, err := srv.SetTime(t0); err != nil || !clock.Now().Equal(t0) || srv.Clock() != fakeserver.Clock(clock) {
		t.Errorf("SetTime: %v %v", now, err)
	}

	custom := fakeserver.Run(t, fakeserver.WithClock(fixedClock{t0}))
	if _, err := custom.AdvanceTime(time.Second); err == nil {
		t.Error("AdvanceTime moved a custom clock")
	}
	var st clockState
	if code := admin(t, custom, "POST", "/_fake/clock", `{"advance":"1s"}`, &st); code != 409 {
		t.Errorf("POST /_fake/clock on a custom clock: %d %+v", code, st)
	}
}

// TestClockDrivesSignatureWindow checks that the signature window follows
// the server clock, and that MaxClockSkew -1 turns it off.
func TestClockDrivesSignatureWindow(t *testing.T) {
	for _, tc := range []struct {
		skew time.Duration
		code string
	}{{0, "AuthFailure.SignatureExpire"}, {-1, ""}} {
		srv := fakeserver.Run(t, fakeserver.WithMaxClockSkew(tc.skew))
		if _, err := srv.AdvanceTime(6 * time.Minute); err != nil {
			t.Fatal(err)
		}
		_, err := newClient(t, srv, signModes[0]).SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
		if tc.code == "" && err != nil || tc.code != "" && sdkCode(t, err) != tc.code {
			t.Errorf("skew %s: %v, want %q", tc.skew, err, tc.code)
		}
	}
}

func TestAdminSignReview(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithSigns(fakeserver.Sign{Name: "Notifier", Status: fakeserver.StatusUnderReview}))
	signStatus := func() int { return srv.Signs()[0].Status }
	if code := admin(t, srv, "POST", "/_fake/signs/Notifier/approve", "", nil); code != 200 || signStatus() != fakeserver.StatusApproved {
		t.Errorf("approve: %d, status %d", code, signStatus())
	}
	if code := admin(t, srv, "POST", "/_fake/signs/Notifier/reject", `{"reviewReply":"blurry licence"}`, nil); code != 200 || signStatus() != fakeserver.StatusRejected {
		t.Errorf("reject: %d, status %d", code, signStatus())
	}
	c := newClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x")); sdkCode(t, err) != "FailedOperation.SignatureIncorrectOrUnapproved" {
		t.Errorf("send with the rejected sign: %v", err)
	}
	for _, path := range []string{"/_fake/signs/Nobody/approve", "/_fake/signs/Nobody/reject"} {
		if code := admin(t, srv, "POST", path, "", nil); code != 404 {
			t.Errorf("%s: %d", path, code)
		}
	}
}

func TestAdminCallbacksList(t *testing.T) {
	rcv := newReceiver(t, nil)
	srv := fakeserver.Run(t, fakeserver.WithReplyCallback(rcv.srv.URL))
	var list struct{ Callbacks []fakeserver.CallbackPush }
	if code := admin(t, srv, "GET", "/_fake/callbacks", "", &list); code != 200 || list.Callbacks == nil || len(list.Callbacks) != 0 {
		t.Errorf("empty list: %d %+v", code, list)
	}
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	rcv.next(t)
	waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.Status == fakeserver.PushDelivered })
	if admin(t, srv, "GET", "/_fake/callbacks?kind=reply", "", &list); len(list.Callbacks) != 1 || !strings.Contains(string(list.Callbacks[0].Body), `"text":"hi"`) {
		t.Errorf("kind=reply: %+v", list)
	}
	if admin(t, srv, "GET", "/_fake/callbacks?kind=receipts", "", &list); len(list.Callbacks) != 0 {
		t.Errorf("kind=receipts: %+v", list)
	}
	if code := admin(t, srv, "DELETE", "/_fake/callbacks", "", nil); code != 200 || len(srv.Callbacks()) != 0 {
		t.Errorf("DELETE: %d, %d left", code, len(srv.Callbacks()))
	}
}
