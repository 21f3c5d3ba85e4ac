package tcsms

import (
	"net/textproto"
	"strings"
	"testing"
)

func TestCanonicalHeaderName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Authorization", true}, {"X-Tc-Content-Sha256", true}, {"Content-Type", true}, {"X-Tc-Traceid", true},
		{"A", true}, {"X-", true}, {"X--Y", true}, {"X_y", true}, {"X.y", true}, {"1abc", true}, {"1-Abc", true},
		{"", false}, {"authorization", false}, {"X-TC-Action", false}, {"X-tc-Action", false}, {"X-Tc-action", false},
		{"X Tc", false}, {"X:Y", false}, {"X-Tc-Content-\u017fha256", false}, {"\u212aey", false}, {"Ä", false},
	} {
		if got := CanonicalHeaderName(tc.name); got != tc.want {
			t.Errorf("CanonicalHeaderName(%q) = %v, want %v", tc.name, got, tc.want)
		}
		if tc.want && textproto.CanonicalMIMEHeaderKey(tc.name) != tc.name {
			t.Errorf("%q is not what CanonicalMIMEHeaderKey makes of it", tc.name)
		}
	}
}

// TestCanonicalNamesFoldOnlyToThemselves checks the property VerifyTC3
// relies on with CanonicalHeaders: two canonical names that are equal
// under strings.EqualFold are the same name.
func TestCanonicalNamesFoldOnlyToThemselves(t *testing.T) {
	alphabet := []string{"a", "A", "s", "S", "k", "K", "-", "1", "_", "\u017f", "\u212a"}
	var names []string
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		names = append(names, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+c, n-1)
		}
	}
	gen("", 4)
	var canonical []string
	for _, n := range names {
		if CanonicalHeaderName(n) {
			canonical = append(canonical, n)
		}
	}
	for _, a := range canonical {
		for _, b := range names {
			if a != b && strings.EqualFold(a, b) && CanonicalHeaderName(b) {
				t.Fatalf("canonical %q and %q fold together", a, b)
			}
		}
	}
}

// TestVerifyTC3CanonicalHeadersSameOutcome checks that the promise of
// canonical names changes no outcome for a map that keeps it.
func TestVerifyTC3CanonicalHeadersSameOutcome(t *testing.T) {
	for _, h := range []func() ([]byte, map[string][]string){
		func() ([]byte, map[string][]string) { h, b := signedVectorA(testKey); return b, h },
		func() ([]byte, map[string][]string) {
			h, b := signedVectorA("other key")
			return b, h
		},
		func() ([]byte, map[string][]string) {
			h, b := signedVectorA(testKey)
			h["X-Tc-Content-Sha256"] = []string{UnsignedPayload}
			return b, h
		},
	} {
		body, header := h()
		hosts := Candidates(vectorA.Host)
		v := Verifier{Secret: func(string) (string, bool) { return testKey, true }, MaxSkew: -1}
		id1, svc1, err1 := v.VerifyTC3("POST", header, "", body, hosts)
		v.CanonicalHeaders = true
		id2, svc2, err2 := v.VerifyTC3("POST", header, "", body, hosts)
		if id1 != id2 || svc1 != svc2 || (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Errorf("without the promise %q %q %v, with it %q %q %v", id1, svc1, err1, id2, svc2, err2)
		}
	}
}
