package tcsms

import (
	"strconv"
	"strings"
)

// MaxNumbers is the largest PhoneNumberSet (and MultiSmsInfoSet) SendSms
// accepts; more gives CodePhoneNumberCountLimit.
const MaxNumbers = 200

// MainlandCountryCode is the country calling code of mainland China.
const MainlandCountryCode = "86"

// Number is a phone number normalised the way Tencent reports it.
type Number struct {
	// E164 is the normalised number, e.g. "+8613800000000".
	E164 string
	// CountryCode is the calling code without "+", e.g. "86".
	CountryCode string
	// Subscriber is the number without its country code, e.g. "13800000000".
	Subscriber string
	// IsoCode is the ISO 3166-1 alpha-2 code, or "DEF" when unknown.
	IsoCode string
	// IsoName is the English country name, or "" when unknown.
	IsoName string
	// Mainland reports a mainland-China number (+86).
	Mainland bool
}

// ParseNumber normalises s. It accepts E.164 ("+8613800000000",
// "+14155550100") and the mainland forms "008613800000000",
// "8613800000000" and a bare 11-digit "13800000000". A mainland number
// must have 11 digits starting with 1 after +86 (a single trunk "0" before
// them is dropped, as Tencent does: "+86018501234444" → "+8618501234444");
// any number must have 7 to 15 digits after "+", the first non-zero. The
// error is an *APIError with CodeIncorrectPhoneNumber.
func ParseNumber(s string) (Number, error) {
	digits, ok := e164Digits(s)
	if !ok {
		return Number{}, Errorf(CodeIncorrectPhoneNumber, "The phone number %s is malformed.", quoteShort(s))
	}
	cc, sub := splitCountryCode(digits)
	if cc == MainlandCountryCode {
		if len(sub) == 12 && sub[0] == '0' {
			sub = sub[1:]
		}
		if len(sub) != 11 || sub[0] != '1' {
			return Number{}, Errorf(CodeIncorrectPhoneNumber, "The phone number %s is not a mainland China mobile number.", quoteShort(s))
		}
	}
	c, known := countries[cc]
	e164 := s // already "+" cc sub: keep it rather than build it again
	if s[0] != '+' || len(s) != 1+len(cc)+len(sub) {
		e164 = "+" + cc + sub
	}
	n := Number{
		E164:        e164,
		CountryCode: cc,
		Subscriber:  sub,
		IsoCode:     UnknownIsoCode,
		Mainland:    cc == MainlandCountryCode,
	}
	if known {
		n.IsoCode, n.IsoName = c.iso, c.name
	}
	return n, nil
}

// e164Digits returns the digits of s after "+" once the mainland shorthand
// forms are expanded, checking the general E.164 shape.
func e164Digits(s string) (string, bool) {
	var digits string
	switch {
	case strings.HasPrefix(s, "+"):
		digits = s[1:]
	case strings.HasPrefix(s, "00"+MainlandCountryCode):
		digits = s[2:]
	case len(s) == 13 && strings.HasPrefix(s, MainlandCountryCode+"1"):
		digits = s
	case len(s) == 11 && s[0] == '1':
		digits = MainlandCountryCode + s
	default:
		return "", false
	}
	if len(digits) < 7 || len(digits) > 15 || digits[0] == '0' {
		return "", false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
	}
	return digits, true
}

// quoteShort quotes s for an error message, cut to 32 bytes so that
// hostile input cannot blow up a response.
func quoteShort(s string) string {
	const max = 32
	if len(s) > max {
		return strconv.Quote(s[:max]) + "…"
	}
	return strconv.Quote(s)
}

// CheckBatch applies SendSms's request-level rules to a PhoneNumberSet
// (§6): it must not be empty (CodeEmptyPhoneNumberSet), must have at most
// MaxNumbers entries (CodePhoneNumberCountLimit), and must not mix
// mainland and international numbers
// (CodeContainDomesticAndInternationalPhoneNumber). Numbers that do not
// parse are left to fail one by one, so they do not count as either kind.
func CheckBatch(numbers []string) error {
	switch {
	case len(numbers) == 0:
		return NewError(CodeEmptyPhoneNumberSet)
	case len(numbers) > MaxNumbers:
		return Errorf(CodePhoneNumberCountLimit, "At most %d phone numbers may be sent at once; got %d.", MaxNumbers, len(numbers))
	}
	var mainland, international bool
	for _, s := range numbers {
		n, err := ParseNumber(s)
		if err != nil {
			continue
		}
		if n.Mainland {
			mainland = true
		} else {
			international = true
		}
		if mainland && international {
			return NewError(CodeContainDomesticAndInternationalPhoneNumber)
		}
	}
	return nil
}
