package fakeserver_test

import (
	"errors"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

// TestRecipientFaultCodes checks that every code RecipientFault injects is
// a per-number code the adapter maps back to the kind asked for, and that
// kinds Tencent never reports per number are refused.
func TestRecipientFaultCodes(t *testing.T) {
	for _, kind := range []error{notifier.ErrRateLimited, notifier.ErrInvalidRecipient, notifier.ErrRejected,
		notifier.ErrQuotaExceeded, notifier.ErrInvalidMessage, notifier.ErrUnavailable} {
		f, err := fakeserver.RecipientFault("+8613800000001", kind)
		if err != nil {
			t.Errorf("%v: %v", kind, err)
			continue
		}
		info, ok := tcsms.Lookup(f.Code)
		if !ok || !info.PerNumber || !errors.Is(info.Kind, kind) || f.Action != "SendSms" || f.Number != "+8613800000001" {
			t.Errorf("%v: rule %+v, Lookup = %+v, %v; want a per-number SendSms code of that kind", kind, f, info, ok)
		}
	}
	for _, kind := range []error{notifier.ErrUnauthorized, notifier.ErrNotFound, notifier.ErrUnsupported, errors.New("other")} {
		if f, err := fakeserver.RecipientFault("+8613800000001", kind); err == nil {
			t.Errorf("%v: %+v, want an error", kind, f)
		}
	}
}
