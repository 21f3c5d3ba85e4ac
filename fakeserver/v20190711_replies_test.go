package fakeserver_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"

	"github.com/notifykit/notifier/fakeserver"
)

func TestV2019PullSmsReplyStatus(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			t0 := time.Now().Truncate(time.Second)
			srv := fakeserver.Run(t, fakeserver.WithClock(fakeserver.NewManualClock(t0)))
			c, c21 := newClient2019(t, srv, mode), newClient(t, srv, mode)
			for _, text := range []string{"TD", "yes"} {
				if err := srv.InjectReply(fakeserver.Reply{Number: "13800000001", Text: text, Sign: "Notifier", ExtendCode: "01", App: "1400006666"}); err != nil {
					t.Fatal(err)
				}
			}
			pull := sms2019.NewPullSmsReplyStatusRequest()
			pull.SmsSdkAppid, pull.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(1)
			resp, err := c.PullSmsReplyStatus(pull)
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.PullSmsReplyStatusSet
			if len(set) != 1 {
				t.Fatalf("pulled %d replies, want 1 (Limit)", len(set))
			}
			r := set[0]
			if *r.PhoneNumber != "+8613800000001" || *r.NationCode != "86" || *r.ReplyContent != "TD" || *r.Sign != "Notifier" ||
				*r.ExtendCode != "01" || *r.ReplyUnixTime != uint64(t0.Unix()) || *r.ReplyTime != beijingDateTime(t0) {
				t.Errorf("reply = %s %s %s %s %s %d %s", *r.PhoneNumber, *r.NationCode, *r.ReplyContent, *r.Sign, *r.ExtendCode,
					*r.ReplyUnixTime, *r.ReplyTime)
			}
			// The other reply is left for either version, once.
			if resp, err := c21.PullSmsReplyStatus(pullRepliesReq("1400006666", 10)); err != nil ||
				len(resp.Response.PullSmsReplyStatusSet) != 1 || *resp.Response.PullSmsReplyStatusSet[0].ReplyContent != "yes" {
				t.Errorf("2021 pull after 2019 pull: %v", err)
			}
			pull.Limit = common.Uint64Ptr(101)
			if _, err := c.PullSmsReplyStatus(pull); sdkCode(t, err) != "InvalidParameterValue.LimitVerifyFail" {
				t.Errorf("Limit 101: %v", err)
			}
		})
	}
}

func TestV2019PullSmsReplyStatusByPhoneNumber(t *testing.T) {
	t0 := time.Now().Truncate(time.Second)
	clock := fakeserver.NewManualClock(t0)
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	c := newClient2019(t, srv, signModes[3])
	for i, number := range []string{"+8613800000001", "+8613800000002", "+8613800000001"} {
		if err := srv.InjectReply(fakeserver.Reply{Number: number, Text: string(rune('a' + i)), App: "1400006666"}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
	}
	req := func(begin uint64, end *uint64, offset uint64) *sms2019.PullSmsReplyStatusByPhoneNumberRequest {
		r := sms2019.NewPullSmsReplyStatusByPhoneNumberRequest()
		r.SmsSdkAppid, r.PhoneNumber = common.StringPtr("1400006666"), common.StringPtr("+8613800000001")
		r.SendDateTime, r.EndDateTime = common.Uint64Ptr(begin), end
		r.Offset, r.Limit = common.Uint64Ptr(offset), common.Uint64Ptr(10)
		return r
	}
	begin := uint64(t0.Unix())
	resp, err := c.PullSmsReplyStatusByPhoneNumber(req(begin, nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range resp.Response.PullSmsReplyStatusSet {
		texts = append(texts, *r.ReplyContent+"@"+*r.ReplyTime)
	}
	want := "a@" + beijingDateTime(t0) + " c@" + beijingDateTime(t0.Add(2*time.Minute))
	if strings.Join(texts, " ") != want {
		t.Errorf("replies %v, want %s", texts, want)
	}
	if resp, err := c.PullSmsReplyStatusByPhoneNumber(req(begin, common.Uint64Ptr(begin+60), 0)); err != nil ||
		len(resp.Response.PullSmsReplyStatusSet) != 1 {
		t.Errorf("EndDateTime before the second reply: %v", err)
	}
	_, err = c.PullSmsReplyStatusByPhoneNumber(req(begin, nil, 1))
	if sdkCode(t, err) != "InvalidParameterValue.OffsetVerifyFail" {
		t.Errorf("Offset 1: %v", err)
	}
	noBegin := req(begin, nil, 0)
	noBegin.SendDateTime = nil
	if _, err := c.PullSmsReplyStatusByPhoneNumber(noBegin); !strings.Contains(sdkError(t, err).Message, "`SendDateTime`") {
		t.Errorf("no SendDateTime: %v", err)
	}
}
