package fakeserver_test

import (
	"fmt"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

func TestDescribePhoneNumberInfo(t *testing.T) {
	want := []struct{ in, code, number, nation, subscriber, iso, isoName string }{
		{"+8613800000001", "Ok", "+8613800000001", "86", "13800000001", "CN", "China"},
		{"13800000002", "Ok", "+8613800000002", "86", "13800000002", "CN", "China"},
		{"+86018501234444", "Ok", "+8618501234444", "86", "18501234444", "CN", "China"},
		{"+14155550100", "Ok", "+14155550100", "1", "4155550100", "US", "United States"},
		{"12345", "InvalidParameterValue.IncorrectPhoneNumber", "12345", "", "", "", ""},
	}
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			c := newClient(t, fakeserver.Run(t), mode)
			req := sms.NewDescribePhoneNumberInfoRequest()
			for _, w := range want {
				req.PhoneNumberSet = append(req.PhoneNumberSet, common.StringPtr(w.in))
			}
			resp, err := c.DescribePhoneNumberInfo(req)
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.PhoneNumberInfoSet
			if len(set) != len(want) {
				t.Fatalf("%d entries, want %d", len(set), len(want))
			}
			for i, w := range want {
				p := set[i]
				got := []string{*p.Code, *p.PhoneNumber, *p.NationCode, *p.SubscriberNumber, *p.IsoCode, *p.IsoName}
				if fmt.Sprint(got) != fmt.Sprint([]string{w.code, w.number, w.nation, w.subscriber, w.iso, w.isoName}) {
					t.Errorf("%s: %q", w.in, got)
				}
				if w.code == "Ok" && *p.Message != "Describe success" || w.code != "Ok" && *p.Message == "" {
					t.Errorf("%s: Message %q", w.in, *p.Message)
				}
			}
		})
	}
}

func TestDescribePhoneNumberInfoErrors(t *testing.T) {
	c := newClient(t, fakeserver.Run(t), signModes[3])
	many := make([]string, 201)
	for i := range many {
		many[i] = fmt.Sprintf("+86138%08d", i)
	}
	for _, tc := range []struct {
		name    string
		numbers []string
		code    string
	}{
		{"201 numbers", many, "LimitExceeded.PhoneNumberCountLimit"},
		{"none", nil, "MissingParameter"},
	} {
		req := sms.NewDescribePhoneNumberInfoRequest()
		req.PhoneNumberSet = common.StringPtrs(tc.numbers)
		_, err := c.DescribePhoneNumberInfo(req)
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
		}
	}
	req := sms.NewDescribePhoneNumberInfoRequest()
	req.PhoneNumberSet = common.StringPtrs(many[:200])
	if resp, err := c.DescribePhoneNumberInfo(req); err != nil || len(resp.Response.PhoneNumberInfoSet) != 200 {
		t.Errorf("200 numbers: %v", err)
	}
}
