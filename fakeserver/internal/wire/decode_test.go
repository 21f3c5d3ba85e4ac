package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func TestDecodeParamsErrors(t *testing.T) {
	many := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"PhoneNumberSet":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"+86138%08d"`, i)
		}
		b.WriteString(`]}`)
		return b.String()
	}
	for _, tc := range []struct {
		name, body, code, msg string
	}{
		{"ok", `{"SmsSdkAppId":"1","PhoneNumberSet":["+8613800000000"]}`, "", ""},
		{"empty", "  ", "", ""},
		{"lowercase name", `{"smsSdkAppId":"1"}`, tcsms.CodeUnknownParameter, "`smsSdkAppId`"},
		{"unknown name", `{"Foo":1}`, tcsms.CodeUnknownParameter, "`Foo`"},
		{"duplicate name", `{"SmsSdkAppId":"1","SmsSdkAppId":"2"}`, tcsms.CodeInvalidParameter, "`SmsSdkAppId` appears more than once"},
		{"wrong type", `{"SmsSdkAppId":1}`, tcsms.CodeInvalidParameter, "`SmsSdkAppId` is invalid: expected a string"},
		{"wrong element type", `{"PhoneNumberSet":[1]}`, tcsms.CodeInvalidParameter, "`PhoneNumberSet.0`"},
		{"scalar for list", `{"PhoneNumberSet":"x"}`, tcsms.CodeInvalidParameter, "`PhoneNumberSet`"},
		{"not an object", `[1]`, tcsms.CodeJSONParseFail, "must be a JSON object"},
		{"syntax", `{"SmsSdkAppId":`, tcsms.CodeJSONParseFail, "not valid JSON"},
		{"trailing data", `{}{}`, tcsms.CodeJSONParseFail, "not valid JSON"},
		{"invalid UTF-8", "{\"SignName\":\"\xff\"}", tcsms.CodeJSONParseFail, "not valid JSON"},
		{"201 numbers reach the action", many(201), "", ""},
		{"a huge list is counted, not held", many(5000), tcsms.CodePhoneNumberCountLimit, "got 5000"},
	} {
		var p sms.SendSmsRequestParams
		err := decodeParams([]byte(tc.body), &p)
		switch {
		case tc.code == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.code != "" && (err == nil || err.Code != tc.code || !strings.Contains(err.Message, tc.msg)):
			t.Errorf("%s: %v, want %s containing %q", tc.name, err, tc.code, tc.msg)
		}
	}
}

func TestDecodeNestedListCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"MultiSmsInfoSet":[`)
	for i := range MaxListElements + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"PhoneNumber":"+14155550100","TemplateId":"1"}`)
	}
	b.WriteString(`]}`)
	var p sms.SendMultiGlobalSmsRequestParams
	if err := decodeParams([]byte(b.String()), &p); err == nil || err.Code != tcsms.CodePhoneNumberCountLimit {
		t.Errorf("1001 entries: %v, want PhoneNumberCountLimit", err)
	}
}

func TestEncodeResult(t *testing.T) {
	st := &sms.SendStatus{SerialNo: new(string), Code: ptr("FailedOperation.X"), Fee: new(uint64)}
	b, err := EncodeResult("rid", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{st}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Response":{"SendStatusSet":[{"SerialNo":"","Fee":0,"Code":"FailedOperation.X"}],"RequestId":"rid"}}`
	if string(b) != want {
		t.Errorf("EncodeResult = %s\nwant %s", b, want)
	}
	// An empty list stays in the answer, as Tencent sends it.
	b, err = EncodeResult("rid", &sms.PullSmsSendStatusResponseParams{PullSmsSendStatusSet: []*sms.PullSmsSendStatus{}})
	if err != nil || string(b) != `{"Response":{"PullSmsSendStatusSet":[],"RequestId":"rid"}}` {
		t.Errorf("empty list: %s, %v", b, err)
	}
	var env struct{ Response map[string]any }
	if err := json.Unmarshal(EncodeError("rid", tcsms.Errorf("X.Y", `say "hi" <b>`)), &env); err != nil {
		t.Fatal(err)
	}
	if e := env.Response["Error"].(map[string]any); e["Code"] != "X.Y" || e["Message"] != `say "hi" <b>` || env.Response["RequestId"] != "rid" {
		t.Errorf("EncodeError = %+v", env)
	}
}

func TestWriteJSONHeaders(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteError(rec, "rid", tcsms.NewError(tcsms.CodeInternalError))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" ||
		rec.Header().Get("Content-Length") != fmt.Sprint(rec.Body.Len()) || !bytes.HasPrefix(rec.Body.Bytes(), []byte(`{"Response":{"Error"`)) {
		t.Errorf("WriteError: %d %v %s", rec.Code, rec.Header(), rec.Body.Bytes())
	}
}

func ptr[T any](v T) *T { return &v }
