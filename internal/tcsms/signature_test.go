package tcsms

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier"
)

const (
	testID  = "AKIDEXAMPLE"
	testKey = "SECRETKEYEXAMPLE"
)

// Vectors from §2.3 and §2.4 of the reference (real SDK captures).
var (
	vectorABody = []byte(`{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"腾讯云","TemplateParamSet":["4370"],"SessionContext":"ctx"}`)
	vectorA     = TC3Params{Method: "POST", Host: "sms.tencentcloudapi.com", ContentType: "application/json", Service: "sms", Payload: vectorABody, Timestamp: 1795715749}
	vectorAAuth = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=549a8496c75862d322c35ae09a9c16c95ba1f229f66c9d3bedc7be384676dd3a"

	vectorBQuery = "PhoneNumberSet.0=%2B8613800000000&SessionContext=ctx&SignName=%E8%85%BE%E8%AE%AF%E4%BA%91&SmsSdkAppId=1400006666&TemplateId=1110&TemplateParamSet.0=4370"
	vectorB      = TC3Params{Method: "GET", Host: "sms.tencentcloudapi.com", CanonicalQuery: vectorBQuery, ContentType: "application/x-www-form-urlencoded", Service: "sms", Timestamp: 1795715751}

	vectorCBody = []byte(`{"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1110","TemplateParamSet":["4370"],"PhoneNumberSet":["+8613800000000"]}`)
	vectorC     = TC3Params{Method: "POST", Host: "127.0.0.1", ContentType: "application/json", Service: "127", Payload: vectorCBody, Timestamp: 1795715814}

	vectorDBody = "Action=SendSms&Language=zh-CN&Nonce=2692892848843350148&PhoneNumberSet.0=%2B8613800000000&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.155&SecretId=AKIDEXAMPLE&SessionContext=ctx&SignName=%E8%85%BE%E8%AE%AF%E4%BA%91&Signature=UmJzPtMuNZQQfJSXfkpXgBSbU40%3D&SignatureMethod=HmacSHA1&SmsSdkAppId=1400006666&TemplateId=1110&TemplateParamSet.0=4370&Timestamp=1795715751&Version=2021-01-11"
	vectorDSTS  = "POSTsms.tencentcloudapi.com/?Action=SendSms&Language=zh-CN&Nonce=2692892848843350148&PhoneNumberSet.0=+8613800000000&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.155&SecretId=AKIDEXAMPLE&SessionContext=ctx&SignName=腾讯云&SignatureMethod=HmacSHA1&SmsSdkAppId=1400006666&TemplateId=1110&TemplateParamSet.0=4370&Timestamp=1795715751&Version=2021-01-11"
)

func vectorE(t testing.TB) url.Values {
	t.Helper()
	p := mustQuery(t, vectorDBody)
	p.Set("Nonce", "5898889213439796284")
	p.Set("SignatureMethod", HmacSHA256)
	p.Set("Signature", "Zko0o6ca1AfjURb6wuVX4QzyJOTvaIJKiZ2TGS7cwF4=")
	return p
}

func mustQuery(t testing.TB, s string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func replay() Verifier {
	return Verifier{Secret: staticSecret, MaxSkew: -1}
}

func staticSecret(id string) (string, bool) {
	if id == testID {
		return testKey, true
	}
	return "", false
}

func tc3Header(p TC3Params, authz string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", p.ContentType)
	h.Set("Host", p.Host)
	h.Set("X-TC-Action", "SendSms")
	h.Set("X-TC-Timestamp", formatInt(p.Timestamp))
	h.Set("Authorization", authz)
	return h
}

func TestSignTC3Vectors(t *testing.T) {
	tests := []struct {
		name string
		p    TC3Params
		want string
	}{
		{"A Go POST", vectorA, "549a8496c75862d322c35ae09a9c16c95ba1f229f66c9d3bedc7be384676dd3a"},
		{"B Go GET", vectorB, "f13531ce0b464f469ec47f6b14b1b9f79e3d2161802e449c82da7e2128405436"},
		{"C Node POST", vectorC, "a3c0ce6312d22052a69ae65ed10e87099efb95b16212881a9436b5a60657b845"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SignTC3(testKey, tt.p); got != tt.want {
				t.Errorf("SignTC3 = %s, want %s", got, tt.want)
			}
		})
	}
	withPort := vectorC
	withPort.Host = "127.0.0.1:43419"
	if got := SignTC3(testKey, withPort); !strings.HasPrefix(got, "a37f0ad4") || !strings.HasSuffix(got, "88d5") {
		t.Errorf("vector C with port = %s, want a37f0ad4…88d5", got)
	}
}

func TestTC3IntermediateValues(t *testing.T) {
	// The key chain of vector A, so a wrong step is pinpointed.
	if got := sha256Hex(vectorABody); got != "adb13131ff6ca5154ae9387df0ae46c497fa9e95df8622d582a99aa8741c51cf" {
		t.Errorf("body hash = %s", got)
	}
	cr := appendCanonicalRequest(nil, "POST", "", []string{"content-type", "host"},
		[]string{"application/json", "sms.tencentcloudapi.com"}, SignedHeaders, []byte(sha256Hex(vectorABody)))
	if want := "POST\n/\n\ncontent-type:application/json\nhost:sms.tencentcloudapi.com\n\ncontent-type;host\n" + sha256Hex(vectorABody); string(cr) != want {
		t.Errorf("canonical request = %q", cr)
	}
	if got := sha256Hex(cr); got != "47baedd4e4763d8aeaa9eaa0a71e0dd9ccb931b6c7245050910694f13fda7c7b" {
		t.Errorf("canonical request hash = %s", got)
	}
	kDate := hmacSHA256([]byte("TC3"+testKey), "2026-11-26")
	if got := hexOf(kDate); got != "19acecc379ec9648b8f67cede7cab2733046056c0d06c1413e5c8e876e487e57" {
		t.Errorf("kDate = %s", got)
	}
	if got := hexOf(signingKey(testKey, "2026-11-26", "sms")); got != "9c20f482af16b9d2b7e5f0e0975acb2b81dad74c3bb5e7ad25313d68175d12eb" {
		t.Errorf("kSigning = %s", got)
	}
}

func TestTC3Authorization(t *testing.T) {
	if got := TC3Authorization(testID, testKey, vectorA); got != vectorAAuth {
		t.Errorf("TC3Authorization =\n%s\nwant\n%s", got, vectorAAuth)
	}
}

func TestParseTC3Authorization(t *testing.T) {
	a, err := ParseTC3Authorization(vectorAAuth)
	if err != nil {
		t.Fatal(err)
	}
	if a.SecretID != testID || a.Date != "2026-11-26" || a.Service != "sms" ||
		strings.Join(a.SignedHeaders, ";") != SignedHeaders || len(a.Signature) != 64 {
		t.Errorf("parsed %+v", a)
	}
	// The caller owns SignedHeaders: changing them changes no later parse.
	a.SignedHeaders[0] = "x-changed"
	if again, _ := ParseTC3Authorization(vectorAAuth); again.SignedHeaders[0] != "content-type" {
		t.Errorf("SignedHeaders shared between parses: %q", again.SignedHeaders)
	}
	// Reordered parameters and no spaces after commas are accepted.
	if _, err := ParseTC3Authorization("TC3-HMAC-SHA256 Signature=ab,SignedHeaders=Content-Type;Host,Credential=X/2026-11-26/sms/tc3_request"); err != nil {
		t.Errorf("reordered: %v", err)
	}
	bad := []string{
		"",
		"TC3-HMAC-SHA256",
		"TC3-HMAC-SHA256 ",
		"HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_requestx, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-13-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26//tc3_request, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=A/B/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;;host, Signature=ab",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab, Signature=cd",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host, Signature=ab, Extra=1",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request SignedHeaders=content-type;host Signature=ab",
	}
	for _, h := range bad {
		_, err := ParseTC3Authorization(h)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidAuthorization {
			t.Errorf("ParseTC3Authorization(%q) = %v, want %s", h, err, CodeInvalidAuthorization)
		}
	}
}

func TestVerifyTC3Vectors(t *testing.T) {
	tests := []struct {
		name    string
		p       TC3Params
		authz   string
		hosts   []string
		service string
	}{
		{"A", vectorA, vectorAAuth, Candidates("sms.tencentcloudapi.com"), "sms"},
		{"A via ApigwEndpoint", vectorA, vectorAAuth, Candidates("127.0.0.1:8080"), "sms"},
		{"B", vectorB, TC3Authorization(testID, testKey, vectorB), Candidates("sms.tencentcloudapi.com"), "sms"},
		{"C Node without port", vectorC, "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/127/tc3_request, SignedHeaders=content-type;host, Signature=a3c0ce6312d22052a69ae65ed10e87099efb95b16212881a9436b5a60657b845", Candidates("127.0.0.1:43419"), "127"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tc3Header(tt.p, tt.authz)
			id, svc, err := replay().VerifyTC3(tt.p.Method, h, tt.p.CanonicalQuery, tt.p.Payload, tt.hosts)
			if err != nil || id != testID || svc != tt.service {
				t.Fatalf("VerifyTC3 = %q, %q, %v", id, svc, err)
			}
		})
	}
	if !strings.Contains(tests[2].authz, "f13531ce0b464f469ec47f6b14b1b9f79e3d2161802e449c82da7e2128405436") {
		t.Errorf("vector B authorization: %s", tests[2].authz)
	}
}

// signedRequest builds a fresh TC3 POST signed now by testKey.
func signedRequest(now time.Time) (TC3Params, http.Header) {
	p := vectorA
	p.Timestamp = now.Unix()
	return p, tc3Header(p, TC3Authorization(testID, testKey, p))
}

func TestVerifyTC3Failures(t *testing.T) {
	now := time.Unix(1795715749, 0)
	v := Verifier{Secret: staticSecret, Now: func() time.Time { return now }}
	hosts := Candidates("sms.tencentcloudapi.com")
	tests := []struct {
		name   string
		mutate func(p *TC3Params, h http.Header)
		code   string
	}{
		{"ok", func(p *TC3Params, h http.Header) {}, ""},
		{"lowercase header names", func(p *TC3Params, h http.Header) {
			for k, vs := range h {
				delete(h, k)
				h[strings.ToLower(k)] = vs
			}
		}, ""},
		{"missing Authorization", func(p *TC3Params, h http.Header) { h.Del("Authorization") }, CodeInvalidAuthorization},
		{"garbage Authorization", func(p *TC3Params, h http.Header) { h.Set("Authorization", "Bearer x") }, CodeInvalidAuthorization},
		{"missing timestamp", func(p *TC3Params, h http.Header) { h.Del("X-TC-Timestamp") }, CodeMissingParameter},
		{"non-integer timestamp", func(p *TC3Params, h http.Header) { h.Set("X-TC-Timestamp", "12x") }, CodeInvalidParameter},
		{"unknown SecretId", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", TC3Authorization("AKIDOTHER", testKey, *p))
		}, CodeSecretIDNotFound},
		{"wrong key", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", TC3Authorization(testID, "WRONG", *p))
		}, CodeSignatureFailure},
		{"stale by 301 s", func(p *TC3Params, h http.Header) {
			p.Timestamp -= 301
			h.Set("X-TC-Timestamp", formatInt(p.Timestamp))
			h.Set("Authorization", TC3Authorization(testID, testKey, *p))
		}, CodeSignatureExpire},
		{"future by 301 s", func(p *TC3Params, h http.Header) {
			p.Timestamp += 301
			h.Set("X-TC-Timestamp", formatInt(p.Timestamp))
			h.Set("Authorization", TC3Authorization(testID, testKey, *p))
		}, CodeSignatureExpire},
		{"skew of 300 s is fine", func(p *TC3Params, h http.Header) {
			p.Timestamp -= 300
			h.Set("X-TC-Timestamp", formatInt(p.Timestamp))
			h.Set("Authorization", TC3Authorization(testID, testKey, *p))
		}, ""},
		{"extreme timestamp", func(p *TC3Params, h http.Header) { h.Set("X-TC-Timestamp", "-9223372036854775808") }, CodeSignatureExpire},
		{"scope date differs", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", strings.Replace(h.Get("Authorization"), "2026-11-26", "2026-11-25", 1))
		}, CodeSignatureFailure},
		{"host not signed", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", strings.Replace(h.Get("Authorization"), "content-type;host", "content-type", 1))
		}, CodeSignatureFailure},
		{"body changed", func(p *TC3Params, h http.Header) { p.Payload = append([]byte(nil), ' ') }, CodeSignatureFailure},
		{"content type changed", func(p *TC3Params, h http.Header) { h.Set("Content-Type", "text/plain") }, CodeSignatureFailure},
		{"method changed", func(p *TC3Params, h http.Header) { p.Method = "GET" }, CodeSignatureFailure},
		{"signature not hex", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", strings.Replace(h.Get("Authorization"), "Signature=", "Signature=zz", 1))
		}, CodeSignatureFailure},
		{"unsigned payload", func(p *TC3Params, h http.Header) {
			p.UnsignedPayload = true
			h.Set("X-TC-Content-SHA256", UnsignedPayload)
			h.Set("Authorization", TC3Authorization(testID, testKey, *p))
			p.Payload = []byte("anything at all")
		}, ""},
		{"unsigned payload header missing", func(p *TC3Params, h http.Header) {
			p.UnsignedPayload = true
			h.Set("Authorization", TC3Authorization(testID, testKey, *p))
		}, CodeSignatureFailure},
		{"uppercase signature hex", func(p *TC3Params, h http.Header) {
			a := h.Get("Authorization")
			i := strings.Index(a, "Signature=") + len("Signature=")
			h.Set("Authorization", a[:i]+strings.ToUpper(a[i:]))
		}, ""},
		{"x-tc-action signed too", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", tc3AuthorizationWithAction(*p, h.Get("X-TC-Action")))
		}, ""},
		{"x-tc-action signed, lowercase header names", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", tc3AuthorizationWithAction(*p, h.Get("X-TC-Action")))
			for k, vs := range h {
				delete(h, k)
				h[strings.ToLower(k)] = vs
			}
		}, ""},
		{"x-tc-action signed, other value sent", func(p *TC3Params, h http.Header) {
			h.Set("Authorization", tc3AuthorizationWithAction(*p, "PullSmsSendStatus"))
		}, CodeSignatureFailure},
		{"docs-style lowercased content type", func(p *TC3Params, h http.Header) {
			q := *p
			q.ContentType = "application/json; charset=utf-8"
			h.Set("Authorization", TC3Authorization(testID, testKey, q))
			h.Set("Content-Type", "Application/JSON; charset=utf-8")
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, h := signedRequest(now)
			tt.mutate(&p, h)
			id, svc, err := v.VerifyTC3(p.Method, h, p.CanonicalQuery, p.Payload, hosts)
			checkCode(t, err, tt.code)
			if tt.code == "" && (id != testID || svc != "sms") {
				t.Errorf("got %q, %q", id, svc)
			}
			if err != nil && (strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), SignTC3(testKey, p))) {
				t.Errorf("error leaks a secret: %v", err)
			}
		})
	}
}

func TestVerifyTC3HostCandidates(t *testing.T) {
	p := vectorA
	p.Host = "127.0.0.1:8080"
	h := tc3Header(p, TC3Authorization(testID, testKey, p))
	if _, _, err := replay().VerifyTC3("POST", h, "", p.Payload, []string{"sms.tencentcloudapi.com"}); err == nil {
		t.Error("accepted a host not among the candidates")
	}
	if _, _, err := replay().VerifyTC3("POST", h, "", p.Payload, nil); err != nil {
		t.Errorf("nil hosts should fall back to the Host header: %v", err)
	}
}

func checkCode(t *testing.T, err error, code string) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	if apiErr.Message == "" {
		t.Errorf("empty message for %s", code)
	}
}

func TestV1Vectors(t *testing.T) {
	d := mustQuery(t, vectorDBody)
	if got := V1StringToSign("POST", "sms.tencentcloudapi.com", d); got != vectorDSTS {
		t.Errorf("V1StringToSign =\n%s\nwant\n%s", got, vectorDSTS)
	}
	sig, err := SignV1(testKey, HmacSHA1, vectorDSTS)
	if err != nil || sig != "UmJzPtMuNZQQfJSXfkpXgBSbU40=" {
		t.Errorf("SignV1 D = %q, %v", sig, err)
	}
	e := vectorE(t)
	sts := V1StringToSign("GET", "sms.tencentcloudapi.com", e)
	if !strings.HasPrefix(sts, "GETsms.tencentcloudapi.com/?Action=SendSms&") {
		t.Errorf("E string to sign: %s", sts)
	}
	sig, err = SignV1(testKey, HmacSHA256, sts)
	if err != nil || sig != e.Get("Signature") {
		t.Errorf("SignV1 E = %q, %v", sig, err)
	}
	if _, err := SignV1(testKey, "HmacMD5", sts); err == nil {
		t.Error("SignV1 accepted HmacMD5")
	}

	for name, c := range map[string]struct {
		method string
		params url.Values
	}{"D": {"POST", d}, "E": {"GET", e}} {
		id, err := replay().VerifyV1(c.method, c.params, Candidates("sms.tencentcloudapi.com"))
		if err != nil || id != testID {
			t.Errorf("VerifyV1 %s = %q, %v", name, id, err)
		}
	}
}

func TestVerifyV1Failures(t *testing.T) {
	now := time.Unix(1795715751, 0)
	v := Verifier{Secret: staticSecret, Now: func() time.Time { return now }}
	hosts := []string{"sms.tencentcloudapi.com"}
	tests := []struct {
		name   string
		mutate func(p url.Values)
		code   string
	}{
		{"ok", func(p url.Values) {}, ""},
		{"missing SecretId", func(p url.Values) { p.Del("SecretId") }, CodeMissingParameter},
		{"missing Signature", func(p url.Values) { p.Del("Signature") }, CodeMissingParameter},
		{"missing Timestamp", func(p url.Values) { p.Del("Timestamp") }, CodeMissingParameter},
		{"missing Nonce", func(p url.Values) { p.Del("Nonce") }, CodeMissingParameter},
		{"bad Timestamp", func(p url.Values) { p.Set("Timestamp", "x") }, CodeInvalidParameter},
		{"unknown SecretId", func(p url.Values) { p.Set("SecretId", "AKIDOTHER") }, CodeSecretIDNotFound},
		{"stale", func(p url.Values) { p.Set("Timestamp", "1795715000") }, CodeSignatureExpire},
		{"tampered parameter", func(p url.Values) { p.Set("TemplateId", "1111") }, CodeSignatureFailure},
		{"added parameter", func(p url.Values) { p.Set("ExtendCode", "1") }, CodeSignatureFailure},
		{"wrong method", func(p url.Values) { p.Set("SignatureMethod", HmacSHA256) }, CodeSignatureFailure},
		{"unknown method", func(p url.Values) { p.Set("SignatureMethod", "HmacMD5") }, CodeSignatureFailure},
		{"signature not base64", func(p url.Values) { p.Set("Signature", "!!") }, CodeSignatureFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustQuery(t, vectorDBody)
			tt.mutate(p)
			id, err := v.VerifyV1("POST", p, hosts)
			checkCode(t, err, tt.code)
			if tt.code == "" && id != testID {
				t.Errorf("id = %q", id)
			}
			if err != nil && strings.Contains(err.Error(), testKey) {
				t.Errorf("error leaks the key: %v", err)
			}
		})
	}
	// Node v1 signs host:port; the candidates must cover it.
	p := mustQuery(t, vectorDBody)
	sig, _ := SignV1(testKey, HmacSHA1, V1StringToSign("POST", "127.0.0.1:34809", p))
	p.Set("Signature", sig)
	if _, err := v.VerifyV1("POST", p, Candidates("127.0.0.1:34809")); err != nil {
		t.Errorf("Node-style v1 with port: %v", err)
	}
	if _, err := v.VerifyV1("POST", p, hosts); err == nil {
		t.Error("accepted a v1 signature over a host not among the candidates")
	}
}

func TestCandidates(t *testing.T) {
	tests := []struct {
		host string
		want []string
	}{
		{"127.0.0.1:8080", []string{"127.0.0.1:8080", "127.0.0.1", DefaultHost}},
		{"sms.localhost:8080", []string{"sms.localhost:8080", "sms.localhost", DefaultHost}},
		{DefaultHost, []string{DefaultHost}},
		{"", []string{DefaultHost}},
		{"[::1]:8080", []string{"[::1]:8080", "[::1]", DefaultHost}},
	}
	for _, tt := range tests {
		if got := Candidates(tt.host); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Candidates(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func TestAPIErrorKinds(t *testing.T) {
	err := error(NewError(CodeSignatureFailure))
	if !errors.Is(err, notifier.ErrUnauthorized) || errors.Is(err, notifier.ErrRateLimited) {
		t.Errorf("errors.Is on %v", err)
	}
	if got := err.Error(); got != "AuthFailure.SignatureFailure: The provided credentials could not be validated. Please check your signature is correct." {
		t.Errorf("Error() = %q", got)
	}
	if daily := NewError(CodePhoneNumberDailyLimit); !errors.Is(daily, notifier.ErrRateLimited) || !notifier.IsTemporary(&notifier.Error{Kind: daily.Kind()}) {
		t.Errorf("%v is not a temporary rate limit", daily)
	}
	if got := Errorf("X.Y", "n=%d", 3).Error(); got != "X.Y: n=3" {
		t.Errorf("Errorf = %q", got)
	}
	if got := NewError("Made.Up").Message; got != "Made.Up" {
		t.Errorf("unknown code message = %q", got)
	}
}
