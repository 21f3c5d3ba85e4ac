package fakeserver_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

// newClient2019 returns an official SDK client of API version 2019-07-11
// (package sms/v20190711) pointed at srv's listener, signing as mode says.
func newClient2019(t testing.TB, srv *fakeserver.Server, mode signMode) *sms2019.Client {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	cpf.HttpProfile.ReqMethod = mode.method
	cpf.HttpProfile.ReqTimeout = 10
	cpf.SignMethod = mode.signMethod
	c, err := sms2019.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sendReq2019 is sendReq in 2019-07-11's spelling.
func sendReq2019(numbers []string, template string, params ...string) *sms2019.SendSmsRequest {
	req := sms2019.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs(numbers)
	req.SmsSdkAppid = common.StringPtr("1400006666")
	req.TemplateID = common.StringPtr(template)
	req.Sign = common.StringPtr("Notifier")
	req.TemplateParamSet = common.StringPtrs(params)
	req.SessionContext = common.StringPtr("ctx-1")
	return req
}

// hour2019 is t's hour as 2019-07-11's statistics take it: yyyymmddhh in
// Beijing time, as an integer.
func hour2019(t testing.TB, at time.Time) uint64 {
	t.Helper()
	h, err := strconv.ParseUint(hourOf(at), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// commonCall sends action of version with JSON params through the SDK's
// generic client, for requests the typed clients cannot make.
func commonCall(t testing.TB, srv *fakeserver.Server, version, action, params string) error {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	c := common.NewCommonClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("sms", version, action)
	if err := req.SetActionParameters(params); err != nil {
		t.Fatal(err)
	}
	return c.Send(req, tchttp.NewCommonResponse())
}

// sdkError returns err as the SDK's error, failing if it is not one.
func sdkError(t testing.TB, err error) *tcerr.TencentCloudSDKError {
	t.Helper()
	sdkCode(t, err) // checks the type and the RequestId
	return err.(*tcerr.TencentCloudSDKError)
}

func TestV2019SendSmsAllModes(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithTemplates(fakeserver.Template{
				ID: "100002", Content: "Your code is {1}, valid for {2} minutes.",
			}))
			c := newClient2019(t, srv, mode)
			req := sendReq2019([]string{"+8613800000001", "13800000002"}, "100002", "4370", "5")
			req.ExtendCode = common.StringPtr("01")
			resp, err := c.SendSms(req)
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.SendStatusSet
			if len(set) != 2 {
				t.Fatalf("SendStatusSet has %d entries, want 2", len(set))
			}
			for i, st := range set {
				want := []string{"+8613800000001", "+8613800000002"}[i]
				if *st.Code != "Ok" || *st.Message != "send success" || *st.PhoneNumber != want || *st.IsoCode != "CN" ||
					*st.SessionContext != "ctx-1" || !strings.HasPrefix(*st.SerialNo, "2433:") || *st.Fee != 1 {
					t.Errorf("status %d = %s %s %s %s %s %s %d", i, *st.Code, *st.Message, *st.PhoneNumber, *st.IsoCode,
						*st.SessionContext, *st.SerialNo, *st.Fee)
				}
			}
			ms := srv.Messages()
			if len(ms) != 2 {
				t.Fatalf("server holds %d messages, want 2", len(ms))
			}
			m := ms[1]
			if m.Number != "+8613800000002" || m.Template != "100002" || m.App != "1400006666" || m.Sign != "Notifier" ||
				m.Tag != "ctx-1" || m.ExtendCode != "01" || m.SerialNo != *set[1].SerialNo ||
				m.Text != "【Notifier】Your code is 4370, valid for 5 minutes." {
				t.Errorf("held message = %+v", m)
			}

			// Per-number failures: a malformed number, a fault rule on a
			// number; the other number is still sent.
			if _, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", Number: "+8613800000003",
				Code: "LimitExceeded.PhoneNumberDailyLimit", Times: 1}); err != nil {
				t.Fatal(err)
			}
			resp, err = c.SendSms(sendReq2019([]string{"+8613800000001", "12345", "+8613800000003"}, "100002", "1", "2"))
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range []struct{ code, number string }{
				{"Ok", "+8613800000001"},
				{"InvalidParameterValue.IncorrectPhoneNumber", "12345"},
				{"LimitExceeded.PhoneNumberDailyLimit", "+8613800000003"},
			} {
				st := resp.Response.SendStatusSet[i]
				if *st.Code != w.code || *st.PhoneNumber != w.number {
					t.Errorf("status %d: %s %s, want %s %s", i, *st.Code, *st.PhoneNumber, w.code, w.number)
				}
				if w.code != "Ok" && (*st.SerialNo != "" || *st.Fee != 0 || *st.IsoCode != "" || *st.Message == "") {
					t.Errorf("failed status %d: SerialNo %q Fee %d IsoCode %q Message %q", i, *st.SerialNo, *st.Fee, *st.IsoCode, *st.Message)
				}
			}
			if n := len(srv.Messages()); n != 3 {
				t.Errorf("server holds %d messages, want 3", n)
			}

			// A request-level error names the parameter as 2019-07-11 spells it.
			noApp := sendReq2019([]string{"+8613800000001"}, "100002", "1", "2")
			noApp.SmsSdkAppid = nil
			_, err = c.SendSms(noApp)
			if e := sdkError(t, err); e.Code != "MissingParameter" || !strings.Contains(e.Message, "`SmsSdkAppid`") {
				t.Errorf("no SmsSdkAppid: %v", err)
			}
			mixed := sendReq2019([]string{"+8613800000001", "+14155550123"}, "100002", "1", "2")
			if _, err := c.SendSms(mixed); sdkCode(t, err) != "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber" {
				t.Errorf("mixed numbers: %v", err)
			}
			if n := len(srv.Messages()); n != 3 {
				t.Errorf("after request-level errors the server holds %d messages, want 3", n)
			}
		})
	}
}

// TestV2019SendSmsErrorSpelling checks that the errors of 2019-07-11 name
// its parameters, not 2021-01-11's, while codes stay the same.
func TestV2019SendSmsErrorSpelling(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithStrict(), fakeserver.WithApps(fakeserver.App{ID: "1400006666"}),
		fakeserver.WithTemplates(fakeserver.Template{ID: "100001", Content: "code {1}"}))
	c := newClient2019(t, srv, signModes[0])
	for _, tc := range []struct {
		name          string
		edit          func(*sms2019.SendSmsRequest)
		code, mention string
	}{
		{"no TemplateID", func(r *sms2019.SendSmsRequest) { r.TemplateID = nil }, "MissingParameter", "`TemplateID`"},
		{"unknown app", func(r *sms2019.SendSmsRequest) { r.SmsSdkAppid = common.StringPtr("1400000000") },
			"InvalidParameterValue.SdkAppIdNotExist", "The SmsSdkAppid 1400000000"},
		{"no Sign", func(r *sms2019.SendSmsRequest) { r.Sign = nil }, "FailedOperation.SignatureIncorrectOrUnapproved", "A Sign is required"},
	} {
		req := sendReq2019([]string{"+8613800000001"}, "100001", "1234")
		tc.edit(req)
		_, err := c.SendSms(req)
		if e := sdkError(t, err); e.Code != tc.code || !strings.Contains(e.Message, tc.mention) {
			t.Errorf("%s: %s %q, want %s mentioning %q", tc.name, e.Code, e.Message, tc.code, tc.mention)
		}
	}
}

// TestV2019SendSmsFaultByNumber checks that whole-request fault rules with
// a Number see the numbers of a 2019-07-11 SendSms.
func TestV2019SendSmsFaultByNumber(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient2019(t, srv, signModes[2])
	if _, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", Number: "+8613800000009", HTTP: fakeserver.HTTPStatus, Status: 503,
		Body: `{"Response":{"Error":{"Code":"InternalError.Timeout","Message":"timed out"},"RequestId":"r-1"}}`}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SendSms(sendReq2019([]string{"+8613800000001"}, "1", "x")); err != nil {
		t.Errorf("another number: %v", err)
	}
	if _, err := c.SendSms(sendReq2019([]string{"13800000009"}, "1", "x")); sdkCode(t, err) != "InternalError.Timeout" {
		t.Errorf("the rule's number: %v", err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("server holds %d messages, want 1", n)
	}
}

// TestV2019ActionsMatchTheSDK checks that every action the Go SDK's
// sms/v20190711 client can call is served in that version.
func TestV2019ActionsMatchTheSDK(t *testing.T) {
	var sdk []string
	ct := reflect.TypeFor[*sms2019.Client]()
	for i := range ct.NumMethod() {
		m := ct.Method(i)
		// An action method takes (*Client, *<Action>Request).
		if m.Type.NumIn() == 2 && m.Type.In(1).Kind() == reflect.Pointer && m.Type.In(1).Elem().Name() == m.Name+"Request" {
			sdk = append(sdk, m.Name)
		}
	}
	slices.Sort(sdk)
	if len(sdk) != 16 {
		t.Errorf("the SDK client has %d actions, want 16: %v", len(sdk), sdk)
	}
	if got := fakeserver.ActionsOf(fakeserver.APIVersion20190711); !slices.Equal(got, sdk) {
		t.Errorf("ActionsOf(2019-07-11) = %v, want %v", got, sdk)
	}
	if got := fakeserver.ActionsOf(fakeserver.APIVersion); !slices.Equal(got, fakeserver.Actions()) || !slices.Contains(got, "SendMultiGlobalSms") {
		t.Errorf("ActionsOf(2021-01-11) = %v", got)
	}
	if got := fakeserver.ActionsOf("2017-03-12"); got != nil {
		t.Errorf("ActionsOf(2017-03-12) = %v, want nil", got)
	}
}

// TestV2019VersionErrors checks version dispatch: 2019-07-11 decodes its
// own spelling only, and an unknown version's error names both versions.
func TestV2019VersionErrors(t *testing.T) {
	srv := fakeserver.Run(t)
	for _, tc := range []struct {
		name, version, action, params, code string
	}{
		{"2021 spelling in 2019", fakeserver.APIVersion20190711, "SendSms",
			`{"PhoneNumberSet":["+8613800000001"],"SmsSdkAppId":"1400006666","TemplateId":"1"}`, "UnknownParameter"},
		{"2019 spelling in 2021", fakeserver.APIVersion, "SendSms",
			`{"PhoneNumberSet":["+8613800000001"],"SmsSdkAppid":"1400006666","TemplateID":"1"}`, "UnknownParameter"},
		{"2021-only action", fakeserver.APIVersion20190711, "SendMultiGlobalSms", `{}`, "InvalidAction"},
		{"unknown version", "2017-03-12", "SendSms", `{}`, "NoSuchVersion"},
	} {
		e := sdkError(t, commonCall(t, srv, tc.version, tc.action, tc.params))
		if e.Code != tc.code {
			t.Errorf("%s: %s, want %s (%s)", tc.name, e.Code, tc.code, e.Message)
		}
		if tc.code == "NoSuchVersion" && (!strings.Contains(e.Message, "2021-01-11") || !strings.Contains(e.Message, "2019-07-11")) {
			t.Errorf("NoSuchVersion message %q does not list both versions", e.Message)
		}
	}
}

// TestV2019AndV2021ShareTheStore sends one message with each SDK version
// and checks that both are held, pulled (each once, by either version)
// and counted alike.
func TestV2019AndV2021ShareTheStore(t *testing.T) {
	clock := fakeserver.NewManualClock(time.Now())
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	c19, c21 := newClient2019(t, srv, signModes[0]), newClient(t, srv, signModes[1])
	r19, err := c19.SendSms(sendReq2019([]string{"+8613800000001"}, "1", "old"))
	if err != nil {
		t.Fatal(err)
	}
	r21, err := c21.SendSms(sendReq([]string{"+8613800000002"}, "1", "new"))
	if err != nil {
		t.Fatal(err)
	}
	serials := []string{*r19.Response.SendStatusSet[0].SerialNo, *r21.Response.SendStatusSet[0].SerialNo}
	var held []string
	for _, m := range srv.Messages() {
		held = append(held, m.SerialNo+" "+m.Text)
	}
	if want := []string{serials[0] + " 【Notifier】old", serials[1] + " 【Notifier】new"}; !slices.Equal(held, want) {
		t.Errorf("held %v, want %v", held, want)
	}

	// Statistics of either version count both.
	hour := hour2019(t, clock.Now())
	st19 := sms2019.NewSendStatusStatisticsRequest()
	st19.SmsSdkAppid, st19.StartDateTime, st19.EndDataTime = common.StringPtr("1400006666"), &hour, &hour
	st19.Limit, st19.Offset = common.Uint64Ptr(0), common.Uint64Ptr(0)
	if resp, err := c19.SendStatusStatistics(st19); err != nil || *resp.Response.SendStatusStatistics.RequestSuccessCount != 2 {
		t.Errorf("2019 statistics: %v", err)
	}
	st21 := sms.NewSendStatusStatisticsRequest()
	st21.SmsSdkAppId, st21.BeginTime, st21.EndTime = common.StringPtr("1400006666"), common.StringPtr(hourOf(clock.Now())), common.StringPtr(hourOf(clock.Now()))
	st21.Limit, st21.Offset = common.Uint64Ptr(0), common.Uint64Ptr(0)
	if resp, err := c21.SendStatusStatistics(st21); err != nil || *resp.Response.SendStatusStatistics.RequestSuccessCount != 2 {
		t.Errorf("2021 statistics: %v", err)
	}

	// The 2019 client pulls one receipt, the 2021 client the other, and
	// then neither gets any.
	pull19 := sms2019.NewPullSmsSendStatusRequest()
	pull19.SmsSdkAppid, pull19.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(1)
	pull21 := sms.NewPullSmsSendStatusRequest()
	pull21.SmsSdkAppId, pull21.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(10)
	p19, err := c19.PullSmsSendStatus(pull19)
	if err != nil || len(p19.Response.PullSmsSendStatusSet) != 1 || *p19.Response.PullSmsSendStatusSet[0].SerialNo != serials[0] {
		t.Fatalf("2019 pull: %v", err)
	}
	p21, err := c21.PullSmsSendStatus(pull21)
	if err != nil || len(p21.Response.PullSmsSendStatusSet) != 1 || *p21.Response.PullSmsSendStatusSet[0].SerialNo != serials[1] {
		t.Fatalf("2021 pull: %v", err)
	}
	pull19.Limit = common.Uint64Ptr(10)
	if p, err := c19.PullSmsSendStatus(pull19); err != nil || len(p.Response.PullSmsSendStatusSet) != 0 {
		t.Errorf("2019 pull again: %v", err)
	}
	for _, m := range srv.Messages() {
		if !m.ReceiptPulled {
			t.Errorf("message %s: receipt not marked pulled", m.SerialNo)
		}
	}
}

// TestV2019SendSmsLogged checks the request log of a 2019-07-11 SendSms,
// sent in process so that the log is complete when the call returns: the
// version, and per-number outcomes counted like 2021-01-11's.
func TestV2019SendSmsLogged(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := fakeserver.New(fakeserver.Options{Logger: logger}) // never started: in process only
	if err != nil {
		t.Fatal(err)
	}
	cpf := profile.NewClientProfile()
	c, err := sms2019.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	c.WithHttpTransport(srv.Transport())
	if _, err := c.SendSms(sendReq2019([]string{"+8613800000001", "12345"}, "1", "x")); err != nil {
		t.Fatal(err)
	}
	// encoding/json matches slog's lower-case keys to these fields.
	type record struct {
		Msg, Action, Version, Code, Number string
		Numbers, FailedNumbers             int
	}
	var request record
	var outcomes []string
	for line := range strings.Lines(buf.String()) {
		var rec record
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		switch rec.Msg {
		case "api request":
			request = rec
		case "api number outcome":
			outcomes = append(outcomes, rec.Number+" "+rec.Code)
		}
	}
	if request.Action != "SendSms" || request.Version != "2019-07-11" || request.Code != "Ok" ||
		request.Numbers != 2 || request.FailedNumbers != 1 {
		t.Errorf("request record = %+v\n%s", request, buf.String())
	}
	if want := []string{"+86138****0001 Ok", "**** InvalidParameterValue.IncorrectPhoneNumber"}; !slices.Equal(outcomes, want) {
		t.Errorf("outcomes %v, want %v", outcomes, want)
	}
}

// BenchmarkHandlerSendSms2019 is BenchmarkHandlerSendSms in API version
// 2019-07-11: the same work plus converting the request and the answer.
func BenchmarkHandlerSendSms2019(b *testing.B) {
	const body2019 = `{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppid":"1400006666","TemplateID":"1110","Sign":"Notifier","TemplateParamSet":["4370"],"SessionContext":"ctx"}`
	srv, _ := fakeserver.New(fakeserver.Options{})
	h := srv.Handler()
	host, now := "sms.tencentcloudapi.com", time.Now().Unix()
	tmpl, _ := http.NewRequest(http.MethodPost, "http://"+host+"/", nil)
	p := tcsms.TC3Params{Method: "POST", Host: host, ContentType: "application/json", Service: "sms",
		Payload: []byte(body2019), Timestamp: now}
	tmpl.Header.Set("Content-Type", "application/json")
	tmpl.Header.Set("X-TC-Action", "SendSms")
	tmpl.Header.Set("X-TC-Version", fakeserver.APIVersion20190711)
	tmpl.Header.Set("X-TC-Timestamp", strconv.FormatInt(now, 10))
	tmpl.Header.Set("Authorization", tcsms.TC3Authorization(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey, p))
	rec := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		req := tmpl.Clone(tmpl.Context())
		req.Body = io.NopCloser(strings.NewReader(body2019))
		req.ContentLength = int64(len(body2019))
		rec.Body.Reset()
		h.ServeHTTP(rec, req)
	}
	if !bytes.Contains(rec.Body.Bytes(), []byte(`"Code":"Ok"`)) {
		b.Fatalf("answer %s", rec.Body.Bytes())
	}
}
