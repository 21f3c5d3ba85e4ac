package fakeserver_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

// checkEnvelope fails unless rec holds exactly a Tencent envelope: HTTP 200,
// application/json, {"Response":{...}} with a RequestId, and an Error with
// a Code when there is one.
func checkEnvelope(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("HTTP %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var env map[string]map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || len(env) != 1 || env["Response"] == nil {
		t.Fatalf("not an envelope: %v: %s", err, rec.Body.Bytes())
	}
	var id string
	if err := json.Unmarshal(env["Response"]["RequestId"], &id); err != nil || len(id) != 36 {
		t.Fatalf("bad RequestId in %s", rec.Body.Bytes())
	}
	if e, ok := env["Response"]["Error"]; ok {
		var apiErr struct{ Code, Message string }
		if err := json.Unmarshal(e, &apiErr); err != nil || apiErr.Code == "" {
			t.Fatalf("bad Error in %s", rec.Body.Bytes())
		}
	}
}

// FuzzHandler sends arbitrary requests, signed (TC3 or v1) or not, to the
// whole handler: it must never panic and must always answer with a Tencent
// envelope.
func FuzzHandler(f *testing.F) {
	f.Add(uint8(0), "SendSms", "application/json", "", []byte(`{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"腾讯云","TemplateParamSet":["4370"],"SessionContext":"ctx"}`))
	f.Add(uint8(1), "SendSms", "application/x-www-form-urlencoded", "PhoneNumberSet.0=%2B8613800000000&SmsSdkAppId=1&TemplateId=1", []byte(nil))
	f.Add(uint8(2), "PullSmsSendStatus", "application/x-www-form-urlencoded", "", []byte("Limit=10&SmsSdkAppId=1"))
	f.Add(uint8(3), "SendStatusStatistics", "", "BeginTime=2026112600&EndTime=2026112623&SmsSdkAppId=1&Limit=0&Offset=0", []byte(nil))
	f.Add(uint8(4), "AddSmsTemplate", "application/json", "", []byte(`{"TemplateName":"a","TemplateContent":"{1}{2}","SmsType":1,"International":0,"Remark":""}`))
	f.Add(uint8(0), "DescribeSmsTemplateList", "application/json", "", []byte(`{"International":0,"TemplateIdSet":[1000001]}`))
	f.Add(uint8(5), "SendSms", "text/plain", "x=%zz", []byte("\x00\xff"))
	now := time.Now()
	srv, err := fakeserver.New(fakeserver.Options{
		Clock:     fakeserver.NewManualClock(now),
		Templates: []fakeserver.Template{{ID: "1110", Content: "code {1}"}},
	})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, mode uint8, action, contentType, query string, body []byte) {
		req := fuzzRequest(mode, action, contentType, query, body, now)
		if req == nil {
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkEnvelope(t, rec)
	})
}

// fuzzRequest builds a request: mode%6 selects TC3 POST, TC3 GET, v1 POST,
// v1 GET, unsigned POST, or an unusual method.
func fuzzRequest(mode uint8, action, contentType, query string, body []byte, now time.Time) *http.Request {
	const host = "sms.tencentcloudapi.com"
	method := http.MethodPost
	if mode%6 == 1 || mode%6 == 3 {
		method, body = http.MethodGet, nil
	}
	if mode%6 == 5 {
		method = "PATCH"
	}
	switch mode % 6 {
	case 2, 3: // v1: the fuzzed form (body or query) plus signed common params
		raw := string(body)
		if method == http.MethodGet {
			raw = query
		}
		params, err := url.ParseQuery(raw)
		if err != nil {
			params = url.Values{}
		}
		params.Set("Action", action)
		params.Set("Version", fakeserver.APIVersion)
		params.Set("SecretId", fakeserver.DefaultSecretID)
		params.Set("Timestamp", strconv.FormatInt(now.Unix(), 10))
		params.Set("Nonce", "1")
		params.Set("SignatureMethod", tcsms.HmacSHA1)
		sig, _ := tcsms.SignV1(fakeserver.DefaultSecretKey, tcsms.HmacSHA1, tcsms.V1StringToSign(method, host, params))
		params.Set("Signature", sig)
		if method == http.MethodGet {
			query, body = params.Encode(), nil
		} else {
			query, body = "", []byte(params.Encode())
		}
		contentType = "application/x-www-form-urlencoded"
	}
	target := "http://" + host + "/"
	if query != "" {
		target += "?" + query
	}
	req, err := http.NewRequest(method, target, bytes.NewReader(body))
	if err != nil {
		return nil
	}
	req.Header.Set("Content-Type", contentType)
	if mode%6 <= 1 {
		p := tcsms.TC3Params{Method: method, Host: host, CanonicalQuery: req.URL.RawQuery, ContentType: contentType,
			Service: "sms", Payload: body, Timestamp: now.Unix()}
		req.Header.Set("X-TC-Action", action)
		req.Header.Set("X-TC-Version", fakeserver.APIVersion)
		req.Header.Set("X-TC-Timestamp", strconv.FormatInt(now.Unix(), 10))
		req.Header.Set("Authorization", tcsms.TC3Authorization(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey, p))
	}
	return req
}
