package fakeserver_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func multiInfo(number, template, senderID, tag string, params ...string) *sms.MultiSmsInfo {
	return &sms.MultiSmsInfo{
		PhoneNumber:      common.StringPtr(number),
		TemplateId:       common.StringPtr(template),
		TemplateParamSet: common.StringPtrs(params),
		SenderId:         common.StringPtr(senderID),
		SessionContext:   common.StringPtr(tag),
	}
}

func multiReq(infos ...*sms.MultiSmsInfo) *sms.SendMultiGlobalSmsRequest {
	req := sms.NewSendMultiGlobalSmsRequest()
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.MultiSmsInfoSet = infos
	return req
}

func TestSendMultiGlobalSms(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithTemplates(
				fakeserver.Template{ID: "300", Content: "Code {1}", International: true},
				fakeserver.Template{ID: "301", Content: "Hi {1}, order {2} shipped", International: true},
			))
			c := newClient(t, srv, mode)
			resp, err := c.SendMultiGlobalSms(multiReq(
				multiInfo("+14155550101", "300", "ACME", "a", "1234"),
				multiInfo("+447700900123", "301", "", "b", "Ann", "A-7"),
			))
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.SendMultiStatusSet
			if len(set) != 2 {
				t.Fatalf("SendMultiStatusSet has %d entries, want 2", len(set))
			}
			want := []struct{ number, iso, tag, text, sender, template string }{
				{"+14155550101", "US", "a", "Code 1234", "ACME", "300"},
				{"+447700900123", "GB", "b", "Hi Ann, order A-7 shipped", "", "301"},
			}
			for i, w := range want {
				st := set[i]
				if *st.Code != "Ok" || *st.Message != "send success" || *st.PhoneNumber != w.number ||
					*st.IsoCode != w.iso || *st.SessionContext != w.tag || *st.Fee != 1 || len(*st.SerialNo) != 36 {
					t.Errorf("status %d = %s %s %s %s %d %q", i, *st.Code, *st.PhoneNumber, *st.IsoCode, *st.SessionContext, *st.Fee, *st.SerialNo)
				}
				m, ok := srv.Message(*st.SerialNo)
				if !ok || m.Text != w.text || m.SenderID != w.sender || m.Template != w.template || m.Tag != w.tag || m.Mainland {
					t.Errorf("held message %d = %+v, %v", i, m, ok)
				}
			}
			// Receipts and statistics see multi messages like SendSms ones.
			pull := sms.NewPullSmsSendStatusRequest()
			pull.SmsSdkAppId, pull.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(10)
			receipts, err := c.PullSmsSendStatus(pull)
			if err != nil || len(receipts.Response.PullSmsSendStatusSet) != 2 {
				t.Fatalf("pull: %v", err)
			}
			if r := receipts.Response.PullSmsSendStatusSet[1]; *r.SerialNo != *set[1].SerialNo || *r.CountryCode != "44" {
				t.Errorf("receipt = %s %s", *r.SerialNo, *r.CountryCode)
			}
		})
	}
}

func TestSendMultiGlobalSmsPerEntryFailures(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplates(
		fakeserver.Template{ID: "300", Content: "Code {1}", International: true},
		fakeserver.Template{ID: "302", Content: "held {1}", International: true, Status: fakeserver.StatusUnderReview},
		fakeserver.Template{ID: "303", Content: "mainland {1}"},
	))
	c := newClient(t, srv, signModes[0])
	if _, err := srv.AddFault(fakeserver.Fault{Number: "+14155550105", Code: "LimitExceeded.PhoneNumberDailyLimit"}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.SendMultiGlobalSms(multiReq(
		multiInfo("+14155550101", "300", "", "ok", "1"),
		multiInfo("12345", "300", "", "bad number", "1"),
		multiInfo("+14155550102", "302", "", "held", "1"),
		multiInfo("+14155550103", "303", "", "mainland template", "1"),
		multiInfo("+14155550104", "300", "", "no params"),
		multiInfo("+14155550105", "300", "", "fault", "1"),
	))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Ok",
		"InvalidParameterValue.IncorrectPhoneNumber",
		"FailedOperation.TemplateIncorrectOrUnapproved",
		"UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone",
		"FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
		"LimitExceeded.PhoneNumberDailyLimit",
	}
	set := resp.Response.SendMultiStatusSet
	for i, code := range want {
		st := set[i]
		if *st.Code != code {
			t.Errorf("entry %d (%s): Code %q, want %q", i, *st.SessionContext, *st.Code, code)
		}
		if code != "Ok" && (*st.SerialNo != "" || *st.Fee != 0 || *st.IsoCode != "" || *st.Message == "") {
			t.Errorf("failed entry %d: SerialNo %q Fee %d IsoCode %q", i, *st.SerialNo, *st.Fee, *st.IsoCode)
		}
	}
	if *set[1].PhoneNumber != "12345" {
		t.Errorf("malformed number echoed as %q", *set[1].PhoneNumber)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server holds %d messages, want 1", n)
	}
}

func TestSendMultiGlobalSmsErrors(t *testing.T) {
	many := make([]*sms.MultiSmsInfo, 201)
	for i := range many {
		many[i] = multiInfo(fmt.Sprintf("+1415555%04d", i), "1", "", "")
	}
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			// SDK requests carry per-client state, so each mode builds its own.
			noTemplate := multiInfo("+14155550101", "1", "", "")
			noTemplate.TemplateId = nil
			noApp := multiReq(multiInfo("+14155550101", "1", "", ""))
			noApp.SmsSdkAppId = nil
			srv := fakeserver.Run(t)
			c := newClient(t, srv, mode)
			strict := fakeserver.Run(t, fakeserver.WithStrict())
			for _, tc := range []struct {
				name   string
				client *sms.Client
				req    *sms.SendMultiGlobalSmsRequest
				code   string
			}{
				{"empty", c, multiReq(), "InvalidParameterValue.MultiSmsInfoSetEmpty"},
				{"201 entries", c, multiReq(many...), "LimitExceeded.PhoneNumberCountLimit"},
				{"mainland number", c, multiReq(multiInfo("+14155550101", "1", "", ""), multiInfo("13800000001", "1", "", "")),
					"UnsupportedOperation.ContainDomesticPhoneNumber"},
				{"no template", c, multiReq(noTemplate), "MissingParameter"},
				{"no app", c, noApp, "MissingParameter"},
				{"strict unknown app", newClient(t, strict, mode), multiReq(multiInfo("+14155550101", "1", "", "")),
					"InvalidParameterValue.SdkAppIdNotExist"},
			} {
				_, err := tc.client.SendMultiGlobalSms(tc.req)
				if got := sdkCode(t, err); got != tc.code {
					t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
				}
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("%d messages held after request-level errors", n)
			}
		})
	}
}

func TestSendMultiGlobalSmsStrictTemplate(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithStrict(), fakeserver.WithApps(fakeserver.App{ID: "1400006666"}),
		fakeserver.WithTemplates(fakeserver.Template{ID: "300", Content: "Code {1}", International: true}))
	resp, err := newClient(t, srv, signModes[0]).SendMultiGlobalSms(multiReq(
		multiInfo("+14155550101", "300", "", "", "1"),
		multiInfo("+14155550102", "999", "", "", "1"),
	))
	if err != nil {
		t.Fatal(err)
	}
	set := resp.Response.SendMultiStatusSet
	if *set[0].Code != "Ok" || !strings.Contains(*set[1].Code, "TemplateIncorrectOrUnapproved") {
		t.Errorf("codes %s %s", *set[0].Code, *set[1].Code)
	}
}
