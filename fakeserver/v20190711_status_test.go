package fakeserver_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"

	"github.com/notifykit/notifier/fakeserver"
)

// beijingDateTime is t as 2019-07-11 answers give times.
func beijingDateTime(t time.Time) string { return t.In(beijingTZ).Format("2006-01-02 15:04:05") }

func TestV2019PullSmsSendStatus(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			t0 := time.Now().Truncate(time.Second)
			srv := fakeserver.Run(t, fakeserver.WithClock(fakeserver.NewManualClock(t0)))
			c := newClient2019(t, srv, mode)
			numbers := []string{"+8613800000001", "+8613900000001"} // the second fails: EMPTY_NUMBER
			sent, err := c.SendSms(sendReq2019(numbers, "1", "x"))
			if err != nil {
				t.Fatal(err)
			}
			pull := sms2019.NewPullSmsSendStatusRequest()
			pull.SmsSdkAppid, pull.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(10)
			resp, err := c.PullSmsSendStatus(pull)
			if err != nil {
				t.Fatal(err)
			}
			got := resp.Response.PullSmsSendStatusSet
			if len(got) != 2 {
				t.Fatalf("pulled %d receipts, want 2", len(got))
			}
			for i, want := range []struct{ status, description string }{{"SUCCESS", "DELIVRD"}, {"FAIL", "EMPTY_NUMBER"}} {
				r := got[i]
				// PurePhoneNumber is E.164, PhoneNumber the national number.
				if *r.SerialNo != *sent.Response.SendStatusSet[i].SerialNo || *r.PurePhoneNumber != numbers[i] ||
					*r.PhoneNumber != numbers[i][3:] || *r.NationCode != "86" || *r.ReportStatus != want.status ||
					*r.Description != want.description || *r.UserReceiveUnixTime != uint64(t0.Unix()) ||
					*r.UserReceiveTime != beijingDateTime(t0) {
					t.Errorf("receipt %d = %s %s %s %s %s %s %d %s", i, *r.SerialNo, *r.PurePhoneNumber, *r.PhoneNumber,
						*r.NationCode, *r.ReportStatus, *r.Description, *r.UserReceiveUnixTime, *r.UserReceiveTime)
				}
			}
			// Each receipt is returned once.
			if again, err := c.PullSmsSendStatus(pull); err != nil || len(again.Response.PullSmsSendStatusSet) != 0 {
				t.Errorf("second pull: %v", err)
			}
			pull.Limit = common.Uint64Ptr(101)
			if _, err := c.PullSmsSendStatus(pull); sdkCode(t, err) != "InvalidParameterValue.LimitVerifyFail" {
				t.Errorf("Limit 101: %v", err)
			}
			// A fresh request: the SDK keeps a reused one's GET and v1 parameters.
			noApp := sms2019.NewPullSmsSendStatusRequest()
			noApp.Limit = common.Uint64Ptr(10)
			if _, err := c.PullSmsSendStatus(noApp); !strings.Contains(sdkError(t, err).Message, "`SmsSdkAppid`") {
				t.Errorf("no SmsSdkAppid: %v", err)
			}
		})
	}
}

func pullByPhoneReq2019(number string, begin uint64, end *uint64) *sms2019.PullSmsSendStatusByPhoneNumberRequest {
	req := sms2019.NewPullSmsSendStatusByPhoneNumberRequest()
	req.SmsSdkAppid = common.StringPtr("1400006666")
	req.PhoneNumber = common.StringPtr(number)
	req.SendDateTime, req.EndDateTime = common.Uint64Ptr(begin), end
	req.Offset, req.Limit = common.Uint64Ptr(0), common.Uint64Ptr(10)
	return req
}

func TestV2019PullSmsSendStatusByPhoneNumber(t *testing.T) {
	t0 := time.Now().Truncate(time.Second)
	clock := fakeserver.NewManualClock(t0)
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	c := newClient2019(t, srv, signModes[1])
	first, err := c.SendSms(sendReq2019([]string{"+8613800000001", "+8613800000002"}, "1", "a"))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(3 * time.Minute)
	if _, err := c.SendSms(sendReq2019([]string{"13800000001"}, "1", "b")); err != nil {
		t.Fatal(err)
	}
	begin := uint64(t0.Unix())
	resp, err := c.PullSmsSendStatusByPhoneNumber(pullByPhoneReq2019("+8613800000001", begin, common.Uint64Ptr(begin+60)))
	if err != nil {
		t.Fatal(err)
	}
	got := resp.Response.PullSmsSendStatusSet
	if len(got) != 1 || *got[0].SerialNo != *first.Response.SendStatusSet[0].SerialNo || *got[0].PurePhoneNumber != "+8613800000001" ||
		*got[0].UserReceiveTime != beijingDateTime(t0) {
		t.Errorf("window [SendDateTime, EndDateTime] = %d receipts", len(got))
	}
	if resp, err := c.PullSmsSendStatusByPhoneNumber(pullByPhoneReq2019("13800000001", begin, nil)); err != nil ||
		len(resp.Response.PullSmsSendStatusSet) != 2 {
		t.Errorf("no EndDateTime: %v", err)
	}
	// Errors name SendDateTime and EndDateTime.
	for _, tc := range []struct {
		name          string
		req           *sms2019.PullSmsSendStatusByPhoneNumberRequest
		code, mention string
	}{
		{"8 days back", pullByPhoneReq2019("+8613800000001", begin-8*24*3600, nil), "InvalidParameterValue.BeginTimeVerifyFail", "SendDateTime may be"},
		{"end before begin", pullByPhoneReq2019("+8613800000001", begin, common.Uint64Ptr(begin-1)), "InvalidParameterValue.InvalidStartTime", "SendDateTime is after EndDateTime"},
	} {
		_, err := c.PullSmsSendStatusByPhoneNumber(tc.req)
		if e := sdkError(t, err); e.Code != tc.code || !strings.Contains(e.Message, tc.mention) {
			t.Errorf("%s: %s %q, want %s mentioning %q", tc.name, e.Code, e.Message, tc.code, tc.mention)
		}
	}
}

func TestV2019SendStatusStatistics(t *testing.T) {
	clock := fakeserver.NewManualClock(time.Now())
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithTemplates(fakeserver.Template{
		ID: "7", Content: strings.Repeat("长", 80) + "{1}", // two segments
	}))
	c := newClient2019(t, srv, signModes[3])
	if _, err := c.SendSms(sendReq2019([]string{"+8613800000001", "+8613800000002", "123"}, "7", "x")); err != nil {
		t.Fatal(err)
	}
	stats := func(begin, end uint64) (*sms2019.SendStatusStatistics, error) {
		req := sms2019.NewSendStatusStatisticsRequest()
		req.SmsSdkAppid, req.StartDateTime, req.EndDataTime = common.StringPtr("1400006666"), &begin, &end
		req.Limit, req.Offset = common.Uint64Ptr(0), common.Uint64Ptr(0)
		resp, err := c.SendStatusStatistics(req)
		if err != nil {
			return nil, err
		}
		return resp.Response.SendStatusStatistics, nil
	}
	hour, prev := hour2019(t, clock.Now()), hour2019(t, clock.Now().Add(-time.Hour))
	got, err := stats(hour, hour)
	if err != nil {
		t.Fatal(err)
	}
	if *got.RequestCount != 3 || *got.RequestSuccessCount != 2 || *got.FeeCount != 4 {
		t.Errorf("this hour: requests %d success %d fee %d, want 3 2 4", *got.RequestCount, *got.RequestSuccessCount, *got.FeeCount)
	}
	if got, err := stats(prev, prev); err != nil || *got.RequestCount != 0 {
		t.Errorf("previous hour: %v", err)
	}
	for _, tc := range []struct {
		name          string
		begin, end    uint64
		code, mention string
	}{
		{"8 digits", 20260501, 2026050114, "InvalidParameterValue.BeginTimeVerifyFail", `StartDateTime "20260501"`},
		{"bad end", 2026050113, 2026050199, "InvalidParameterValue.EndTimeVerifyFail", "EndDataTime"},
		{"end before start", 2026050114, 2026050113, "InvalidParameterValue.InvalidStartTime", "StartDateTime is after EndDataTime"},
	} {
		_, err := stats(tc.begin, tc.end)
		if e := sdkError(t, err); e.Code != tc.code || !strings.Contains(e.Message, tc.mention) {
			t.Errorf("%s: %s %q, want %s mentioning %q", tc.name, e.Code, e.Message, tc.code, tc.mention)
		}
	}
}
