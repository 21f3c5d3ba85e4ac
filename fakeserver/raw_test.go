package fakeserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

// envelope is the Tencent response envelope, for raw-request tests.
type envelope struct {
	Response struct {
		Error *struct {
			Code    string
			Message string
		}
		RequestId string
	}
}

// rawCall describes a hand-built request, for what the SDK cannot send.
type rawCall struct {
	method  string // default POST
	action  string // default SendSms
	version string // default APIVersion
	body    string // TC3 POST body or v1 form extras
	query   string // TC3 GET query
	v1      bool   // sign with HmacSHA256 v1 instead of TC3
	key     string // default DefaultSecretKey
	ts      time.Time
}

// do sends c to h and returns the HTTP response and decoded envelope.
func (c rawCall) do(t testing.TB, h http.Handler) (*http.Response, envelope, []byte) {
	t.Helper()
	req := c.request(t)
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, req)
	var env envelope
	if err := json.Unmarshal([]byte(rec.body.String()), &env); err != nil {
		t.Fatalf("answer is not JSON: %v: %q", err, rec.body.String())
	}
	resp := &http.Response{StatusCode: rec.status, Header: rec.header, Body: io.NopCloser(strings.NewReader(""))}
	return resp, env, []byte(rec.body.String())
}

func (c rawCall) request(t testing.TB) *http.Request {
	t.Helper()
	if c.method == "" {
		c.method = http.MethodPost
	}
	if c.action == "" {
		c.action = "SendSms"
	}
	if c.version == "" {
		c.version = fakeserver.APIVersion
	}
	if c.key == "" {
		c.key = fakeserver.DefaultSecretKey
	}
	if c.ts.IsZero() {
		c.ts = time.Now()
	}
	const host = "sms.tencentcloudapi.com"
	if c.v1 {
		params, err := url.ParseQuery(c.body)
		if err != nil {
			t.Fatal(err)
		}
		params.Set("Action", c.action)
		params.Set("Version", c.version)
		params.Set("SecretId", fakeserver.DefaultSecretID)
		params.Set("Timestamp", strconv.FormatInt(c.ts.Unix(), 10))
		params.Set("Nonce", "12345")
		params.Set("SignatureMethod", tcsms.HmacSHA256)
		sig, err := tcsms.SignV1(c.key, tcsms.HmacSHA256, tcsms.V1StringToSign(c.method, host, params))
		if err != nil {
			t.Fatal(err)
		}
		params.Set("Signature", sig)
		var req *http.Request
		if c.method == http.MethodGet {
			req, _ = http.NewRequest(c.method, "http://"+host+"/?"+params.Encode(), nil)
		} else {
			req, _ = http.NewRequest(c.method, "http://"+host+"/", strings.NewReader(params.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req
	}
	ct := "application/json"
	var body io.Reader
	if c.method == http.MethodGet {
		ct = "application/x-www-form-urlencoded"
	} else {
		body = strings.NewReader(c.body)
	}
	target := "http://" + host + "/"
	if c.query != "" {
		target += "?" + c.query
	}
	req, err := http.NewRequest(c.method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	p := tcsms.TC3Params{Method: c.method, Host: host, CanonicalQuery: c.query, ContentType: ct,
		Service: "sms", Payload: []byte(c.body), Timestamp: c.ts.Unix()}
	if c.method == http.MethodGet {
		p.Payload = nil
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set("X-TC-Action", c.action)
	req.Header.Set("X-TC-Version", c.version)
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(c.ts.Unix(), 10))
	req.Header.Set("Authorization", tcsms.TC3Authorization(fakeserver.DefaultSecretID, c.key, p))
	return req
}

// recorder is a minimal http.ResponseWriter (httptest would do, but this
// keeps the status default visible).
type recorder struct {
	header http.Header
	status int
	body   strings.Builder
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(s int) {
	if r.status == 0 {
		r.status = s
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.WriteString(string(b))
}

// TestEmptyListsAreArrays checks that an empty result is [] on the wire, as
// Tencent answers, although the SDK models omit empty lists.
func TestEmptyListsAreArrays(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	for _, tc := range []struct{ action, body, want string }{
		{"PullSmsSendStatus", `{"Limit":10,"SmsSdkAppId":"1400006666"}`, `"PullSmsSendStatusSet":[]`},
		{"DescribeSmsTemplateList", `{"International":0}`, `"DescribeTemplateStatusSet":[]`},
	} {
		_, env, body := rawCall{action: tc.action, body: tc.body}.do(t, srv.Handler())
		if env.Response.Error != nil || !strings.Contains(string(body), tc.want) {
			t.Errorf("%s: %s, want %s", tc.action, body, tc.want)
		}
	}
}
