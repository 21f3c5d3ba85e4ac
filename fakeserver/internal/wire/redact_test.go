package wire

import (
	"net/http"
	"testing"
)

// TestRedaction pins what the send log hides: a TC3 Signature (in any
// position and case), v1 Signature and Token parameters, the session token
// header and cookies, while keeping the SecretId and everything else byte
// for byte.
func TestRedaction(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"TC3-HMAC-SHA256 Credential=AKID/2026-01-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=abc123",
			"TC3-HMAC-SHA256 Credential=AKID/2026-01-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=[redacted]"},
		{"TC3-HMAC-SHA256 Signature=abc,Credential=AKID/x", "TC3-HMAC-SHA256 Signature=[redacted],Credential=AKID/x"},
		{"TC3-HMAC-SHA256 signature=abc", "TC3-HMAC-SHA256 signature=[redacted]"},
		{"TC3-HMAC-SHA256 Credential=AKIDSignature=x/d, Signature=abc", "TC3-HMAC-SHA256 Credential=AKIDSignature=x/d, Signature=[redacted]"},
		{"garbage", Redacted},
	} {
		if got := redactAuthorization(tc.in); got != tc.want {
			t.Errorf("redactAuthorization(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"Action=SendSms&Signature=c2ln%3D&SecretId=AKID&Token=tok", "Action=SendSms&Signature=%5Bredacted%5D&SecretId=AKID&Token=%5Bredacted%5D"},
		{"Sig%6Eature=x&a=1", "Sig%6Eature=%5Bredacted%5D&a=1"},
		{"PhoneNumberSet.0=%2B86138&TemplateId=1", "PhoneNumberSet.0=%2B86138&TemplateId=1"},
		{"", ""},
	} {
		if got := RedactForm(tc.in); got != tc.want {
			t.Errorf("RedactForm(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	r, _ := http.NewRequest("POST", "http://sms.tencentcloudapi.com/", nil)
	r.Header = http.Header{
		"Authorization": {"TC3-HMAC-SHA256 Credential=AKID/d/sms/tc3_request, Signature=s"},
		"X-Tc-Token":    {"secret-token"}, "Cookie": {"fakeserver_token=t"}, "X-Tc-Action": {"SendSms"}, "Accept": {"*/*"},
	}
	want := "Host: sms.tencentcloudapi.com\nAuthorization: TC3-HMAC-SHA256 Credential=AKID/d/sms/tc3_request, Signature=[redacted]\n" +
		"X-TC-Action: SendSms\nX-TC-Token: [redacted]"
	if h := RedactHeader(r); h != want {
		t.Errorf("redactHeader = %q, want %q", h, want)
	}
}
