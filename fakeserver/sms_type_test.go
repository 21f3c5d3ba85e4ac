package fakeserver_test

import (
	"strconv"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// TestSmsTypeSameRuleForAddAndModify: SmsType 0 (what Tencent's own example
// sends) is accepted by AddSmsTemplate and ModifySmsTemplate alike, and
// 4 is refused by both.
func TestSmsTypeSameRuleForAddAndModify(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplateReview(fakeserver.ReviewHold))
	c := newClient(t, srv, signModes[0])
	add := func(smsType uint64) (*sms.AddSmsTemplateResponse, error) {
		req := sms.NewAddSmsTemplateRequest()
		req.TemplateName, req.TemplateContent = common.StringPtr("code"), common.StringPtr("Your code is {1}")
		req.SmsType, req.International, req.Remark = common.Uint64Ptr(smsType), common.Uint64Ptr(0), common.StringPtr("")
		return c.AddSmsTemplate(req)
	}
	modify := func(id string, smsType uint64) error {
		req := sms.NewModifySmsTemplateRequest()
		n, err := strconv.ParseUint(id, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		req.TemplateId = common.Uint64Ptr(n)
		req.TemplateName, req.TemplateContent = common.StringPtr("code"), common.StringPtr("Your code: {1}")
		req.SmsType, req.International, req.Remark = common.Uint64Ptr(smsType), common.Uint64Ptr(0), common.StringPtr("")
		_, err = c.ModifySmsTemplate(req)
		return err
	}

	resp, err := add(0)
	if err != nil {
		t.Fatalf("AddSmsTemplate with SmsType 0: %v", err)
	}
	id := *resp.Response.AddTemplateStatus.TemplateId
	if err := modify(id, 0); err != nil {
		t.Errorf("ModifySmsTemplate with SmsType 0: %v", err)
	}
	if _, err := add(4); sdkCode(t, err) != "InvalidParameterValue.InvalidSmsType" {
		t.Errorf("AddSmsTemplate with SmsType 4: %v", err)
	}
	if err := modify(id, 4); sdkCode(t, err) != "InvalidParameterValue.InvalidSmsType" {
		t.Errorf("ModifySmsTemplate with SmsType 4: %v", err)
	}
}
