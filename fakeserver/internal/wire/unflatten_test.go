package wire

import (
	"encoding/json"
	"net/url"
	"reflect"
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
			`{"SessionContext":"\"\\\n<"}`, ""},
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
			if err := decodeParams(got, v); err != nil {
				t.Fatalf("SDK model rejects %s: %v", got, err)
			}
		}
	})
}
