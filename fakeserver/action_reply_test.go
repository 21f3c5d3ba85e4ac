package fakeserver_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func pullRepliesReq(app string, limit uint64) *sms.PullSmsReplyStatusRequest {
	req := sms.NewPullSmsReplyStatusRequest()
	req.SmsSdkAppId, req.Limit = common.StringPtr(app), common.Uint64Ptr(limit)
	return req
}

func pullRepliesByPhoneReq(number string, begin uint64, end *uint64, offset, limit uint64) *sms.PullSmsReplyStatusByPhoneNumberRequest {
	req := sms.NewPullSmsReplyStatusByPhoneNumberRequest()
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.PhoneNumber = common.StringPtr(number)
	req.BeginTime, req.EndTime = common.Uint64Ptr(begin), end
	req.Offset, req.Limit = common.Uint64Ptr(offset), common.Uint64Ptr(limit)
	return req
}

func TestReplies(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			t0 := time.Now().Truncate(time.Second)
			clock := fakeserver.NewManualClock(t0)
			srv := fakeserver.Run(t, fakeserver.WithClock(clock))
			c := newClient(t, srv, mode)
			if err := srv.InjectReply(fakeserver.Reply{Number: "13800000001", Text: "TD", Sign: "Notifier", ExtendCode: "01", App: "1400006666"}); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Minute)
			// Through the admin API, an array; the time is given.
			body := fmt.Sprintf(`[{"number":"+8613800000001","text":"yes","sign":"Notifier","time":%q},{"number":"+8613800000002","text":"no"}]`,
				t0.Add(30*time.Second).Format(time.RFC3339))
			var injected struct{ Injected int }
			if code := admin(t, srv, "POST", "/_fake/replies", body, &injected); code != 201 || injected.Injected != 2 {
				t.Fatalf("POST /_fake/replies: %d %+v", code, injected)
			}

			resp, err := c.PullSmsReplyStatus(pullRepliesReq("1400006666", 2))
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.PullSmsReplyStatusSet
			if len(set) != 2 {
				t.Fatalf("pulled %d replies, want 2 (Limit)", len(set))
			}
			r := set[0]
			if *r.PhoneNumber != "+8613800000001" || *r.SubscriberNumber != "13800000001" || *r.CountryCode != "86" ||
				*r.ReplyContent != "TD" || *r.SignName != "Notifier" || *r.ExtendCode != "01" || *r.ReplyTime != uint64(t0.Unix()) {
				t.Errorf("first reply %s %s %s %s %s %s %d", *r.PhoneNumber, *r.SubscriberNumber, *r.CountryCode, *r.ReplyContent, *r.SignName, *r.ExtendCode, *r.ReplyTime)
			}
			if *set[1].ReplyContent != "yes" || *set[1].ReplyTime != uint64(t0.Add(30*time.Second).Unix()) {
				t.Errorf("second reply %s at %d", *set[1].ReplyContent, *set[1].ReplyTime)
			}
			// Consumed: the next pull returns only the third.
			resp, err = c.PullSmsReplyStatus(pullRepliesReq("1400006666", 100))
			if err != nil || len(resp.Response.PullSmsReplyStatusSet) != 1 || *resp.Response.PullSmsReplyStatusSet[0].ReplyContent != "no" {
				t.Errorf("second pull: %v %+v", err, resp)
			}
			if _, err := c.PullSmsReplyStatus(pullRepliesReq("1400006666", 101)); sdkCode(t, err) != "InvalidParameterValue.LimitVerifyFail" {
				t.Errorf("Limit 101: %v", err)
			}

			// By number: a window, not consumed.
			byPhone := func(begin uint64, end *uint64) []string {
				t.Helper()
				resp, err := c.PullSmsReplyStatusByPhoneNumber(pullRepliesByPhoneReq("+8613800000001", begin, end, 0, 100))
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, r := range resp.Response.PullSmsReplyStatusSet {
					out = append(out, *r.ReplyContent)
				}
				return out
			}
			if got := strings.Join(byPhone(uint64(t0.Unix()), nil), ","); got != "TD,yes" {
				t.Errorf("by number: %s", got)
			}
			if got := strings.Join(byPhone(uint64(t0.Unix())+1, nil), ","); got != "yes" {
				t.Errorf("by number from t0+1s: %s", got)
			}
			if got := strings.Join(byPhone(uint64(t0.Unix()), common.Uint64Ptr(uint64(t0.Unix()))), ","); got != "TD" {
				t.Errorf("by number to t0: %s", got)
			}
			for _, tc := range []struct {
				req  *sms.PullSmsReplyStatusByPhoneNumberRequest
				code string
			}{
				{pullRepliesByPhoneReq("+8613800000001", uint64(t0.Unix()), nil, 1, 10), "InvalidParameterValue.OffsetVerifyFail"},
				{pullRepliesByPhoneReq("+8613800000001", uint64(t0.Unix()), nil, 0, 101), "InvalidParameterValue.LimitVerifyFail"},
				{pullRepliesByPhoneReq("+8613800000001", uint64(t0.Add(-8*24*time.Hour).Unix()), nil, 0, 10), "InvalidParameterValue.BeginTimeVerifyFail"},
				{pullRepliesByPhoneReq("12345", uint64(t0.Unix()), nil, 0, 10), "InvalidParameterValue.IncorrectPhoneNumber"},
			} {
				if _, err := c.PullSmsReplyStatusByPhoneNumber(tc.req); sdkCode(t, err) != tc.code {
					t.Errorf("%v: %v, want %s", tc.req.ToJsonString(), err, tc.code)
				}
			}
			if rs := srv.Replies(); len(rs) != 3 || !rs[0].Pulled || rs[1].Number != "+8613800000001" {
				t.Errorf("Replies() = %+v", rs)
			}
		})
	}
}

// TestReplyApps checks that a reply belongs to the app that last texted
// the number, and that other apps do not see it.
func TestReplyApps(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	req := sendReq([]string{"+8613800000001"}, "1", "x")
	req.SmsSdkAppId = common.StringPtr("1400000002")
	if _, err := c.SendSms(req); err != nil {
		t.Fatal(err)
	}
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: "STOP"}); err != nil {
		t.Fatal(err)
	}
	if rs := srv.Replies(); rs[0].App != "1400000002" || rs[0].Time.IsZero() {
		t.Errorf("reply app %q time %v", rs[0].App, rs[0].Time)
	}
	for _, tc := range []struct {
		app  string
		want int
	}{{"1400006666", 0}, {"1400000002", 1}} {
		resp, err := c.PullSmsReplyStatus(pullRepliesReq(tc.app, 10))
		if err != nil || len(resp.Response.PullSmsReplyStatusSet) != tc.want {
			t.Errorf("app %s: %v, %d replies, want %d", tc.app, err, len(resp.Response.PullSmsReplyStatusSet), tc.want)
		}
	}
	for _, bad := range []fakeserver.Reply{{Number: "12345", Text: "x"}, {Number: "+8613800000001"}} {
		if err := srv.InjectReply(bad); err == nil {
			t.Errorf("InjectReply(%+v) accepted", bad)
		}
	}
	if code := admin(t, srv, "POST", "/_fake/replies", `{"number":"bad","text":"x"}`, nil); code != 400 {
		t.Errorf("bad reply through admin: %d", code)
	}
}

// TestReplyCallback checks the pushed reply byte for byte against
// Tencent's documented reply callback: one JSON object, time a number.
func TestReplyCallback(t *testing.T) {
	rcv := newReceiver(t, func(n int) (int, string) {
		if n == 1 {
			return 502, "bad gateway"
		}
		return 200, `{"result":0,"errmsg":"OK"}`
	})
	t0 := time.Unix(1795715749, 0)
	srv := fakeserver.Run(t, fakeserver.WithClock(fakeserver.NewManualClock(t0)),
		fakeserver.WithReplyCallback(rcv.srv.URL), fakeserver.WithCallbackRetry(time.Millisecond, 4))
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: "退订 <TD>", Sign: "Notifier", ExtendCode: "12"}); err != nil {
		t.Fatal(err)
	}
	want := `{"extend":"12","mobile":"13800000001","nationcode":"86","sign":"Notifier","text":"退订 \u003cTD\u003e","time":1795715749}`
	for i := range 2 { // the first attempt fails, the retry carries the same body
		if got := rcv.next(t); got.body != want || got.method != "POST" || got.contentType != "application/json" {
			t.Errorf("attempt %d: %s %s %s, want %s", i+1, got.method, got.contentType, got.body, want)
		}
	}
	p := waitPush(t, srv, func(p fakeserver.CallbackPush) bool { return p.Status == fakeserver.PushDelivered })
	if p.Kind != fakeserver.CallbackReply || p.Attempts != 2 || p.LastError != "HTTP 502" {
		t.Errorf("push %+v", p)
	}
}
