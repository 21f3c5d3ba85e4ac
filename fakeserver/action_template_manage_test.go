package fakeserver_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func modifyTemplateReq(id uint64, content string, international uint64) *sms.ModifySmsTemplateRequest {
	req := sms.NewModifySmsTemplateRequest()
	req.TemplateId = common.Uint64Ptr(id)
	req.TemplateName = common.StringPtr("renamed")
	req.TemplateContent = common.StringPtr(content)
	req.SmsType = common.Uint64Ptr(2)
	req.International = common.Uint64Ptr(international)
	req.Remark = common.StringPtr("second try")
	return req
}

func deleteTemplateReq(id uint64) *sms.DeleteSmsTemplateRequest {
	req := sms.NewDeleteSmsTemplateRequest()
	req.TemplateId = common.Uint64Ptr(id)
	return req
}

// templateStatus returns the template's DescribeSmsTemplateList entry, or nil.
func templateStatus(t *testing.T, c *sms.Client, id uint64, international uint64) *sms.DescribeTemplateListStatus {
	t.Helper()
	req := sms.NewDescribeSmsTemplateListRequest()
	req.International = common.Uint64Ptr(international)
	req.TemplateIdSet = []*uint64{common.Uint64Ptr(id)}
	resp, err := c.DescribeSmsTemplateList(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Response.DescribeTemplateStatusSet) == 0 {
		return nil
	}
	return resp.Response.DescribeTemplateStatusSet[0]
}

func TestModifyAndDeleteSmsTemplate(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			created := time.Now().Add(-time.Hour).Truncate(time.Second)
			srv := fakeserver.Run(t, fakeserver.WithTemplates(
				fakeserver.Template{ID: "500", Name: "login", Content: "old {1}", Status: fakeserver.StatusRejected, ReviewReply: "vague", Created: created},
			))
			c := newClient(t, srv, mode)
			resp, err := c.ModifySmsTemplate(modifyTemplateReq(500, "Your code is {1}, valid {2} min", 0))
			if err != nil {
				t.Fatal(err)
			}
			if *resp.Response.ModifyTemplateStatus.TemplateId != 500 {
				t.Errorf("ModifyTemplateStatus.TemplateId = %d", *resp.Response.ModifyTemplateStatus.TemplateId)
			}
			// The default review policy approves the modified template at once.
			got := templateStatus(t, c, 500, 0)
			if got == nil || *got.StatusCode != 0 || *got.ReviewReply != "" || *got.TemplateName != "renamed" ||
				*got.TemplateContent != "Your code is {1}, valid {2} min" || *got.CreateTime != uint64(created.Unix()) {
				t.Fatalf("after modify: %+v", got)
			}
			if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "500", "1234", "5")); err != nil {
				t.Fatal(err)
			}
			if m := srv.Messages()[0]; m.Text != "【Notifier】Your code is 1234, valid 5 min" {
				t.Errorf("text after modify: %q", m.Text)
			}
			// Approved now: no more changes.
			if _, err := c.ModifySmsTemplate(modifyTemplateReq(500, "x {1}", 0)); sdkCode(t, err) != "FailedOperation.TemplateAlreadyPassedCheck" {
				t.Errorf("modify approved: %v", err)
			}
			del, err := c.DeleteSmsTemplate(deleteTemplateReq(500))
			if err != nil {
				t.Fatal(err)
			}
			if st := del.Response.DeleteTemplateStatus; *st.DeleteStatus != "return successfully!" || *st.DeleteTime == 0 {
				t.Errorf("DeleteTemplateStatus = %q %d", *st.DeleteStatus, *st.DeleteTime)
			}
			if templateStatus(t, c, 500, 0) != nil {
				t.Error("deleted template still listed")
			}
			if _, err := c.DeleteSmsTemplate(deleteTemplateReq(500)); sdkCode(t, err) != "FailedOperation.TemplateIdNotExist" {
				t.Errorf("delete twice: %v", err)
			}
			// Held messages keep their text after the template is gone.
			if m := srv.Messages()[0]; m.Text != "【Notifier】Your code is 1234, valid 5 min" {
				t.Errorf("text after delete: %q", m.Text)
			}
		})
	}
}

func TestModifySmsTemplateReviewPolicy(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplateReview(fakeserver.ReviewHold))
	c := newClient(t, srv, signModes[0])
	add := sms.NewAddSmsTemplateRequest()
	add.TemplateName, add.TemplateContent = common.StringPtr("n"), common.StringPtr("a {1}")
	add.SmsType, add.International, add.Remark = common.Uint64Ptr(2), common.Uint64Ptr(1), common.StringPtr("")
	added, err := c.AddSmsTemplate(add)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := strconv.ParseUint(*added.Response.AddTemplateStatus.TemplateId, 10, 64)
	// Under review may be modified, and stays under review.
	if _, err := c.ModifySmsTemplate(modifyTemplateReq(id, "b {1}", 1)); err != nil {
		t.Fatal(err)
	}
	if got := templateStatus(t, c, id, 1); *got.StatusCode != 1 || *got.TemplateContent != "b {1}" {
		t.Errorf("after modify under hold: %d %q", *got.StatusCode, *got.TemplateContent)
	}
	if srv.ApproveTemplate(strconv.FormatUint(id, 10)); *templateStatus(t, c, id, 1).StatusCode != 0 {
		t.Error("not approved")
	}
}

func TestModifySmsTemplateErrors(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithTemplates(
				fakeserver.Template{ID: "600", Content: "held {1}", Status: fakeserver.StatusUnderReview},
			))
			c := newClient(t, srv, mode)
			noRemark := modifyTemplateReq(600, "a {1}", 0)
			noRemark.Remark = nil
			badType := modifyTemplateReq(600, "a {1}", 0)
			badType.SmsType = common.Uint64Ptr(4)
			noID := deleteTemplateReq(1)
			noID.TemplateId = nil
			for _, tc := range []struct {
				name string
				call func() error
				code string
			}{
				{"unknown", func() error { _, err := c.ModifySmsTemplate(modifyTemplateReq(999, "a {1}", 0)); return err }, "FailedOperation.MissingTemplateToModify"},
				{"region change", func() error { _, err := c.ModifySmsTemplate(modifyTemplateReq(600, "a {1}", 1)); return err }, "InvalidParameterValue.InvalidInternational"},
				{"international 2", func() error { _, err := c.ModifySmsTemplate(modifyTemplateReq(600, "a {1}", 2)); return err }, "InvalidParameterValue.InvalidInternational"},
				{"sms type", func() error { _, err := c.ModifySmsTemplate(badType); return err }, "InvalidParameterValue.InvalidSmsType"},
				{"variables", func() error { _, err := c.ModifySmsTemplate(modifyTemplateReq(600, "a {2}", 0)); return err }, "InvalidParameterValue.InvalidTemplateFormat"},
				{"no remark", func() error { _, err := c.ModifySmsTemplate(noRemark); return err }, "MissingParameter"},
				{"delete no id", func() error { _, err := c.DeleteSmsTemplate(noID); return err }, "MissingParameter"},
			} {
				if got := sdkCode(t, tc.call()); got != tc.code {
					t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
				}
			}
			if ts := srv.Templates(); len(ts) != 1 || ts[0].Content != "held {1}" {
				t.Errorf("failed modifications changed the template: %+v", ts)
			}
		})
	}
}
