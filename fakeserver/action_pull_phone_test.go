package fakeserver_test

import (
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func pullByPhoneReq(number string, begin uint64, end *uint64, limit uint64) *sms.PullSmsSendStatusByPhoneNumberRequest {
	req := sms.NewPullSmsSendStatusByPhoneNumberRequest()
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.PhoneNumber = common.StringPtr(number)
	req.BeginTime, req.EndTime = common.Uint64Ptr(begin), end
	req.Offset, req.Limit = common.Uint64Ptr(0), common.Uint64Ptr(limit)
	return req
}

func TestPullSmsSendStatusByPhoneNumber(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			// The SDK signs with the wall clock, so the server clock stays
			// within the 5-minute window around it.
			t0 := time.Now().Truncate(time.Second)
			clock := fakeserver.NewManualClock(t0)
			srv := fakeserver.Run(t, fakeserver.WithClock(clock))
			c := newClient(t, srv, mode)
			first, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "1", "a"))
			if err != nil {
				t.Fatal(err)
			}
			clock.Advance(3 * time.Minute)
			second, err := c.SendSms(sendReq([]string{"13800000001"}, "1", "b"))
			if err != nil {
				t.Fatal(err)
			}
			serial1 := *first.Response.SendStatusSet[0].SerialNo
			serial2 := *second.Response.SendStatusSet[0].SerialNo
			begin := uint64(t0.Unix())
			for _, tc := range []struct {
				name   string
				number string
				begin  uint64
				end    *uint64
				limit  uint64
				want   []string
			}{
				{"both, oldest first", "+8613800000001", begin, nil, 10, []string{serial1, serial2}},
				{"mainland shorthand", "13800000001", begin, nil, 10, []string{serial1, serial2}},
				{"limit", "+8613800000001", begin, nil, 1, []string{serial1}},
				{"begin after first", "+8613800000001", begin + 60, nil, 10, []string{serial2}},
				{"end before second", "+8613800000001", begin, common.Uint64Ptr(begin + 60), 10, []string{serial1}},
				{"other number", "+8613800000009", begin, nil, 10, nil},
			} {
				resp, err := c.PullSmsSendStatusByPhoneNumber(pullByPhoneReq(tc.number, tc.begin, tc.end, tc.limit))
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				got := resp.Response.PullSmsSendStatusSet
				if len(got) != len(tc.want) {
					t.Errorf("%s: %d receipts, want %d", tc.name, len(got), len(tc.want))
					continue
				}
				for i, r := range got {
					if *r.SerialNo != tc.want[i] || *r.PhoneNumber != "+8613800000001" || *r.ReportStatus != "SUCCESS" ||
						*r.SubscriberNumber != "13800000001" || *r.CountryCode != "86" || *r.SessionContext != "ctx-1" {
						t.Errorf("%s: receipt %d = %s %s %s", tc.name, i, *r.SerialNo, *r.PhoneNumber, *r.ReportStatus)
					}
				}
			}
			// Pulling by number does not consume: PullSmsSendStatus still sees all three.
			pull := sms.NewPullSmsSendStatusRequest()
			pull.SmsSdkAppId, pull.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(10)
			if resp, err := c.PullSmsSendStatus(pull); err != nil || len(resp.Response.PullSmsSendStatusSet) != 3 {
				t.Errorf("PullSmsSendStatus after pulls by number: %v", err)
			}
		})
	}
}

func TestPullSmsSendStatusByPhoneNumberErrors(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	clock := fakeserver.NewManualClock(now)
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	strict := fakeserver.Run(t, fakeserver.WithStrict())
	c := newClient(t, srv, signModes[0])
	sevenDays := uint64(now.Add(-7 * 24 * time.Hour).Unix())
	offset := func(r *sms.PullSmsSendStatusByPhoneNumberRequest) *sms.PullSmsSendStatusByPhoneNumberRequest {
		r.Offset = common.Uint64Ptr(1)
		return r
	}
	noBegin := pullByPhoneReq("+8613800000001", 0, nil, 10)
	noBegin.BeginTime = nil
	for _, tc := range []struct {
		name   string
		client *sms.Client
		req    *sms.PullSmsSendStatusByPhoneNumberRequest
		code   string
	}{
		{"begin 7 days + 1s back", c, pullByPhoneReq("+8613800000001", sevenDays-1, nil, 10), "InvalidParameterValue.BeginTimeVerifyFail"},
		{"end before begin", c, pullByPhoneReq("+8613800000001", sevenDays+10, common.Uint64Ptr(sevenDays), 10), "InvalidParameterValue.InvalidStartTime"},
		{"offset 1", c, offset(pullByPhoneReq("+8613800000001", sevenDays, nil, 10)), "InvalidParameterValue.OffsetVerifyFail"},
		{"limit 101", c, pullByPhoneReq("+8613800000001", sevenDays, nil, 101), "InvalidParameterValue.LimitVerifyFail"},
		{"malformed number", c, pullByPhoneReq("12345", sevenDays, nil, 10), "InvalidParameterValue.IncorrectPhoneNumber"},
		{"no begin", c, noBegin, "MissingParameter"},
		{"strict unknown app", newClient(t, strict, signModes[0]), pullByPhoneReq("+8613800000001", uint64(time.Now().Unix()), nil, 10),
			"InvalidParameterValue.SdkAppIdNotExist"},
	} {
		_, err := tc.client.PullSmsSendStatusByPhoneNumber(tc.req)
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
		}
	}
	// Exactly 7 days back is allowed.
	if _, err := c.PullSmsSendStatusByPhoneNumber(pullByPhoneReq("+8613800000001", sevenDays, nil, 10)); err != nil {
		t.Errorf("7 days back: %v", err)
	}
}
