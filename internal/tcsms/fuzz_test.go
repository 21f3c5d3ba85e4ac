package tcsms

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notifykit/notifier"
)

// requireAPIError fails unless err is an *APIError whose code is in the table.
func requireAPIError(t *testing.T, err error) {
	t.Helper()
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	if _, ok := Lookup(apiErr.Code); !ok {
		t.Fatalf("error code %q is not in the table", apiErr.Code)
	}
	if strings.Contains(apiErr.Message, testKey) {
		t.Fatalf("error leaks the secret key: %v", err)
	}
}

func FuzzParseTC3Authorization(f *testing.F) {
	f.Add(vectorAAuth)
	f.Add("TC3-HMAC-SHA256 Signature=ab,SignedHeaders=Content-Type;Host,Credential=X/2026-11-26/sms/tc3_request")
	f.Add("TC3-HMAC-SHA256 Credential=A/2026-11-26/sms/tc3_request, SignedHeaders=;, Signature=,")
	f.Add("")
	f.Fuzz(func(t *testing.T, h string) {
		a, err := ParseTC3Authorization(h)
		if err != nil {
			requireAPIError(t, err)
			return
		}
		if a.SecretID == "" || a.Service == "" || a.Signature == "" || len(a.SignedHeaders) == 0 || len(a.Date) != 10 {
			t.Fatalf("accepted %q as %+v", h, a)
		}
		for _, s := range a.SignedHeaders {
			if s == "" || s != strings.ToLower(s) {
				t.Fatalf("signed header %q", s)
			}
		}
	})
}

func FuzzVerifyTC3(f *testing.F) {
	f.Add("POST", vectorAAuth, "1795715749", "application/json", "", vectorABody, "", "sms.tencentcloudapi.com")
	f.Add("GET", TC3Authorization(testID, testKey, vectorB), "1795715751", vectorB.ContentType, vectorBQuery, []byte(nil), "", "sms.tencentcloudapi.com")
	f.Add("POST", vectorAAuth, "1795715749", "application/json", "", []byte("x"), UnsignedPayload, "127.0.0.1:8080")
	f.Add("POST", "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-26/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=00", "1795715749", "", "", []byte{}, "", "")
	f.Fuzz(func(t *testing.T, method, authz, ts, contentType, query string, body []byte, sha, host string) {
		h := http.Header{}
		h.Set("Authorization", authz)
		h.Set("X-TC-Timestamp", ts)
		h.Set("Content-Type", contentType)
		h.Set("X-TC-Content-SHA256", sha)
		for _, v := range []Verifier{replay(), {Secret: staticSecret}} {
			id, svc, err := v.VerifyTC3(method, h, query, body, Candidates(host))
			if err != nil {
				requireAPIError(t, err)
				continue
			}
			if id != testID || svc == "" {
				t.Fatalf("accepted with id %q service %q", id, svc)
			}
		}
	})
}

func FuzzVerifyV1(f *testing.F) {
	f.Add("POST", vectorDBody, "sms.tencentcloudapi.com")
	e := url.Values{}
	f.Add("GET", e.Encode(), "")
	f.Add("POST", strings.Replace(vectorDBody, "HmacSHA1", "HmacSHA256", 1), "127.0.0.1:34809")
	f.Add("POST", "SecretId=AKIDEXAMPLE&Signature=&Timestamp=1&Nonce=1", "")
	f.Fuzz(func(t *testing.T, method, form, host string) {
		params, err := url.ParseQuery(form)
		if err != nil {
			return
		}
		for _, v := range []Verifier{replay(), {Secret: staticSecret}} {
			id, err := v.VerifyV1(method, params, Candidates(host))
			if err != nil {
				requireAPIError(t, err)
				continue
			}
			if id != testID {
				t.Fatalf("accepted with id %q", id)
			}
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"+8613800000000", "008613800000000", "8613800000000", "13800000000",
		"+86018501234444", "+14155550100", "+85261234567", "+8821612345678", "12345", "+", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if err != nil {
			requireAPIError(t, err)
			if !errors.Is(err, notifier.ErrInvalidRecipient) {
				t.Fatalf("error %v is not ErrInvalidRecipient", err)
			}
			return
		}
		if notifier.CheckNumber(n.E164) != nil {
			t.Fatalf("%q normalised to %q, not E.164", s, n.E164)
		}
		if n.E164 != "+"+n.CountryCode+n.Subscriber || n.IsoCode == "" {
			t.Fatalf("inconsistent %+v", n)
		}
		if n.Mainland && (len(n.Subscriber) != 11 || n.Subscriber[0] != '1') {
			t.Fatalf("bad mainland number %+v", n)
		}
		again, err := ParseNumber(n.E164)
		if err != nil || again != n {
			t.Fatalf("not idempotent: %+v then %+v, %v", n, again, err)
		}
	})
}

func FuzzRender(f *testing.F) {
	f.Add("Your code is {1}, valid {2} minutes.", "4370")
	f.Add("{1}{3}", "")
	f.Add("{01}{0}{99999}", "x")
	f.Fuzz(func(t *testing.T, content, param string) {
		n, err := Placeholders(content)
		if err != nil {
			requireAPIError(t, err)
			return
		}
		params := make([]string, n)
		for i := range params {
			params[i] = param
		}
		out, err := Render(content, params)
		if err != nil {
			t.Fatalf("Render with %d params: %v", n, err)
		}
		if n == 0 && out != content {
			t.Fatalf("Render changed a template without variables")
		}
		if utf8.ValidString(content) && utf8.ValidString(param) && !utf8.ValidString(out) {
			t.Fatalf("Render produced invalid UTF-8")
		}
		if _, err := Render(content, append(params, "extra")); err == nil {
			t.Fatal("Render accepted one parameter too many")
		}
	})
}
