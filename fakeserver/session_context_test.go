package fakeserver_test

import (
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// TestSessionContextLimit: Tencent documents SessionContext as under 512
// bytes; the fake refuses a longer one instead of keeping and echoing it.
func TestSessionContextLimit(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])

	ok := sendReq([]string{"+8613800000000"}, "100001", "1234")
	ok.SessionContext = common.StringPtr(strings.Repeat("x", 511))
	if _, err := c.SendSms(ok); err != nil {
		t.Fatalf("511-byte SessionContext: %v", err)
	}

	long := sendReq([]string{"+8613800000000"}, "100001", "1234")
	long.SessionContext = common.StringPtr(strings.Repeat("x", 512))
	_, err := c.SendSms(long)
	if code := sdkCode(t, err); code != "InvalidParameterValue" {
		t.Errorf("512-byte SessionContext: code %s, want InvalidParameterValue", code)
	}

	multi := sms.NewSendMultiGlobalSmsRequest()
	multi.SmsSdkAppId = common.StringPtr("1400006666")
	multi.MultiSmsInfoSet = []*sms.MultiSmsInfo{{
		PhoneNumber:      common.StringPtr("+14155550100"),
		TemplateId:       common.StringPtr("100001"),
		TemplateParamSet: common.StringPtrs([]string{"1234"}),
		SessionContext:   common.StringPtr(strings.Repeat("x", 600)),
	}}
	_, err = c.SendMultiGlobalSms(multi)
	if code := sdkCode(t, err); code != "InvalidParameterValue" {
		t.Errorf("SendMultiGlobalSms with a 600-byte SessionContext: code %s, want InvalidParameterValue", code)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server holds %d messages, want only the first", n)
	}
}
