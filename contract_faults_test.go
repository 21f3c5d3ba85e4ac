package notifier_test

import (
	"errors"
	"testing"

	"github.com/notifykit/notifier/internal/tcsms"
)

// TestRecipientFaultCodes checks that every code FailRecipient injects is a
// per-number code the adapter maps back to the kind asked for. The
// container contract test (module fakeserver/tcfakeserver) keeps a copy of
// failureCodes as plain strings; this check covers the table both use.
func TestRecipientFaultCodes(t *testing.T) {
	for kind, code := range failureCodes {
		info, ok := tcsms.Lookup(code)
		if !ok || !info.PerNumber || !errors.Is(info.Kind, kind) {
			t.Errorf("%s: Lookup = %+v, %v; want a per-number code of kind %v", code, info, ok, kind)
		}
	}
}
