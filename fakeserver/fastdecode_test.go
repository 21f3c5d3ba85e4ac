package fakeserver

import (
	"testing"
	"unsafe"

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

// TestFastDecodeScalarsDoNotPinLists checks that a kept scalar, such as
// the SessionContext a stored record holds, shares no memory with the
// list elements (up to 200 numbers) decoded beside it.
func TestFastDecodeScalarsDoNotPinLists(t *testing.T) {
	body := []byte(`{"PhoneNumberSet":["+8613800000000","+8613800000001"],"SessionContext":"ctx","TemplateParamSet":["1234"]}`)
	var p sms.SendSmsRequestParams
	if !fastDecode(body, &p) {
		t.Fatal("fast path declined an ordinary SendSms body")
	}
	// The body puts SessionContext between the lists, so if one copy held
	// them all it would lie inside the lists' range.
	lo, hi := ^uintptr(0), uintptr(0)
	for _, list := range [][]*string{p.PhoneNumberSet, p.TemplateParamSet} {
		for _, s := range list {
			start := uintptr(unsafe.Pointer(unsafe.StringData(*s)))
			lo, hi = min(lo, start), max(hi, start+uintptr(len(*s)))
		}
	}
	if ctx := uintptr(unsafe.Pointer(unsafe.StringData(*p.SessionContext))); lo <= ctx && ctx < hi {
		t.Error("SessionContext shares its allocation with the list elements")
	}
	if *p.SessionContext != "ctx" || *p.TemplateParamSet[0] != "1234" || *p.PhoneNumberSet[1] != "+8613800000001" {
		t.Errorf("decoded %q %q %q", *p.SessionContext, *p.TemplateParamSet[0], *p.PhoneNumberSet[1])
	}
}
