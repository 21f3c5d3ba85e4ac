package actions

import (
	"errors"
	"testing"

	"github.com/notifykit/notifier/internal/tcsms"
)

func TestDialect2019(t *testing.T) {
	d := dialect2019{
		params: map[string]string{"SmsSdkAppId": "SmsSdkAppid", "BeginTime": "StartDateTime"},
		codes:  map[string]string{tcsms.CodeInvalidSignPurpose: tcsms.CodeInvalidUsedMethod},
	}
	for _, tc := range []struct{ in, want string }{
		{"The request is missing a required parameter `SmsSdkAppId`.", "The request is missing a required parameter `SmsSdkAppid`."},
		{"BeginTime is after EndTime.", "StartDateTime is after EndTime."},
		{`BeginTime "2019" is not in yyyymmddhh format.`, `StartDateTime "2019" is not in yyyymmddhh format.`},
		// Whole words only.
		{"SmsSdkAppIds BeginTimeX xBeginTime", "SmsSdkAppIds BeginTimeX xBeginTime"},
		{"签名 SmsSdkAppId，BeginTime。", "签名 SmsSdkAppid，StartDateTime。"},
		{"", ""},
	} {
		if got := d.respell(tc.in); got != tc.want {
			t.Errorf("respell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}

	err := d.err(tcsms.Errorf(tcsms.CodeInvalidSignPurpose, "SignPurpose 2 is not 0 or 1."))
	var e *tcsms.APIError
	if !errors.As(err, &e) || e.Code != tcsms.CodeInvalidUsedMethod {
		t.Errorf("renamed code: %v", err)
	}
	orig := tcsms.Errorf(tcsms.CodeMissingParameter, "`SmsSdkAppId`")
	if _ = d.err(orig); orig.Message != "`SmsSdkAppId`" {
		t.Errorf("err changed the original error: %q", orig.Message)
	}
	plain := errors.New("not an API error")
	if got := d.err(plain); got != plain {
		t.Errorf("a non-API error became %v", got)
	}
	if got := (dialect2019{}).err(orig); got != error(orig) {
		t.Errorf("the zero dialect changed %v into %v", orig, got)
	}
}
