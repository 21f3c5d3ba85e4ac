package fakeserver_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"

	"github.com/notifykit/notifier/fakeserver"
)

func TestV2019Templates(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplateReview(fakeserver.ReviewHold))
	c := newClient2019(t, srv, signModes[0])
	add := sms2019.NewAddSmsTemplateRequest()
	add.TemplateName, add.TemplateContent = common.StringPtr("login"), common.StringPtr("Your code is {1}")
	add.SmsType, add.International, add.Remark = common.Uint64Ptr(3), common.Uint64Ptr(0), common.StringPtr("tests")
	added, err := c.AddSmsTemplate(add)
	if err != nil {
		t.Fatal(err)
	}
	id, err := strconv.ParseUint(*added.Response.AddTemplateStatus.TemplateId, 10, 64)
	if err != nil {
		t.Fatalf("TemplateId %q: %v", *added.Response.AddTemplateStatus.TemplateId, err)
	}
	describe := func(ids ...uint64) ([]*sms2019.DescribeTemplateListStatus, error) {
		req := sms2019.NewDescribeSmsTemplateListRequest()
		req.International, req.TemplateIdSet = common.Uint64Ptr(0), common.Uint64Ptrs(ids)
		resp, err := c.DescribeSmsTemplateList(req)
		if err != nil {
			return nil, err
		}
		return resp.Response.DescribeTemplateStatusSet, nil
	}
	list, err := describe(id, 424242)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || *list[0].TemplateId != id || *list[0].TemplateName != "login" || *list[0].StatusCode != 1 ||
		*list[0].International != 0 || *list[0].CreateTime == 0 {
		t.Fatalf("described %d templates", len(list))
	}

	// Under review, it may be modified; it then shows its new name.
	mod := sms2019.NewModifySmsTemplateRequest()
	mod.TemplateId, mod.TemplateName, mod.TemplateContent = common.Uint64Ptr(id), common.StringPtr("login2"), common.StringPtr("Code {1}")
	mod.SmsType, mod.International, mod.Remark = common.Uint64Ptr(3), common.Uint64Ptr(0), common.StringPtr("tests")
	if resp, err := c.ModifySmsTemplate(mod); err != nil || *resp.Response.ModifyTemplateStatus.TemplateId != id {
		t.Fatalf("modify: %v", err)
	}
	if list, err := describe(id); err != nil || *list[0].TemplateName != "login2" {
		t.Errorf("after modify: %v", err)
	}
	if ts := srv.Templates(); len(ts) != 1 || ts[0].ID != *added.Response.AddTemplateStatus.TemplateId || ts[0].Content != "Code {1}" {
		t.Errorf("server templates = %+v", ts)
	}

	del := sms2019.NewDeleteSmsTemplateRequest()
	del.TemplateId = common.Uint64Ptr(id)
	if resp, err := c.DeleteSmsTemplate(del); err != nil || *resp.Response.DeleteTemplateStatus.DeleteStatus != "return successfully!" ||
		*resp.Response.DeleteTemplateStatus.DeleteTime == 0 {
		t.Fatalf("delete: %v", err)
	}
	if list, err := describe(id); err != nil || len(list) != 0 {
		t.Errorf("after delete: %d, %v", len(list), err)
	}

	// Errors.
	add.SmsType = common.Uint64Ptr(9)
	if _, err := c.AddSmsTemplate(add); sdkCode(t, err) != "InvalidParameterValue.InvalidSmsType" {
		t.Errorf("SmsType 9: %v", err)
	}
	if _, err := c.ModifySmsTemplate(mod); sdkCode(t, err) != "FailedOperation.MissingTemplateToModify" {
		t.Errorf("modify deleted: %v", err)
	}
	if _, err := c.DeleteSmsTemplate(del); sdkCode(t, err) != "FailedOperation.TemplateIdNotExist" {
		t.Errorf("delete deleted: %v", err)
	}
	// 2019-07-11 has no Limit and Offset: the IDs are required.
	_, err = describe()
	if e := sdkError(t, err); e.Code != "MissingParameter" || !strings.Contains(e.Message, "`TemplateIdSet`") {
		t.Errorf("no TemplateIdSet: %v", err)
	}
}

func addSignReq2019(name string, usedMethod uint64) *sms2019.AddSmsSignRequest {
	req := sms2019.NewAddSmsSignRequest()
	req.SignName = common.StringPtr(name)
	req.SignType, req.DocumentType = common.Uint64Ptr(0), common.Uint64Ptr(1)
	req.International, req.UsedMethod = common.Uint64Ptr(0), common.Uint64Ptr(usedMethod)
	req.ProofImage, req.CommissionImage = common.StringPtr(proofImage), common.StringPtr(proofImage)
	req.QualificationId = common.Uint64Ptr(7)
	return req
}

func TestV2019Signs(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplateReview(fakeserver.ReviewHold))
	c := newClient2019(t, srv, signModes[2])
	added, err := c.AddSmsSign(addSignReq2019("腾讯云", 1))
	if err != nil {
		t.Fatal(err)
	}
	st := added.Response.AddSignStatus
	id := *st.SignId
	if *st.SignApplyId != id {
		t.Errorf("SignApplyId %d, want the SignId %d", *st.SignApplyId, id)
	}
	describe := func(ids ...uint64) ([]*sms2019.DescribeSignListStatus, error) {
		req := sms2019.NewDescribeSmsSignListRequest()
		req.International, req.SignIdSet = common.Uint64Ptr(0), common.Uint64Ptrs(ids)
		resp, err := c.DescribeSmsSignList(req)
		if err != nil {
			return nil, err
		}
		return resp.Response.DescribeSignListStatusSet, nil
	}
	list, err := describe(id, 424242)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || *list[0].SignId != id || *list[0].SignName != "腾讯云" || *list[0].StatusCode != 1 ||
		*list[0].QualificationId != 7 || *list[0].QualificationStatusCode != 1 || *list[0].CreateTime == 0 {
		t.Fatalf("described %d signs", len(list))
	}

	mod := sms2019.NewModifySmsSignRequest()
	mod.SignId, mod.SignName = common.Uint64Ptr(id), common.StringPtr("腾讯")
	mod.SignType, mod.DocumentType = common.Uint64Ptr(5), common.Uint64Ptr(2)
	mod.International, mod.UsedMethod = common.Uint64Ptr(0), common.Uint64Ptr(0)
	mod.ProofImage = common.StringPtr(proofImage)
	resp, err := c.ModifySmsSign(mod)
	if err != nil {
		t.Fatal(err)
	}
	if ms := resp.Response.ModifySignStatus; *ms.SignId != id || *ms.SignApplyId != strconv.FormatUint(id, 10) {
		t.Errorf("ModifySignStatus = %d %q", *ms.SignId, *ms.SignApplyId)
	}
	if list, err := describe(id); err != nil || *list[0].SignName != "腾讯" {
		t.Errorf("after modify: %v", err)
	}

	del := sms2019.NewDeleteSmsSignRequest()
	del.SignId = common.Uint64Ptr(id)
	if resp, err := c.DeleteSmsSign(del); err != nil || *resp.Response.DeleteSignStatus.DeleteStatus != "return successfully!" {
		t.Fatalf("delete: %v", err)
	}

	// Errors: UsedMethod is checked as 2021-01-11's SignPurpose, under its
	// own name and code.
	_, err = c.AddSmsSign(addSignReq2019("Other", 2))
	if e := sdkError(t, err); e.Code != "InvalidParameterValue.InvalidUsedMethod" || e.Message != "UsedMethod 2 is not 0 or 1." {
		t.Errorf("UsedMethod 2: %s %q", e.Code, e.Message)
	}
	if _, err := c.ModifySmsSign(mod); sdkCode(t, err) != "FailedOperation.MissingSignatureToModify" {
		t.Errorf("modify deleted: %v", err)
	}
	if _, err := c.DeleteSmsSign(del); sdkCode(t, err) != "FailedOperation.SignIdNotExist" {
		t.Errorf("delete deleted: %v", err)
	}
	if _, err := describe(); sdkCode(t, err) != "MissingParameter.MissingSignatureList" {
		t.Errorf("no SignIdSet: %v", err)
	}
}
