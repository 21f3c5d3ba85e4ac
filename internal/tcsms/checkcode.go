package tcsms

import (
	"fmt"
	"slices"
	"strings"
)

// CheckServerCode rejects a code that is not Tencent's, or that no server
// sends (Ok, the SDK's own ClientError.*):
// a misspelt code would otherwise answer a code no client knows, which the
// adapter can only classify by its prefix. The error names the known codes
// of the same category ("LimitExceeded.*"), or the categories.
func CheckServerCode(code string) error {
	if code == "" {
		return nil
	}
	if _, ok := Lookup(code); ok {
		switch {
		case code == CodeOk:
			return fmt.Errorf("fault code %q is not an error", code)
		case strings.HasPrefix(code, CodeClientError):
			return fmt.Errorf("fault code %q is made up by the SDK itself and never sent by a server; "+
				"use an HTTP failure (reset, hang, truncate, malformed) to make the SDK report it", code)
		}
		return nil
	}
	category, _, _ := strings.Cut(code, ".")
	var same, categories []string
	for _, c := range Codes() {
		if c.Code == CodeOk || strings.HasPrefix(c.Code, CodeClientError) {
			continue
		}
		if strings.EqualFold(c.Code, code) {
			return fmt.Errorf("unknown fault code %q (did you mean %s?)", code, c.Code)
		}
		cat, _, _ := strings.Cut(c.Code, ".")
		if cat == category {
			same = append(same, c.Code)
		}
		if !slices.Contains(categories, cat) {
			categories = append(categories, cat)
		}
	}
	if len(same) > 0 {
		return fmt.Errorf("unknown fault code %q; the %s codes are %s", code, category, strings.Join(same, ", "))
	}
	slices.Sort(categories)
	return fmt.Errorf("unknown fault code %q; codes are Tencent's, such as LimitExceeded.PhoneNumberDailyLimit, in the categories %s",
		code, strings.Join(categories, ", "))
}
