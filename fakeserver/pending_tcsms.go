package fakeserver

// TEMPORARY: stand-ins for internal/tcsms number and template rules until
// the tcsms helper commits them; replaced by sed, then this file is deleted.

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/notifykit/notifier/internal/tcsms"
)

type tcNumber struct {
	E164, CountryCode, Subscriber, IsoCode, IsoName string
	Mainland                                        bool
}

const maxNumbers = 200

func parseNumber(s string) (tcNumber, error) {
	bad := tcsms.NewError(tcsms.CodeIncorrectPhoneNumber)
	switch {
	case strings.HasPrefix(s, "+86"):
		s = s[3:]
	case strings.HasPrefix(s, "0086"):
		s = s[4:]
	case strings.HasPrefix(s, "86") && len(s) == 13:
		s = s[2:]
	case len(s) == 11:
	case strings.HasPrefix(s, "+1") && len(s) == 12:
		return tcNumber{E164: s, CountryCode: "1", Subscriber: s[2:], IsoCode: "US"}, nil
	default:
		return tcNumber{}, bad
	}
	if len(s) != 11 || s[0] != '1' {
		return tcNumber{}, bad
	}
	return tcNumber{E164: "+86" + s, CountryCode: "86", Subscriber: s, IsoCode: "CN", Mainland: true}, nil
}

func placeholders(content string) (int, error) {
	n := 0
	for i := 1; i < 20; i++ {
		if strings.Contains(content, fmt.Sprintf("{%d}", i)) {
			n = i
		}
	}
	return n, nil
}

func render(content string, params []string) (string, error) {
	n, _ := placeholders(content)
	if n != len(params) {
		return "", tcsms.NewError(tcsms.CodeTemplateParamSetNotMatchApprovedTemplate)
	}
	for i, p := range params {
		content = strings.ReplaceAll(content, fmt.Sprintf("{%d}", i+1), p)
	}
	return content, nil
}

func segments(text string, mainland bool) int {
	n := utf8.RuneCountInString(text)
	if n <= 70 {
		return 1
	}
	return (n + 66) / 67
}
