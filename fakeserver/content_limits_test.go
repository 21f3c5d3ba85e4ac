package fakeserver_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func addTemplateReq(content string) *sms.AddSmsTemplateRequest {
	req := sms.NewAddSmsTemplateRequest()
	req.TemplateName = common.StringPtr("login")
	req.TemplateContent = common.StringPtr(content)
	req.SmsType = common.Uint64Ptr(2)
	req.International = common.Uint64Ptr(0)
	req.Remark = common.StringPtr("")
	return req
}

// TestTemplateContentLimit pins issue 11's amplification, first half: a
// template of "{1}" × 100,000 (300 KB) was registered. Templates are now
// at most 500 characters, however they are registered.
func TestTemplateContentLimit(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithTemplates(
		fakeserver.Template{ID: "500", Content: "old {1}", Status: fakeserver.StatusRejected},
	))
	c := newClient(t, srv, signModes[0])
	if _, err := c.AddSmsTemplate(addTemplateReq(strings.Repeat("码", 499) + "{1}")); err == nil {
		t.Error("AddSmsTemplate of 502 characters succeeded")
	} else if code := sdkCode(t, err); code != "InvalidParameterValue.InvalidTemplateFormat" {
		t.Errorf("AddSmsTemplate of 502 characters: %s", code)
	}
	if _, err := c.AddSmsTemplate(addTemplateReq(strings.Repeat("{1}", 100_000))); err == nil {
		t.Error("AddSmsTemplate of 300 KB succeeded")
	}
	if _, err := c.AddSmsTemplate(addTemplateReq(strings.Repeat("码", 497) + "{1}")); err != nil {
		t.Errorf("AddSmsTemplate of 500 characters: %v", err)
	}
	if _, err := c.ModifySmsTemplate(modifyTemplateReq(500, strings.Repeat("a", 501), 0)); err == nil {
		t.Error("ModifySmsTemplate to 501 characters succeeded")
	} else if code := sdkCode(t, err); code != "InvalidParameterValue.InvalidTemplateFormat" {
		t.Errorf("ModifySmsTemplate to 501 characters: %s", code)
	}
	long := fakeserver.Template{ID: "7", Content: strings.Repeat("a", 501)}
	if err := srv.AddTemplate(long); err == nil {
		t.Error("AddTemplate of 501 characters succeeded")
	}
	if _, err := fakeserver.New(fakeserver.Options{Templates: []fakeserver.Template{long}}); err == nil {
		t.Error("New with a seeded template of 501 characters succeeded")
	}
	if code := admin(t, srv, "POST", "/_fake/templates", `{"id":"8","content":"`+strings.Repeat("a", 501)+`"}`, nil); code != 400 {
		t.Errorf("POST /_fake/templates of 501 characters: %d, want 400", code)
	}
}

// TestSendContentLimits pins issue 11's amplification, second half: a
// send's params and text were not limited. Each limit fails every number
// of the send in its own SendStatus, holding nothing.
func TestSendContentLimits(t *testing.T) {
	// International numbers and templates: a mainland send needs a sign,
	// and the cases below count the sign's characters exactly.
	srv := fakeserver.Run(t, fakeserver.WithTemplates(
		fakeserver.Template{ID: "1", Content: "{1}{1}", International: true},
		fakeserver.Template{ID: "2", Content: "code {1}", International: true},
	))
	c := newClient(t, srv, signModes[0])
	numbers := []string{"+14155550101", "+14155550102"}
	tests := []struct {
		name, template, sign string
		params               []string
		code                 string
	}{
		// "{1}{1}" with 250 Chinese characters is 500 characters, not bytes.
		{"registered, 500 characters", "1", "", []string{strings.Repeat("码", 250)}, "Ok"},
		{"registered, 502 characters", "1", "", []string{strings.Repeat("码", 251)}, "InvalidParameterValue.ContentLengthLimit"},
		{"the sign and its brackets count", "1", "ab", []string{strings.Repeat("码", 249)}, "InvalidParameterValue.ContentLengthLimit"},
		{"a param of 501 characters", "2", "", []string{strings.Repeat("a", 501)}, "InvalidParameterValue.TemplateParameterLengthLimit"},
		{"the param count is still checked", "2", "", []string{"1", "2"}, "FailedOperation.TemplateParamSetNotMatchApprovedTemplate"},
		{"unregistered, joined by a space: 500", "999", "", []string{strings.Repeat("a", 250), strings.Repeat("b", 249)}, "Ok"},
		{"unregistered, joined by a space: 501", "999", "", []string{strings.Repeat("a", 250), strings.Repeat("b", 250)}, "InvalidParameterValue.ContentLengthLimit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Messages())
			req := sendReq(numbers, tt.template, tt.params...)
			req.SignName = common.StringPtr(tt.sign)
			resp, err := c.SendSms(req)
			if err != nil {
				t.Fatal(err)
			}
			for i, st := range resp.Response.SendStatusSet {
				if *st.Code != tt.code {
					t.Errorf("number %d: Code %q, want %q", i, *st.Code, tt.code)
				}
			}
			held := len(srv.Messages()) - before
			if want := map[bool]int{true: 2, false: 0}[tt.code == "Ok"]; held != want {
				t.Errorf("%d messages held, want %d", held, want)
			}
		})
	}
	resp, err := c.SendMultiGlobalSms(multiReq(
		multiInfo("+14155550101", "999", "", "ok", "short"),
		multiInfo("+14155550102", "999", "", "long", strings.Repeat("a", 501)),
	))
	if err != nil {
		t.Fatal(err)
	}
	if set := resp.Response.SendMultiStatusSet; *set[0].Code != "Ok" || *set[1].Code != "InvalidParameterValue.TemplateParameterLengthLimit" {
		t.Errorf("SendMultiGlobalSms codes %q, %q", *set[0].Code, *set[1].Code)
	}
}

// TestLongSendIsRefusedBeforeRendering pins "check before rendering": a
// template repeating its one placeholder 166 times, filled with a param of
// 500 four-byte characters, would render a third of a megabyte. The send is
// refused without building it.
func TestLongSendIsRefusedBeforeRendering(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{Templates: []fakeserver.Template{{ID: "1", Content: strings.Repeat("{1}", 166)}}})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	param := strings.Repeat("😀", 500)
	call := rawCall{body: `{"PhoneNumberSet":["+8613800000001"],"SmsSdkAppId":"1400006666","TemplateId":"1","SignName":"Notifier","TemplateParamSet":["` + param + `"]}`}
	send := func() string {
		_, _, body := call.do(t, h)
		return string(body)
	}
	if body := send(); !strings.Contains(body, "InvalidParameterValue.ContentLengthLimit") {
		t.Fatalf("answer %s", body)
	}
	var before, after runtime.MemStats
	const runs = 10
	runtime.ReadMemStats(&before)
	for range runs {
		send()
	}
	runtime.ReadMemStats(&after)
	// The request itself (2 KB of param, signed, decoded) costs some tens of
	// KB; rendering would add 332 KB, twice.
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 200<<10 {
		t.Errorf("a refused send allocated %d KB, want under 200 KB: was the text rendered?", per>>10)
	}
}

// TestSendIdentifiersAreBounded: a held message keeps its app and template
// IDs, SenderId and ExtendCode, so each is bounded (64 bytes) and a send
// naming a longer one holds nothing.
func TestSendIdentifiersAreBounded(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	long := strings.Repeat("1", 65)
	for _, tc := range []struct {
		name string
		set  func(*sms.SendSmsRequest)
		code string
	}{
		{"SmsSdkAppId", func(r *sms.SendSmsRequest) { r.SmsSdkAppId = &long }, "InvalidParameterValue.SdkAppIdNotExist"},
		{"TemplateId", func(r *sms.SendSmsRequest) { r.TemplateId = &long }, "FailedOperation.TemplateIncorrectOrUnapproved"},
		{"SenderId", func(r *sms.SendSmsRequest) { r.SenderId = &long }, "InvalidParameterValue"},
		{"ExtendCode", func(r *sms.SendSmsRequest) { r.ExtendCode = &long }, "InvalidParameterValue"},
	} {
		req := sendReq([]string{"+8613800000001"}, "1", "x")
		tc.set(req)
		if _, err := c.SendSms(req); err == nil {
			t.Errorf("%s of 65 bytes: accepted", tc.name)
		} else if code := sdkCode(t, err); code != tc.code {
			t.Errorf("%s of 65 bytes: %s, want %s", tc.name, code, tc.code)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages held", n)
	}
}

// TestRegistrationsAreBounded: what the server keeps besides messages
// (apps, templates' names, replies) is bounded per item too.
func TestRegistrationsAreBounded(t *testing.T) {
	srv := fakeserver.Run(t)
	if err := srv.AddApp(fakeserver.App{ID: strings.Repeat("1", 65)}); err == nil {
		t.Error("AddApp with a 65-byte ID succeeded")
	}
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: strings.Repeat("码", 501)}); err == nil {
		t.Error("InjectReply of 501 characters succeeded")
	}
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: strings.Repeat("码", 500)}); err != nil {
		t.Errorf("InjectReply of 500 characters: %v", err)
	}
	req := addTemplateReq("code {1}")
	req.TemplateName = common.StringPtr(strings.Repeat("n", 256))
	if _, err := newClient(t, srv, signModes[0]).AddSmsTemplate(req); err == nil {
		t.Error("AddSmsTemplate with a 256-character name succeeded")
	} else if code := sdkCode(t, err); code != "InvalidParameter.InvalidParameters" {
		t.Errorf("AddSmsTemplate with a 256-character name: %s", code)
	}
}
