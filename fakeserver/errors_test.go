package fakeserver_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func TestAuthErrorsAllModes(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			clock := fakeserver.NewManualClock(time.Now())
			srv := fakeserver.Run(t, fakeserver.WithClock(clock))
			req := sendReq([]string{"+8613800000001"}, "1", "x")
			cases := []struct {
				name   string
				client *sms.Client
				skew   time.Duration
				code   string
			}{
				{"wrong key", newClient(t, srv, mode, clientOpts{fakeserver.DefaultSecretID, "WRONGKEY"}), 0, "AuthFailure.SignatureFailure"},
				{"unknown id", newClient(t, srv, mode, clientOpts{"AKIDUNKNOWN", "x"}), 0, "AuthFailure.SecretIdNotFound"},
				{"stale timestamp", newClient(t, srv, mode), 301 * time.Second, "AuthFailure.SignatureExpire"},
				{"future timestamp", newClient(t, srv, mode), -301 * time.Second, "AuthFailure.SignatureExpire"},
			}
			for _, tc := range cases {
				clock.Set(time.Now().Add(tc.skew))
				_, err := tc.client.SendSms(req)
				if got := sdkCode(t, err); got != tc.code {
					t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
				}
			}
			clock.Set(time.Now().Add(4 * time.Minute)) // inside the window
			if _, err := newClient(t, srv, mode).SendSms(req); err != nil {
				t.Errorf("4 minutes of skew: %v", err)
			}
			if n := len(srv.Messages()); n != 1 {
				t.Errorf("%d messages held, want 1 (failed auth stores nothing)", n)
			}
		})
	}
}

func TestSendSmsErrorsAllModes(t *testing.T) {
	many := make([]string, 201)
	for i := range many {
		many[i] = "+8613800000001"
	}
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithTemplates(
				fakeserver.Template{ID: "10", Content: "mainland {1}"},
				fakeserver.Template{ID: "11", Content: "global {1}", International: true},
				fakeserver.Template{ID: "12", Content: "held {1}", Status: fakeserver.StatusUnderReview},
			), fakeserver.WithSigns(fakeserver.Sign{Name: "Rejected", Status: fakeserver.StatusRejected}))
			c := newClient(t, srv, mode)
			rejectedSign := sendReq([]string{"+8613800000001"}, "10", "1")
			rejectedSign.SignName = common.StringPtr("Rejected")
			noApp := sendReq([]string{"+8613800000001"}, "10", "1")
			noApp.SmsSdkAppId = nil
			for _, tc := range []struct {
				name string
				req  *sms.SendSmsRequest
				code string
			}{
				{"201 numbers", sendReq(many, "1", "x"), "LimitExceeded.PhoneNumberCountLimit"},
				{"no numbers", sendReq([]string{}, "1", "x"), "MissingParameter.EmptyPhoneNumberSet"},
				{"mixed", sendReq([]string{"+8613800000001", "+14155550100"}, "1"), "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber"},
				{"no app", noApp, "MissingParameter"},
				{"unapproved template", sendReq([]string{"+8613800000001"}, "12", "1"), "FailedOperation.TemplateIncorrectOrUnapproved"},
				{"mainland template abroad", sendReq([]string{"+14155550100"}, "10", "1"), "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone"},
				{"global template at home", sendReq([]string{"+8613800000001"}, "11", "1"), "UnsupportedOperation.GlobalTemplateToChineseMainlandPhone"},
				{"rejected sign", rejectedSign, "FailedOperation.SignatureIncorrectOrUnapproved"},
			} {
				_, err := c.SendSms(tc.req)
				if got := sdkCode(t, err); got != tc.code {
					t.Errorf("%s: code %s, want %s (%v)", tc.name, got, tc.code, err)
				}
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("%d messages held after request-level errors", n)
			}
		})
	}
}

// TestMainlandNeedsSignInBothModes: Tencent requires a SignName for
// mainland SMS, so a request with a valid mainland number and no SignName
// is refused in permissive mode too, as a whole, with the code Tencent
// uses for a wrong sign; international numbers need none, and a request
// whose numbers are all malformed fails them one by one as before.
func TestMainlandNeedsSignInBothModes(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict=%v", strict), func(t *testing.T) {
			opts := []fakeserver.Option{fakeserver.WithApps(fakeserver.App{ID: "1400006666"}),
				fakeserver.WithTemplates(fakeserver.Template{ID: "10", Content: "code {1}"},
					fakeserver.Template{ID: "11", Content: "code {1}", International: true})}
			if strict {
				opts = append(opts, fakeserver.WithStrict())
			}
			srv := fakeserver.Run(t, opts...)
			c := newClient(t, srv, signModes[0])
			unsigned := func(template string, numbers ...string) *sms.SendSmsRequest {
				req := sendReq(numbers, template, "1")
				req.SignName = nil
				return req
			}
			_, err := c.SendSms(unsigned("10", "+8613800000001", "+8612345"))
			if got := sdkCode(t, err); got != "FailedOperation.SignatureIncorrectOrUnapproved" {
				t.Errorf("mainland without a sign: %s, want FailedOperation.SignatureIncorrectOrUnapproved", got)
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("%d messages held after a refused request", n)
			}
			resp, err := c.SendSms(unsigned("11", "+14155550100"))
			if err != nil || *resp.Response.SendStatusSet[0].Code != "Ok" {
				t.Errorf("international without a sign: %v, %v; want sent", err, resp)
			}
			resp, err = c.SendSms(unsigned("10", "+8612345"))
			if err != nil || *resp.Response.SendStatusSet[0].Code != "InvalidParameterValue.IncorrectPhoneNumber" {
				t.Errorf("only a malformed number, no sign: %v, %s; want its own IncorrectPhoneNumber", err, resp.ToJsonString())
			}
		})
	}
}

func TestStrictMode(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithStrict(),
		fakeserver.WithApps(fakeserver.App{ID: "1400006666"}),
		fakeserver.WithSigns(fakeserver.Sign{Name: "Notifier"}),
		fakeserver.WithTemplates(fakeserver.Template{ID: "100001", Content: "Your code is {1}"}))
	c := newClient(t, srv, signModes[0])
	otherApp := sendReq([]string{"+8613800000001"}, "100001", "1")
	otherApp.SmsSdkAppId = common.StringPtr("1400000000")
	otherSign := sendReq([]string{"+8613800000001"}, "100001", "1")
	otherSign.SignName = common.StringPtr("Other")
	noSign := sendReq([]string{"+8613800000001"}, "100001", "1")
	noSign.SignName = nil
	for _, tc := range []struct {
		name string
		req  *sms.SendSmsRequest
		code string
	}{
		{"unregistered app", otherApp, "InvalidParameterValue.SdkAppIdNotExist"},
		{"unregistered template", sendReq([]string{"+8613800000001"}, "999", "1"), "FailedOperation.TemplateIncorrectOrUnapproved"},
		{"unregistered sign", otherSign, "FailedOperation.SignatureIncorrectOrUnapproved"},
		{"no sign", noSign, "FailedOperation.SignatureIncorrectOrUnapproved"},
		{"registered everything", sendReq([]string{"+8613800000001"}, "100001", "1"), ""},
	} {
		_, err := c.SendSms(tc.req)
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
		}
	}
	pull := sms.NewPullSmsSendStatusRequest()
	pull.SmsSdkAppId, pull.Limit = common.StringPtr("1400000000"), common.Uint64Ptr(10)
	if _, err := c.PullSmsSendStatus(pull); sdkCode(t, err) != "InvalidParameterValue.SdkAppIdNotExist" {
		t.Errorf("pull for unknown app: %v", err)
	}
}

func TestRequestFault(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	id, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", Code: "RequestLimitExceeded"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1")); sdkCode(t, err) != "RequestLimitExceeded" {
			t.Errorf("with fault: %v", err)
		}
	}
	if f := srv.Faults(); len(f) != 1 || f[0].Hits != 2 {
		t.Errorf("Faults() = %+v", f)
	}
	if !srv.RemoveFault(id) {
		t.Fatal("RemoveFault: not found")
	}
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1")); err != nil {
		t.Errorf("after removal: %v", err)
	}
	if _, err := srv.AddFault(fakeserver.Fault{Code: ""}); err == nil {
		t.Error("a fault without a code was accepted")
	}
}

// TestCommonClientErrors drives what the typed client cannot send through
// the SDK's generic client.
func TestCommonClientErrors(t *testing.T) {
	srv := fakeserver.Run(t)
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	c := common.NewCommonClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	for _, tc := range []struct {
		name, version, action string
		params                string
		code                  string
	}{
		{"unknown version", "2017-03-12", "SendSms", `{}`, "NoSuchVersion"},
		{"unknown action", fakeserver.APIVersion, "SendEmail", `{}`, "InvalidAction"},
		{"quoted uint64", fakeserver.APIVersion, "PullSmsSendStatus", `{"Limit":"10","SmsSdkAppId":"1400006666"}`, "InvalidParameter"},
		{"negative uint64", fakeserver.APIVersion, "PullSmsSendStatus", `{"Limit":-1,"SmsSdkAppId":"1400006666"}`, "InvalidParameter"},
		{"number for string", fakeserver.APIVersion, "SendSms", `{"PhoneNumberSet":["+8613800000001"],"SmsSdkAppId":1400006666,"TemplateId":"1"}`, "InvalidParameter"},
		{"unknown parameter", fakeserver.APIVersion, "SendSms", `{"PhoneNumbers":["+8613800000001"]}`, "UnknownParameter"},
		{"missing Limit", fakeserver.APIVersion, "PullSmsSendStatus", `{"SmsSdkAppId":"1400006666"}`, "MissingParameter"},
	} {
		req := tchttp.NewCommonRequest("sms", tc.version, tc.action)
		if err := req.SetActionParameters(tc.params); err != nil {
			t.Fatal(err)
		}
		resp := tchttp.NewCommonResponse()
		err := c.Send(req, resp)
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s (%v)", tc.name, got, tc.code, err)
		}
	}
}

func TestRawProtocolErrors(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{MaxBodyBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	for _, tc := range []struct {
		name string
		call rawCall
		code string
	}{
		{"bad JSON", rawCall{body: `{"PhoneNumberSet":[`}, "FailedOperation.JsonParseFail"},
		{"JSON array body", rawCall{body: `[1,2]`}, "FailedOperation.JsonParseFail"},
		{"trailing data", rawCall{body: `{} {}`}, "FailedOperation.JsonParseFail"},
		{"oversized body", rawCall{body: `{"SessionContext":"` + strings.Repeat("x", 5000) + `"}`}, "RequestSizeLimitExceeded"},
		{"oversized query", rawCall{method: "GET", query: "SessionContext=" + strings.Repeat("x", 5000)}, "RequestSizeLimitExceeded"},
		{"GET bad uint", rawCall{method: "GET", action: "PullSmsSendStatus", query: "Limit=ten&SmsSdkAppId=1"}, "InvalidParameter"},
		{"GET negative uint", rawCall{method: "GET", action: "PullSmsSendStatus", query: "Limit=-1&SmsSdkAppId=1"}, "InvalidParameter"},
		{"GET unknown name", rawCall{method: "GET", query: "Foo=1"}, "UnknownParameter"},
		{"GET scalar for list", rawCall{method: "GET", query: "PhoneNumberSet=%2B8613800000001"}, "InvalidParameter"},
		{"GET bad index", rawCall{method: "GET", query: "PhoneNumberSet.x=%2B8613800000001"}, "InvalidParameter"},
		{"v1 bad uint", rawCall{v1: true, action: "PullSmsSendStatus", body: "Limit=1.5&SmsSdkAppId=1"}, "InvalidParameter"},
		{"v1 wrong key", rawCall{v1: true, key: "nope"}, "AuthFailure.SignatureFailure"},
		{"v1 GET wrong version", rawCall{v1: true, method: "GET", version: "2017-03-12"}, "NoSuchVersion"},
		{"TC3 stale", rawCall{ts: time.Now().Add(-time.Hour)}, "AuthFailure.SignatureExpire"},
	} {
		resp, env, body := tc.call.do(t, h)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: HTTP %d %q", tc.name, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if env.Response.Error == nil || env.Response.Error.Code != tc.code || env.Response.RequestId == "" {
			t.Errorf("%s: %s, want code %s", tc.name, body, tc.code)
		}
	}
	// Other methods.
	for _, m := range []string{"PUT", "DELETE", "PATCH", "OPTIONS"} {
		req, _ := http.NewRequest(m, "http://sms.tencentcloudapi.com/", nil)
		rec := &recorder{header: http.Header{}}
		h.ServeHTTP(rec, req)
		if rec.status != 200 || !strings.Contains(rec.body.String(), `"Code":"UnsupportedProtocol"`) {
			t.Errorf("%s: %d %s", m, rec.status, rec.body.String())
		}
	}
	// A GET with flattened structs and sparse indexes decodes.
	_, env, body := rawCall{method: "GET", query: "PhoneNumberSet.0=%2B8613800000001&PhoneNumberSet.5=13800000002&SmsSdkAppId=1&TemplateId=1&SignName=Notifier&TemplateParamSet.0=%3Cb%3E%22q%22"}.do(t, h)
	if env.Response.Error != nil {
		t.Fatalf("sparse GET: %s", body)
	}
	if ms := srv.Messages(); len(ms) != 2 || ms[0].Params[0] != `<b>"q"` {
		t.Errorf("sparse GET stored %+v", ms)
	}
}

func TestOversizedRequestAllModes(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{MaxBodyBytes: 2048})
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range signModes {
		c := newInProcessClient(t, srv, mode)
		req := sendReq([]string{"+8613800000001"}, "1", "x")
		req.SessionContext = common.StringPtr(strings.Repeat("x", 3000))
		if _, err := c.SendSms(req); sdkCode(t, err) != "RequestSizeLimitExceeded" {
			t.Errorf("%s: %v", mode.name, err)
		}
		req.SessionContext = common.StringPtr(strings.Repeat("x", 500))
		if _, err := c.SendSms(req); err != nil {
			t.Errorf("%s, under the limit: %v", mode.name, err)
		}
	}
}
