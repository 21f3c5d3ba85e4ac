package fakeserver

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func TestUnflatten(t *testing.T) {
	sendType := reflect.TypeFor[sms.SendSmsRequestParams]()
	multiType := reflect.TypeFor[sms.SendMultiGlobalSmsRequestParams]()
	listType := reflect.TypeFor[sms.DescribeSmsTemplateListRequestParams]()
	for _, tc := range []struct {
		name  string
		typ   reflect.Type
		query string
		want  string // JSON, or "" when code is set
		code  string
	}{
		{"strings stay strings", sendType, "SmsSdkAppId=1400006666&TemplateId=007&PhoneNumberSet.0=%2B8613800000000",
			`{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"007"}`, ""},
		{"sparse indexes keep order", sendType, "TemplateParamSet.10=c&TemplateParamSet.2=b&TemplateParamSet.0=a",
			`{"TemplateParamSet":["a","b","c"]}`, ""},
		{"escapes", sendType, "SessionContext=%22%5C%0A%3C",
			`{"SessionContext":"\"\\\u000a<"}`, ""},
		{"empty value in list", sendType, "TemplateParamSet.0=&TemplateParamSet.1=x", `{"TemplateParamSet":["","x"]}`, ""},
		{"structs in lists", multiType, "MultiSmsInfoSet.0.PhoneNumber=%2B14155550100&MultiSmsInfoSet.0.TemplateParamSet.0=1&SmsSdkAppId=1",
			`{"MultiSmsInfoSet":[{"PhoneNumber":"+14155550100","TemplateParamSet":["1"]}],"SmsSdkAppId":"1"}`, ""},
		{"uint64 list", listType, "International=0&TemplateIdSet.0=12&TemplateIdSet.1=0013",
			`{"International":0,"TemplateIdSet":[12,13]}`, ""},
		{"negative uint", listType, "International=-1", "", "InvalidParameter"},
		{"float for uint", listType, "Limit=1.0", "", "InvalidParameter"},
		{"overflow", listType, "Limit=18446744073709551616", "", "InvalidParameter"},
		{"scalar for list", sendType, "PhoneNumberSet=1", "", "InvalidParameter"},
		{"index with sign", sendType, "PhoneNumberSet.+1=1", "", "InvalidParameter"},
		{"index with leading zero", sendType, "PhoneNumberSet.01=1", "", "InvalidParameter"},
		{"path below scalar", sendType, "SmsSdkAppId.0=1", "", "InvalidParameter"},
		{"scalar for struct", multiType, "MultiSmsInfoSet.0=1", "", "InvalidParameter"},
		{"unknown", sendType, "Foo=1", "", "UnknownParameter"},
		{"unknown nested", multiType, "MultiSmsInfoSet.0.Foo=1", "", "UnknownParameter"},
		{"empty name", sendType, "=1", "", "UnknownParameter"},
	} {
		form, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, apiErr := unflatten(form, tc.typ)
		if tc.code != "" {
			if apiErr == nil || apiErr.Code != tc.code {
				t.Errorf("%s: %s, %v; want code %s", tc.name, got, apiErr, tc.code)
			}
			continue
		}
		if apiErr != nil || string(got) != tc.want {
			t.Errorf("%s: %s, %v; want %s", tc.name, got, apiErr, tc.want)
		}
	}
}

// FuzzUnflatten checks that any query either fails with a Tencent code or
// yields valid JSON that the SDK's model accepts.
func FuzzUnflatten(f *testing.F) {
	for _, seed := range []string{
		"PhoneNumberSet.0=%2B8613800000000&SmsSdkAppId=1&TemplateId=1&TemplateParamSet.0=4370",
		"MultiSmsInfoSet.0.PhoneNumber=1&MultiSmsInfoSet.3.TemplateParamSet.1=%00",
		"TemplateIdSet.0=1&International=0&Limit=100",
		"a.b.c=1&..=&PhoneNumberSet.99999999999999999999=1",
	} {
		f.Add(seed)
	}
	types := []reflect.Type{
		reflect.TypeFor[sms.SendSmsRequestParams](),
		reflect.TypeFor[sms.SendMultiGlobalSmsRequestParams](),
		reflect.TypeFor[sms.DescribeSmsTemplateListRequestParams](),
	}
	f.Fuzz(func(t *testing.T, query string) {
		form, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		for _, typ := range types {
			got, apiErr := unflatten(form, typ)
			if apiErr != nil {
				if apiErr.Code != "InvalidParameter" && apiErr.Code != "UnknownParameter" {
					t.Fatalf("unexpected code %s", apiErr.Code)
				}
				continue
			}
			if !json.Valid(got) {
				t.Fatalf("invalid JSON %q from %q", got, query)
			}
			v := reflect.New(typ).Interface()
			if err := decodeParams(&apiCall{json: got}, v); err != nil {
				t.Fatalf("SDK model rejects %s: %v", got, err)
			}
		}
	})
}

func TestSerialsRoundTrip(t *testing.T) {
	s, other := newSerials(), newSerials()
	for _, seq := range []uint64{1, 2, 999, 1 << 40} {
		for _, mainland := range []bool{true, false} {
			sn := s.serialNo(seq, mainland)
			if got, ok := s.seqOf(sn); !ok || got != seq {
				t.Errorf("seqOf(%q) = %d, %v; want %d", sn, got, ok, seq)
			}
			if s.salt != other.salt {
				if _, ok := other.seqOf(sn); ok {
					t.Errorf("another server accepts %q", sn)
				}
			}
			if mainland && (len(sn) != 33 || sn[:5] != "2433:") {
				t.Errorf("mainland serial %q", sn)
			}
		}
	}
	for _, bad := range []string{"", "2433:", "2433:12", "not-a-uuid", "00000000-0000-4000-8000-000000000001"} {
		if _, ok := s.seqOf(bad); ok {
			t.Errorf("seqOf(%q) accepted", bad)
		}
	}
}

// TestStoreHeapPerMessage checks the store's footprint: issue 3 asks for at
// most 200 bytes of heap per held message (see BenchmarkHeapPerMessage for
// the 1,000,000-message figure).
func TestStoreHeapPerMessage(t *testing.T) {
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	if got := heapPerMessage(t, n); got > 200 {
		t.Errorf("%.0f bytes of heap per held message, want at most 200", got)
	}
}

func heapPerMessage(t testing.TB, n int) float64 {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &sms.SendSmsRequestParams{
		PhoneNumberSet:   []*string{ptr("")},
		SmsSdkAppId:      ptr("1400006666"),
		TemplateId:       ptr("100001"),
		SignName:         ptr("Notifier"),
		TemplateParamSet: []*string{ptr("")},
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		*p.PhoneNumberSet[0] = "+86138" + strconv.Itoa(10_000_000+i%90_000_000)
		*p.TemplateParamSet[0] = strconv.Itoa(100_000 + i%900_000)
		if _, err := s.sendSms(nil, p); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	if got := len(s.Messages()); got != n {
		t.Fatalf("%d messages held, want %d", got, n)
	}
	return (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(n)
}

func BenchmarkHeapPerMessage(b *testing.B) {
	for b.Loop() {
		b.ReportMetric(heapPerMessage(b, 1_000_000), "heapB/msg")
	}
}

// FuzzFastDecode is a differential test: whenever the fast path decodes a
// body, encoding/json must decode it to exactly the same value without
// error.
func FuzzFastDecode(f *testing.F) {
	for _, seed := range []string{
		`{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"腾讯云","TemplateParamSet":["4370"],"SessionContext":"ctx"}`,
		`{"International":0,"TemplateIdSet":[1,2,3],"Limit":100,"Offset":0}`,
		` { "Limit" : 10 , "SmsSdkAppId":"1" } `,
		`{"PhoneNumberSet":[],"TemplateParamSet":["",""]}`,
		`{"Limit":-1}`, `{"Limit":01}`, `{"Limit":1e2}`, `{"limit":1}`, `{"Limit":1,"Limit":2}`,
		`{"SignName":"a\u0041"}`, `{"SignName":"\xff"}`, `{"StatusCode":-5}`, `{}`, `[]`, `null`,
	} {
		f.Add([]byte(seed))
	}
	newTargets := func() []any {
		return []any{
			&sms.SendSmsRequestParams{}, &sms.DescribeSmsTemplateListRequestParams{},
			&sms.PullSmsSendStatusRequestParams{}, &sms.DescribeTemplateListStatus{},
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, slow := newTargets(), newTargets()
		for i := range fast {
			if !fastDecode(body, fast[i]) {
				if !reflect.DeepEqual(fast[i], slow[i]) {
					t.Fatalf("fast path failed but changed %T", fast[i])
				}
				continue
			}
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(slow[i]); err != nil {
				t.Fatalf("fast path accepted %q, encoding/json says %v", body, err)
			}
			if _, err := dec.Token(); err != io.EOF {
				t.Fatalf("fast path accepted trailing data in %q", body)
			}
			if !reflect.DeepEqual(fast[i], slow[i]) {
				a, _ := json.Marshal(fast[i])
				b, _ := json.Marshal(slow[i])
				t.Fatalf("%q: fast %s, encoding/json %s", body, a, b)
			}
		}
	})
}
