package fakeserver

import (
	"testing"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// TestFastDecodeListsDoNotShareCapacity guards the slab behind the fast
// path: decoded lists share one allocation, so appending to one must not
// write into the next, and the decoded strings must not change with the
// body they were read from.
func TestFastDecodeListsDoNotShareCapacity(t *testing.T) {
	body := []byte(`{"PhoneNumberSet":["+8613800000000","+8613800000001"],"TemplateParamSet":["1234","5"],"SignName":"Notifier"}`)
	var p sms.SendSmsRequestParams
	if !fastDecode(body, &p) {
		t.Fatal("fast path declined an ordinary SendSms body")
	}
	for i := range body {
		body[i] = 'x'
	}
	p.PhoneNumberSet = append(p.PhoneNumberSet, testPtr("+8613800000002"))
	if got := testDerefAll(p.TemplateParamSet); len(got) != 2 || got[0] != "1234" || got[1] != "5" {
		t.Errorf("TemplateParamSet = %q after appending to PhoneNumberSet", got)
	}
	if got := testDerefAll(p.PhoneNumberSet); len(got) != 3 || got[0] != "+8613800000000" || got[1] != "+8613800000001" {
		t.Errorf("PhoneNumberSet = %q", got)
	}
	if p.SignName == nil || *p.SignName != "Notifier" {
		t.Errorf("SignName = %v", p.SignName)
	}
}

// testPtr and testDerefAll are local, so these tests do not depend on the
// handlers' helpers.
func testPtr[T any](v T) *T { return &v }

func testDerefAll(ps []*string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		if p != nil {
			out[i] = *p
		}
	}
	return out
}
