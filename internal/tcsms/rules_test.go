package tcsms

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier"
)

// TestDailyLimitCoversEveryDailyCode: every code of the table named a
// daily limit is a DailyLimit, and nothing else is, so a code added to the
// table later cannot be retried by mistake.
func TestDailyLimitCoversEveryDailyCode(t *testing.T) {
	for _, c := range Codes() {
		if want := strings.HasSuffix(c.Code, "DailyLimit"); DailyLimit(c.Code) != want {
			t.Errorf("DailyLimit(%s) = %v, want %v", c.Code, !want, want)
		}
	}
}

func TestNextDailyReset(t *testing.T) {
	tests := []struct{ at, want string }{
		{"2026-11-26T15:59:59Z", "2026-11-26T16:00:00Z"}, // 23:59:59 in Beijing
		{"2026-11-26T16:00:00Z", "2026-11-27T16:00:00Z"}, // midnight itself: the next one
		{"2026-11-26T03:00:00Z", "2026-11-26T16:00:00Z"},
		{"2026-12-31T20:00:00Z", "2027-01-01T16:00:00Z"}, // already 1 January in Beijing
		{"2026-11-26T09:30:00-08:00", "2026-11-27T16:00:00Z"},
	}
	for _, tt := range tests {
		at, _ := time.Parse(time.RFC3339, tt.at)
		want, _ := time.Parse(time.RFC3339, tt.want)
		if got := NextDailyReset(at); !got.Equal(want) {
			t.Errorf("NextDailyReset(%s) = %s, want %s", tt.at, got.UTC().Format(time.RFC3339), tt.want)
		}
	}
}

// TestRulesCheckNumber: the rules' number check is ParseNumber's, reported
// as an ErrInvalidRecipient *notifier.Error naming the number.
func TestRulesCheckNumber(t *testing.T) {
	check := Rules().CheckNumber
	for _, n := range []string{"+8613800000001", "+86018501234444", "+14155550100", "+85261234567"} {
		if err := check(n); err != nil {
			t.Errorf("CheckNumber(%s) = %v, want nil", n, err)
		}
	}
	for _, n := range []string{"+8612345678", "+86238000000011", "+861380000000"} {
		err := check(n)
		var ne *notifier.Error
		if !errors.As(err, &ne) || ne.Kind != notifier.ErrInvalidRecipient || ne.Recipient != n || ne.Code != CodeIncorrectPhoneNumber {
			t.Errorf("CheckNumber(%s) = %#v, want an ErrInvalidRecipient *notifier.Error with %s", n, err, CodeIncorrectPhoneNumber)
		}
	}
}

func TestRulesMarkets(t *testing.T) {
	r := Rules()
	for n, domestic := range map[string]bool{"+8613800000001": true, "+85261234567": false, "+14155550100": false, "+886912345678": false} {
		if r.IsDomestic(n) != domestic || r.NeedsSign(n) != domestic {
			t.Errorf("%s: IsDomestic %v, NeedsSign %v; want both %v", n, r.IsDomestic(n), r.NeedsSign(n), domestic)
		}
	}
	if !r.NoBody || !r.KnownTemplates || r.NoSenderID || r.TagLimit() != MaxSessionContext {
		t.Errorf("Rules() = %+v", r)
	}
}
