package fakeserver_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// signMode is one of the four ways the Go SDK signs and sends a request.
type signMode struct {
	name       string
	method     string // HttpProfile.ReqMethod
	signMethod string // ClientProfile.SignMethod
}

var signModes = []signMode{
	{"TC3-POST", "POST", "TC3-HMAC-SHA256"},
	{"TC3-GET", "GET", "TC3-HMAC-SHA256"},
	{"HmacSHA1-POST", "POST", "HmacSHA1"},
	{"HmacSHA256-GET", "GET", "HmacSHA256"},
}

// clientOpts adjusts a test client.
type clientOpts struct {
	secretID, secretKey string
}

// newClient returns an official SDK client pointed at srv's listener.
func newClient(t testing.TB, srv *fakeserver.Server, mode signMode, o ...clientOpts) *sms.Client {
	t.Helper()
	id, key := fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey
	if len(o) > 0 {
		id, key = o[0].secretID, o[0].secretKey
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqMethod = mode.method
	cpf.HttpProfile.ReqTimeout = 10
	cpf.SignMethod = mode.signMethod
	c, err := sms.NewClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sdkCode returns the Tencent error code of err, failing if err is not an SDK error.
func sdkCode(t testing.TB, err error) string {
	t.Helper()
	var e *tcerr.TencentCloudSDKError
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a TencentCloudSDKError", err, err)
	}
	if e.GetRequestId() == "" && !strings.HasPrefix(e.GetCode(), "ClientError") {
		t.Errorf("error %s has no RequestId", e.GetCode())
	}
	return e.GetCode()
}

func sendReq(numbers []string, template string, params ...string) *sms.SendSmsRequest {
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs(numbers)
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.TemplateId = common.StringPtr(template)
	req.SignName = common.StringPtr("Notifier")
	req.TemplateParamSet = common.StringPtrs(params)
	req.SessionContext = common.StringPtr("ctx-1")
	return req
}

func TestSendSmsAllModes(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithTemplates(fakeserver.Template{
				ID: "100002", Content: "Your code is {1}, valid for {2} minutes.",
			}))
			c := newClient(t, srv, mode)
			resp, err := c.SendSms(sendReq([]string{"+8613800000001", "13800000002"}, "100002", "4370", "5"))
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.SendStatusSet
			if len(set) != 2 {
				t.Fatalf("SendStatusSet has %d entries, want 2", len(set))
			}
			wantNumbers := []string{"+8613800000001", "+8613800000002"}
			for i, st := range set {
				if *st.Code != "Ok" || *st.Message != "send success" {
					t.Errorf("status %d: Code %q Message %q", i, *st.Code, *st.Message)
				}
				if *st.PhoneNumber != wantNumbers[i] || *st.IsoCode != "CN" || *st.SessionContext != "ctx-1" {
					t.Errorf("status %d: %s %s %s", i, *st.PhoneNumber, *st.IsoCode, *st.SessionContext)
				}
				if !strings.HasPrefix(*st.SerialNo, "2433:") || *st.Fee != 1 {
					t.Errorf("status %d: SerialNo %q Fee %d", i, *st.SerialNo, *st.Fee)
				}
			}
			if *set[0].SerialNo == *set[1].SerialNo {
				t.Error("serial numbers repeat")
			}
			if *resp.Response.RequestId == "" {
				t.Error("no RequestId")
			}
			ms := srv.Messages()
			if len(ms) != 2 {
				t.Fatalf("server holds %d messages, want 2", len(ms))
			}
			m := ms[1]
			if m.Number != "+8613800000002" || m.Template != "100002" || m.Tag != "ctx-1" || m.App != "1400006666" ||
				m.Text != "【Notifier】Your code is 4370, valid for 5 minutes." || m.SerialNo != *set[1].SerialNo ||
				m.Fee != 1 || m.Sign != "Notifier" || strings.Join(m.Params, ",") != "4370,5" {
				t.Errorf("held message = %+v", m)
			}
		})
	}
}

func TestSendSmsInternational(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	resp, err := c.SendSms(sendReq([]string{"+14155550123"}, "200", "hello"))
	if err != nil {
		t.Fatal(err)
	}
	st := resp.Response.SendStatusSet[0]
	if *st.Code != "Ok" || *st.IsoCode != "US" || len(*st.SerialNo) != 36 {
		t.Errorf("status = Code %q IsoCode %q SerialNo %q", *st.Code, *st.IsoCode, *st.SerialNo)
	}
	m, ok := srv.Message(*st.SerialNo)
	if !ok || m.Text != "【Notifier】hello" || m.Mainland {
		t.Errorf("Message(%q) = %+v, %v", *st.SerialNo, m, ok)
	}
}

func TestSendSmsPerNumberFailures(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplates(fakeserver.Template{ID: "100001", Content: "code {1}"}))
	c := newClient(t, srv, signModes[0])
	if _, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", Number: "+8613800000003", Code: "LimitExceeded.PhoneNumberDailyLimit", Times: 1}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.SendSms(sendReq([]string{"+8613800000001", "12345", "+8613800000003"}, "100001", "1234"))
	if err != nil {
		t.Fatal(err)
	}
	set := resp.Response.SendStatusSet
	want := []struct{ code, number string }{
		{"Ok", "+8613800000001"},
		{"InvalidParameterValue.IncorrectPhoneNumber", "12345"},
		{"LimitExceeded.PhoneNumberDailyLimit", "+8613800000003"},
	}
	for i, w := range want {
		st := set[i]
		if *st.Code != w.code || *st.PhoneNumber != w.number {
			t.Errorf("status %d: Code %q PhoneNumber %q, want %q %q", i, *st.Code, *st.PhoneNumber, w.code, w.number)
		}
		if w.code != "Ok" && (*st.SerialNo != "" || *st.Fee != 0 || *st.IsoCode != "" || *st.Message == "") {
			t.Errorf("failed status %d: SerialNo %q Fee %d IsoCode %q Message %q", i, *st.SerialNo, *st.Fee, *st.IsoCode, *st.Message)
		}
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server holds %d messages, want 1", n)
	}
	// Times: 1 means the next send to that number succeeds.
	resp, err = c.SendSms(sendReq([]string{"+8613800000003"}, "100001", "1234"))
	if err != nil || *resp.Response.SendStatusSet[0].Code != "Ok" {
		t.Errorf("second send: %v", err)
	}
	// Wrong parameter count against a registered template fails every number.
	resp, err = c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "100001"))
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range resp.Response.SendStatusSet {
		if *st.Code != "FailedOperation.TemplateParamSetNotMatchApprovedTemplate" {
			t.Errorf("status %d: %q", i, *st.Code)
		}
	}
}

func TestPullSmsSendStatus(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			clock := fakeserver.NewManualClock(time.Now())
			srv := fakeserver.Run(t, fakeserver.WithClock(clock))
			c := newClient(t, srv, mode)
			numbers := []string{"+8613800000001", "+8613800000002", "+8613800000003"}
			sent, err := c.SendSms(sendReq(numbers, "1", "x"))
			if err != nil {
				t.Fatal(err)
			}
			pull := sms.NewPullSmsSendStatusRequest()
			pull.SmsSdkAppId = common.StringPtr("1400006666")
			pull.Limit = common.Uint64Ptr(2)
			var got []*sms.PullSmsSendStatus
			for range 3 {
				resp, err := c.PullSmsSendStatus(pull)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, resp.Response.PullSmsSendStatusSet...)
			}
			if len(got) != 3 {
				t.Fatalf("pulled %d receipts, want 3 (each once)", len(got))
			}
			for i, r := range got {
				if *r.SerialNo != *sent.Response.SendStatusSet[i].SerialNo || *r.PhoneNumber != numbers[i] ||
					*r.ReportStatus != "SUCCESS" || *r.Description != "DELIVRD" || *r.CountryCode != "86" ||
					*r.SubscriberNumber != numbers[i][3:] || *r.SessionContext != "ctx-1" ||
					*r.UserReceiveTime != uint64(clock.Now().Unix()) {
					t.Errorf("receipt %d = %s", i, *r.PhoneNumber)
				}
			}
			pull.Limit = common.Uint64Ptr(101)
			if _, err := c.PullSmsSendStatus(pull); sdkCode(t, err) != "InvalidParameterValue.LimitVerifyFail" {
				t.Errorf("Limit 101: %v", err)
			}
		})
	}
}

func TestSendStatusStatistics(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			// The SDK signs with the wall clock, so the server clock stays near it.
			beijing := time.FixedZone("CST", 8*3600)
			clock := fakeserver.NewManualClock(time.Now())
			hour := clock.Now().In(beijing).Format("2006010215")
			prevHour := clock.Now().Add(-time.Hour).In(beijing).Format("2006010215")
			srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithTemplates(fakeserver.Template{
				ID: "7", Content: strings.Repeat("长", 80) + "{1}",
			}))
			c := newClient(t, srv, mode)
			// 2 accepted numbers with 2 segments each, 1 rejected number.
			if _, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002", "123"}, "7", "x")); err != nil {
				t.Fatal(err)
			}
			stats := func(begin, end string, limit uint64) (*sms.SendStatusStatistics, error) {
				req := sms.NewSendStatusStatisticsRequest()
				req.SmsSdkAppId = common.StringPtr("1400006666")
				req.BeginTime, req.EndTime = common.StringPtr(begin), common.StringPtr(end)
				req.Limit, req.Offset = common.Uint64Ptr(limit), common.Uint64Ptr(0)
				resp, err := c.SendStatusStatistics(req)
				if err != nil {
					return nil, err
				}
				return resp.Response.SendStatusStatistics, nil
			}
			got, err := stats(hour, hour, 0)
			if err != nil {
				t.Fatal(err)
			}
			if *got.RequestCount != 3 || *got.RequestSuccessCount != 2 || *got.FeeCount != 4 {
				t.Errorf("this hour: requests %d success %d fee %d, want 3 2 4", *got.RequestCount, *got.RequestSuccessCount, *got.FeeCount)
			}
			if got, err := stats(prevHour, prevHour, 0); err != nil || *got.RequestCount != 0 || *got.FeeCount != 0 {
				t.Errorf("previous hour: %v", err)
			}
			// Tencent's SDK example sends Limit 10 (the reference says "fixed
			// 0"): any Limit up to 100 gives the same totals.
			for _, limit := range []uint64{1, 10, 100} {
				if got, err := stats(hour, hour, limit); err != nil || *got.RequestCount != 3 || *got.FeeCount != 4 {
					t.Errorf("Limit %d: %+v, %v; want the same totals", limit, got, err)
				}
			}
			for _, tc := range []struct {
				begin, end string
				limit      uint64
				code       string
			}{
				{"20260501", "2026050114", 0, "InvalidParameterValue.BeginTimeVerifyFail"},
				{"2026050113", "2026-05-01", 0, "InvalidParameterValue.EndTimeVerifyFail"},
				{"2026050114", "2026050113", 0, "InvalidParameterValue.InvalidStartTime"},
				{"2026050113", "2026050114", 101, "InvalidParameterValue.LimitVerifyFail"},
			} {
				if _, err := stats(tc.begin, tc.end, tc.limit); sdkCode(t, err) != tc.code {
					t.Errorf("%s..%s limit %d: %v, want %s", tc.begin, tc.end, tc.limit, err, tc.code)
				}
			}
		})
	}
}

func TestTemplates(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithTemplateReview(fakeserver.ReviewHold))
			c := newClient(t, srv, mode)
			add := sms.NewAddSmsTemplateRequest()
			add.TemplateName = common.StringPtr("login")
			add.TemplateContent = common.StringPtr("Your code is {1} & <b>{2}</b>")
			add.SmsType = common.Uint64Ptr(3)
			add.International = common.Uint64Ptr(0)
			add.Remark = common.StringPtr("for tests")
			resp, err := c.AddSmsTemplate(add)
			if err != nil {
				t.Fatal(err)
			}
			id := *resp.Response.AddTemplateStatus.TemplateId
			describe := func() *sms.DescribeTemplateListStatus {
				t.Helper()
				req := sms.NewDescribeSmsTemplateListRequest()
				req.International = common.Uint64Ptr(0)
				req.Limit, req.Offset = common.Uint64Ptr(10), common.Uint64Ptr(0)
				resp, err := c.DescribeSmsTemplateList(req)
				if err != nil {
					t.Fatal(err)
				}
				if len(resp.Response.DescribeTemplateStatusSet) != 1 {
					t.Fatalf("%d templates listed, want 1", len(resp.Response.DescribeTemplateStatusSet))
				}
				return resp.Response.DescribeTemplateStatusSet[0]
			}
			got := describe()
			if want := id; want != "" && *got.StatusCode != 1 || *got.TemplateContent != *add.TemplateContent || *got.TemplateName != "login" {
				t.Errorf("after add: %+v", got)
			}
			// An unapproved registered template cannot be used.
			if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, id, "1", "2")); sdkCode(t, err) != "FailedOperation.TemplateIncorrectOrUnapproved" {
				t.Errorf("send with template under review: %v", err)
			}
			srv.ApproveTemplate(id)
			if got := describe(); *got.StatusCode != 0 {
				t.Errorf("after approve: StatusCode %d", *got.StatusCode)
			}
			if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, id, "1", "2")); err != nil {
				t.Fatal(err)
			}
			if m := srv.Messages()[0]; m.Text != "【Notifier】Your code is 1 & <b>2</b>" {
				t.Errorf("text %q", m.Text)
			}
			srv.RejectTemplate(id, "too vague")
			if got := describe(); *got.StatusCode != -1 || *got.ReviewReply != "too vague" {
				t.Errorf("after reject: %d %q", *got.StatusCode, *got.ReviewReply)
			}
			// TemplateIdSet lookup.
			req := sms.NewDescribeSmsTemplateListRequest()
			req.International = common.Uint64Ptr(0)
			req.TemplateIdSet = []*uint64{common.Uint64Ptr(*got.TemplateId), common.Uint64Ptr(1)}
			list, err := c.DescribeSmsTemplateList(req)
			if err != nil || len(list.Response.DescribeTemplateStatusSet) != 1 {
				t.Errorf("by ID: %v", err)
			}
		})
	}
}

// TestRenderedText pins the rendering rule the package doc and the fake
// share: 【sign】, then the registered template filled in, or the params
// joined by single spaces.
func TestRenderedText(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplates(
		fakeserver.Template{ID: "10", Content: "Your code is {1}, valid {2} minutes."},
		fakeserver.Template{ID: "11", Content: "Code {1}", International: true}))
	c := newClient(t, srv, signModes[0])
	for _, tc := range []struct {
		name, template, sign, number string
		params                       []string
		want                         string
	}{
		{"registered", "10", "Acme", "+8613800000001", []string{"165385", "5"}, "【Acme】Your code is 165385, valid 5 minutes."},
		{"unregistered", "99", "Acme", "+8613800000002", []string{"165385", "5"}, "【Acme】165385 5"},
		{"unregistered, no params", "99", "Acme", "+8613800000003", nil, "【Acme】"},
		{"unregistered, params with spaces", "99", "Acme", "+8613800000004", []string{"a b", "", "c"}, "【Acme】a b  c"},
		{"no sign", "11", "", "+14155550100", []string{"42"}, "Code 42"},
	} {
		req := sendReq([]string{tc.number}, tc.template, tc.params...)
		req.SignName = common.StringPtr(tc.sign)
		if _, err := c.SendSms(req); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if m := srv.Find(fakeserver.Filter{Number: tc.number}); len(m) != 1 || m[0].Text != tc.want {
			t.Errorf("%s: held %+v, want Text %q", tc.name, m, tc.want)
		}
	}
}
