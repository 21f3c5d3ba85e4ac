package tcsms

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/notifykit/notifier"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in                 string
		e164, cc, sub, iso string
		mainland           bool
	}{
		{"+8613800000000", "+8613800000000", "86", "13800000000", "CN", true},
		{"008613800000000", "+8613800000000", "86", "13800000000", "CN", true},
		{"8613800000000", "+8613800000000", "86", "13800000000", "CN", true},
		{"13800000000", "+8613800000000", "86", "13800000000", "CN", true},
		{"+86018501234444", "+8618501234444", "86", "18501234444", "CN", true},
		{"+14155550100", "+14155550100", "1", "4155550100", "US", false},
		{"+16135550100", "+16135550100", "1", "6135550100", "US", false}, // Canada shares +1
		{"+85261234567", "+85261234567", "852", "61234567", "HK", false},
		{"+85366123456", "+85366123456", "853", "66123456", "MO", false},
		{"+886912345678", "+886912345678", "886", "912345678", "TW", false},
		{"+447700900123", "+447700900123", "44", "7700900123", "GB", false},
		{"+6591234567", "+6591234567", "65", "91234567", "SG", false},
		{"+819012345678", "+819012345678", "81", "9012345678", "JP", false},
		{"+821012345678", "+821012345678", "82", "1012345678", "KR", false},
		{"+61412345678", "+61412345678", "61", "412345678", "AU", false},
		{"+4915123456789", "+4915123456789", "49", "15123456789", "DE", false},
		{"+33612345678", "+33612345678", "33", "612345678", "FR", false},
		{"+919812345678", "+919812345678", "91", "9812345678", "IN", false},
		{"+6281234567890", "+6281234567890", "62", "81234567890", "ID", false},
		{"+60123456789", "+60123456789", "60", "123456789", "MY", false},
		{"+66812345678", "+66812345678", "66", "812345678", "TH", false},
		{"+84912345678", "+84912345678", "84", "912345678", "VN", false},
		{"+639171234567", "+639171234567", "63", "9171234567", "PH", false},
		{"+5511912345678", "+5511912345678", "55", "11912345678", "BR", false},
		{"+79161234567", "+79161234567", "7", "9161234567", "RU", false},
		{"+8821612345678", "+8821612345678", "882", "1612345678", UnknownIsoCode, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := ParseNumber(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if n.E164 != tt.e164 || n.CountryCode != tt.cc || n.Subscriber != tt.sub || n.IsoCode != tt.iso || n.Mainland != tt.mainland {
				t.Errorf("ParseNumber(%q) = %+v", tt.in, n)
			}
			if (n.IsoName == "") != (tt.iso == UnknownIsoCode) {
				t.Errorf("IsoName = %q", n.IsoName)
			}
			if notifier.CheckNumber(n.E164) != nil {
				t.Errorf("%s fails notifier.CheckNumber", n.E164)
			}
		})
	}
}

func TestParseNumberRejects(t *testing.T) {
	bad := []string{
		"", "+", "12345", "+12345", "+0123456789", "+86138000000000", "+8613800000", "+8623800000000",
		"+86 13800000000", "+86-13800000000", "0086", "0013800000000", "86138000000", "23800000000",
		"138000000000", "+1234567890123456", "+44abc", "+٣٤٥٦٧٨٩٠١", "+8613800000000\n", " +8613800000000",
		strings.Repeat("9", 100),
	}
	for _, s := range bad {
		_, err := ParseNumber(s)
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != CodeIncorrectPhoneNumber {
			t.Errorf("ParseNumber(%q) error = %v, want %s", s, err, CodeIncorrectPhoneNumber)
		}
		if err != nil && len(err.Error()) > 200 {
			t.Errorf("error message too long: %d bytes", len(err.Error()))
		}
		if !errors.Is(err, notifier.ErrInvalidRecipient) {
			t.Errorf("ParseNumber(%q) error is not ErrInvalidRecipient", s)
		}
	}
}

func TestIsoCodeAndName(t *testing.T) {
	tests := []struct{ cc, iso, name string }{
		{"86", "CN", "China"}, {"+86", "CN", "China"}, {"1", "US", "United States"}, {"44", "GB", "United Kingdom"},
		{"852", "HK", "Hong Kong, China"}, {"999", UnknownIsoCode, ""}, {"", UnknownIsoCode, ""},
	}
	for _, tt := range tests {
		if got := IsoCode(tt.cc); got != tt.iso {
			t.Errorf("IsoCode(%q) = %q, want %q", tt.cc, got, tt.iso)
		}
		if got := IsoName(tt.cc); got != tt.name {
			t.Errorf("IsoName(%q) = %q, want %q", tt.cc, got, tt.name)
		}
	}
}

func TestCountryCodesArePrefixFree(t *testing.T) {
	// splitCountryCode relies on no calling code being a prefix of another.
	for a := range countries {
		for b := range countries {
			if a != b && strings.HasPrefix(b, a) {
				t.Errorf("calling code %s is a prefix of %s", a, b)
			}
		}
	}
}

func TestCheckBatch(t *testing.T) {
	many := make([]string, MaxNumbers+1)
	for i := range many {
		many[i] = fmt.Sprintf("+86138%08d", i)
	}
	tests := []struct {
		name    string
		numbers []string
		code    string
	}{
		{"empty", nil, CodeEmptyPhoneNumberSet},
		{"one", []string{"+8613800000000"}, ""},
		{"max", many[:MaxNumbers], ""},
		{"max+1", many, CodePhoneNumberCountLimit},
		{"mixed", []string{"+8613800000000", "+14155550100"}, CodeContainDomesticAndInternationalPhoneNumber},
		{"mainland forms", []string{"13800000000", "008613800000001"}, ""},
		{"international", []string{"+14155550100", "+85261234567"}, ""},
		{"invalid does not count", []string{"+8613800000000", "12345"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkCode(t, CheckBatch(tt.numbers), tt.code)
		})
	}
}
