package tencent_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

// replies answers each action with a fixed Response body.
func replies(m map[string]string) func(call) string {
	return func(c call) string {
		if r, ok := m[c.Action]; ok {
			return r
		}
		return "ERROR InvalidAction " + c.Action
	}
}

func TestTemplates(t *testing.T) {
	cs := newCanned(t, replies(map[string]string{
		"AddSmsTemplate":          `{"AddTemplateStatus":{"TemplateId":"1122"}}`,
		"ModifySmsTemplate":       `{"ModifyTemplateStatus":{"TemplateId":1122}}`,
		"DeleteSmsTemplate":       `{"DeleteTemplateStatus":{"DeleteStatus":"return successfully!","DeleteTime":1795715749}}`,
		"DescribeSmsTemplateList": `{"DescribeTemplateStatusSet":[{"TemplateId":1122,"International":0,"StatusCode":-1,"ReviewReply":"too vague","TemplateName":"otp","CreateTime":1795715749,"TemplateContent":"Code {1}"}]}`,
	}))
	c := cs.client(t)
	ctx := context.Background()
	spec := tencent.TemplateSpec{Name: "otp", Content: "Code {1}", Type: tencent.VerificationCode, Area: tencent.Mainland, Remark: "login"}
	id, err := c.AddTemplate(ctx, spec)
	if err != nil || id != "1122" {
		t.Fatalf("AddTemplate = %q, %v", id, err)
	}
	if err := c.ModifyTemplate(ctx, id, spec); err != nil {
		t.Fatalf("ModifyTemplate: %v", err)
	}
	if err := c.DeleteTemplate(ctx, id); err != nil {
		t.Fatalf("DeleteTemplate: %v", err)
	}
	list, err := c.ListTemplates(ctx, tencent.TemplateQuery{Area: tencent.Mainland, IDs: []string{"1122"}})
	if err != nil {
		t.Fatalf("ListTemplates: %v", err)
	}
	want := []tencent.Template{{ID: "1122", Name: "otp", Content: "Code {1}", Area: tencent.Mainland, Status: tencent.ReviewRejected, ReviewReply: "too vague", Created: time.Unix(1795715749, 0)}}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("ListTemplates = %+v, want %+v", list, want)
	}
	calls := cs.Calls()
	wantBodies := []map[string]any{
		{"TemplateName": "otp", "TemplateContent": "Code {1}", "SmsType": 3.0, "International": 0.0, "Remark": "login"},
		{"TemplateId": 1122.0, "TemplateName": "otp", "TemplateContent": "Code {1}", "SmsType": 3.0, "International": 0.0, "Remark": "login"},
		{"TemplateId": 1122.0},
		{"International": 0.0, "TemplateIdSet": []any{1122.0}},
	}
	for i, w := range wantBodies {
		if !reflect.DeepEqual(calls[i].Body, w) {
			t.Errorf("%s body = %v, want %v", calls[i].Action, calls[i].Body, w)
		}
	}
}

func TestSigns(t *testing.T) {
	cs := newCanned(t, replies(map[string]string{
		"AddSmsSign":          `{"AddSignStatus":{"SignId":77}}`,
		"ModifySmsSign":       `{"ModifySignStatus":{"SignId":77}}`,
		"DeleteSmsSign":       `{"DeleteSignStatus":{"DeleteStatus":"ok","DeleteTime":1}}`,
		"DescribeSmsSignList": `{"DescribeSignListStatusSet":[{"SignId":77,"International":1,"StatusCode":0,"ReviewReply":"","SignName":"Acme","CreateTime":1795715749,"QualificationId":5,"QualificationName":"Acme Ltd","QualificationStatusCode":2}]}`,
	}))
	c := cs.client(t)
	ctx := context.Background()
	spec := tencent.SignSpec{Name: "Acme", Type: tencent.SignApp, Document: tencent.DocAppScreenshot, Area: tencent.International,
		ForOthers: true, ProofImage: []byte("png-bytes"), CommissionImage: []byte("letter"), QualificationID: 5}
	id, err := c.AddSign(ctx, spec)
	if err != nil || id != 77 {
		t.Fatalf("AddSign = %d, %v", id, err)
	}
	if err := c.ModifySign(ctx, id, spec); err != nil {
		t.Fatalf("ModifySign: %v", err)
	}
	if err := c.DeleteSign(ctx, id); err != nil {
		t.Fatalf("DeleteSign: %v", err)
	}
	list, err := c.ListSigns(ctx, tencent.SignQuery{Area: tencent.International})
	if err != nil {
		t.Fatalf("ListSigns: %v", err)
	}
	want := []tencent.Sign{{ID: 77, Name: "Acme", Area: tencent.International, Status: tencent.ReviewApproved, QualificationID: 5, QualificationName: "Acme Ltd", QualificationStatus: 2, Created: time.Unix(1795715749, 0)}}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("ListSigns = %+v, want %+v", list, want)
	}
	calls := cs.Calls()
	add := map[string]any{"SignName": "Acme", "SignType": 1.0, "DocumentType": 4.0, "International": 1.0, "SignPurpose": 1.0,
		"ProofImage": base64.StdEncoding.EncodeToString([]byte("png-bytes")), "CommissionImage": base64.StdEncoding.EncodeToString([]byte("letter")), "QualificationId": 5.0}
	if !reflect.DeepEqual(calls[0].Body, add) {
		t.Errorf("AddSmsSign body = %v, want %v", calls[0].Body, add)
	}
	if calls[1].Body["SignId"] != 77.0 || calls[2].Body["SignId"] != 77.0 {
		t.Errorf("Modify/Delete bodies %v %v lack SignId 77", calls[1].Body, calls[2].Body)
	}
	if l := calls[3].Body; l["Limit"] != 100.0 || l["Offset"] != 0.0 || l["International"] != 1.0 {
		t.Errorf("DescribeSmsSignList body = %v", l)
	}
	if _, err := c.ListSigns(ctx, tencent.SignQuery{Area: tencent.International, IDs: []uint64{77, 78}}); err != nil {
		t.Fatalf("ListSigns by ID: %v", err)
	}
	byID := map[string]any{"International": 1.0, "SignIdSet": []any{77.0, 78.0}}
	if l := cs.Calls()[4].Body; !reflect.DeepEqual(l, byID) {
		t.Errorf("DescribeSmsSignList by ID body = %v, want %v", l, byID)
	}
}

func TestStatistics(t *testing.T) {
	cs := newCanned(t, replies(map[string]string{
		"SendStatusStatistics":     `{"SendStatusStatistics":{"FeeCount":12,"RequestCount":10,"RequestSuccessCount":9}}`,
		"CallbackStatusStatistics": `{"CallbackStatusStatistics":{"CallbackCount":9,"RequestSuccessCount":9,"CallbackFailCount":2,"CallbackSuccessCount":7,"InternalErrorCount":0,"InvalidNumberCount":1,"ShutdownErrorCount":1,"BlackListCount":0,"FrequencyLimitCount":0}}`,
		"SmsPackagesStatistics":    `{"SmsPackagesStatisticsSet":[{"PackageCreateTime":1795715749,"PackageEffectiveTime":1795715750,"PackageExpiredTime":1827251749,"PackageAmount":1000,"PackageType":1,"PackageId":42,"CurrentUsage":12}]}`,
	}))
	c := cs.client(t)
	ctx := context.Background()
	from := time.Date(2026, 11, 25, 16, 59, 0, 0, time.UTC) // 2026-11-26 00:59 in Beijing
	to := from.Add(24 * time.Hour)
	st, err := c.SendStatistics(ctx, from, to)
	if err != nil || st != (tencent.SendStats{Requests: 10, Accepted: 9, Segments: 12}) {
		t.Fatalf("SendStatistics = %+v, %v", st, err)
	}
	cb, err := c.CallbackStatistics(ctx, from, to)
	if err != nil || cb != (tencent.CallbackStats{Reports: 9, Accepted: 9, Delivered: 7, Failed: 2, InvalidNumber: 1, Shutdown: 1}) {
		t.Fatalf("CallbackStatistics = %+v, %v", cb, err)
	}
	pk, err := c.PackageStatistics(ctx, tencent.PackageQuery{From: from, To: to})
	want := []tencent.Package{{ID: 42, Type: tencent.PackagePurchased, Amount: 1000, Used: 12, Created: time.Unix(1795715749, 0), Effective: time.Unix(1795715750, 0), Expires: time.Unix(1827251749, 0)}}
	if err != nil || !reflect.DeepEqual(pk, want) {
		t.Fatalf("PackageStatistics = %+v, %v", pk, err)
	}
	calls := cs.Calls()
	for _, c := range calls {
		if c.Body["BeginTime"] != "2026112600" || c.Body["EndTime"] != "2026112700" || c.Body["SmsSdkAppId"] != "1400006666" {
			t.Errorf("%s body %v: want Beijing hours 2026112600..2026112700", c.Action, c.Body)
		}
	}
	if calls[2].Body["Limit"] != 500.0 {
		t.Errorf("SmsPackagesStatistics Limit %v, want 500", calls[2].Body["Limit"])
	}
}

func TestLookupNumbers(t *testing.T) {
	cs := newCanned(t, func(c call) string {
		var parts []string
		for _, n := range strs(c.Body["PhoneNumberSet"]) {
			if n == "bogus" {
				parts = append(parts, `{"Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"bad","PhoneNumber":"bogus"}`)
				continue
			}
			sub := strings.TrimPrefix(n, "+86")
			parts = append(parts, fmt.Sprintf(`{"Code":"Ok","Message":"Describe success","NationCode":"86","SubscriberNumber":%q,"PhoneNumber":"+86%s","IsoCode":"CN","IsoName":"China"}`, sub, sub))
		}
		return `{"PhoneNumberInfoSet":[` + strings.Join(parts, ",") + `]}`
	})
	in := append(numbers("+86138", 250), "bogus")
	got, err := cs.client(t).LookupNumbers(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(in) || len(cs.Calls()) != 2 {
		t.Fatalf("%d infos in %d requests, want %d in 2", len(got), len(cs.Calls()), len(in))
	}
	first := tencent.NumberInfo{Input: "+8613800000000", Number: "+8613800000000", CountryCode: "86", Subscriber: "13800000000", IsoCode: "CN", IsoName: "China"}
	if got[0] != first {
		t.Errorf("info 0 = %+v, want %+v", got[0], first)
	}
	last := got[len(got)-1]
	if !errors.Is(last.Err, notifier.ErrInvalidRecipient) || last.Input != "bogus" {
		t.Errorf("bogus number info %+v, want ErrInvalidRecipient", last)
	}
}

func TestManagementErrorsAndArguments(t *testing.T) {
	cs := newCanned(t, func(call) string { return "ERROR FailedOperation.TemplateIdNotExist no such template" })
	c := cs.client(t)
	ctx := context.Background()
	err := c.DeleteTemplate(ctx, "9")
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.Is(err, notifier.ErrNotFound) || !errors.As(err, &sdkErr) || sdkErr.RequestId != "req-1" {
		t.Errorf("DeleteTemplate err = %v, want ErrNotFound reaching the SDK error", err)
	}
	before := len(cs.Calls())
	bad := []struct {
		name string
		err  error
	}{
		{"non-numeric template ID", c.DeleteTemplate(ctx, "abc")},
		{"template without remark", func() error {
			_, err := c.AddTemplate(ctx, tencent.TemplateSpec{Name: "n", Content: "c", Type: tencent.Notification})
			return err
		}()},
		{"template area both", c.ModifyTemplate(ctx, "1", tencent.TemplateSpec{Name: "n", Content: "c", Type: tencent.Notification, Remark: "r", Area: tencent.BothAreas})},
		{"sign without proof", c.ModifySign(ctx, 1, tencent.SignSpec{Name: "n"})},
		{"sign for others without commission", func() error {
			_, err := c.AddSign(ctx, tencent.SignSpec{Name: "n", ProofImage: []byte("x"), ForOthers: true})
			return err
		}()},
		{"template limit", func() error { _, err := c.ListTemplates(ctx, tencent.TemplateQuery{Limit: 101}); return err }()},
		{"statistics reversed", func() error {
			_, err := c.SendStatistics(ctx, time.Now(), time.Now().Add(-time.Hour))
			return err
		}()},
		{"statistics zero", func() error { _, err := c.CallbackStatistics(ctx, time.Time{}, time.Now()); return err }()},
	}
	for _, b := range bad {
		if !errors.Is(b.err, notifier.ErrInvalidMessage) {
			t.Errorf("%s: err = %v, want ErrInvalidMessage", b.name, b.err)
		}
	}
	if n := len(cs.Calls()) - before; n != 0 {
		t.Errorf("%d requests for invalid arguments", n)
	}
}

func TestManagementEmptyResponse(t *testing.T) {
	cs := newCanned(t, func(call) string { return `{}` })
	_, err := cs.client(t).AddTemplate(context.Background(), tencent.TemplateSpec{Name: "n", Content: "c", Type: tencent.Notification, Remark: "r"})
	if !errors.Is(err, notifier.ErrUnavailable) {
		t.Errorf("err = %v, want ErrUnavailable for a response without AddTemplateStatus", err)
	}
}
