package fakeserver_test

import (
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func conversionReq(app, serial string, at *uint64) *sms.ReportConversionRequest {
	req := sms.NewReportConversionRequest()
	req.SmsSdkAppId = common.StringPtr(app)
	req.SerialNo = common.StringPtr(serial)
	req.ConversionTime = at
	return req
}

func TestReportConversion(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			clock := fakeserver.NewManualClock(time.Now().Truncate(time.Second))
			srv := fakeserver.Run(t, fakeserver.WithClock(clock))
			c := newClient(t, srv, mode)
			sent, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
			if err != nil {
				t.Fatal(err)
			}
			global, err := c.SendSms(sendReq([]string{"+14155550100"}, "2", "y"))
			if err != nil {
				t.Fatal(err)
			}
			sentAt := uint64(clock.Now().Unix())
			for _, serial := range []string{*sent.Response.SendStatusSet[0].SerialNo, *global.Response.SendStatusSet[0].SerialNo} {
				for _, at := range []*uint64{nil, common.Uint64Ptr(sentAt), common.Uint64Ptr(sentAt + 30)} {
					resp, err := c.ReportConversion(conversionReq("1400006666", serial, at))
					if err != nil {
						t.Fatalf("%s: %v", serial, err)
					}
					if st := resp.Response.ReportConversionStatus; *st.Code != "OK" || *st.Message != "success" {
						t.Errorf("%s: status %q %q", serial, *st.Code, *st.Message)
					}
				}
			}
		})
	}
}

func TestReportConversionErrors(t *testing.T) {
	clock := fakeserver.NewManualClock(time.Now().Truncate(time.Second))
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	strict := fakeserver.Run(t, fakeserver.WithStrict())
	other := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	sent, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
	if err != nil {
		t.Fatal(err)
	}
	serial := *sent.Response.SendStatusSet[0].SerialNo
	otherSent, err := newClient(t, other, signModes[0]).SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		client *sms.Client
		req    *sms.ReportConversionRequest
		code   string
	}{
		{"another app", c, conversionReq("1400000001", serial, nil), "UnauthorizedOperation.SmsSdkAppIdVerifyFail"},
		{"not a serial", c, conversionReq("1400006666", "2433:123", nil), "InvalidParameterValue"},
		{"another server's serial", c, conversionReq("1400006666", *otherSent.Response.SendStatusSet[0].SerialNo, nil), "InvalidParameterValue"},
		{"before the send", c, conversionReq("1400006666", serial, common.Uint64Ptr(uint64(clock.Now().Unix())-1)), "InvalidParameterValue"},
		{"no serial", c, conversionReq("1400006666", "", nil), "MissingParameter"},
		{"strict unknown app", newClient(t, strict, signModes[0]), conversionReq("1400006666", serial, nil), "UnauthorizedOperation.SmsSdkAppIdVerifyFail"},
	} {
		_, err := tc.client.ReportConversion(tc.req)
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
		}
	}
	srv.Reset()
	if _, err := c.ReportConversion(conversionReq("1400006666", serial, nil)); sdkCode(t, err) != "InvalidParameterValue" {
		t.Errorf("after Reset: %v", err)
	}
}
