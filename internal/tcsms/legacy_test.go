package tcsms

import "testing"

func TestLegacyCode(t *testing.T) {
	if len(legacyCodes) != 36 {
		t.Errorf("%d legacy codes, want the 36 of §6", len(legacyCodes))
	}
	for n, code := range legacyCodes {
		if _, ok := Lookup(code); !ok {
			t.Errorf("legacy %d maps to %q, which is not in the table", n, code)
		}
	}
	tests := []struct {
		n    int
		code string
		ok   bool
	}{
		{1016, CodeIncorrectPhoneNumber, true},
		{1023, CodePhoneNumberThirtySecondLimit, true},
		{60008, CodeTimeout, true},
		{1008, CodeTimeout, true},
		{0, "", false},
		{1005, "", false},
	}
	for _, tt := range tests {
		if code, ok := LegacyCode(tt.n); code != tt.code || ok != tt.ok {
			t.Errorf("LegacyCode(%d) = %q, %v", tt.n, code, ok)
		}
	}
}
