package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

func TestRulesFollowConfig(t *testing.T) {
	r := tencent.Rules()
	if r.MaxRecipients != tencent.DefaultMaxRecipients || r.DefaultSign != "" || !r.NoBody || !r.KnownTemplates || r.CheckNumber == nil {
		t.Errorf("Rules() = %+v, want Tencent's rules with the default batch limit", r)
	}
	r = tencent.Config{MaxRecipients: 50, SignName: "Acme"}.Rules()
	if r.MaxRecipients != 50 || r.DefaultSign != "Acme" {
		t.Errorf("Config.Rules() = %+v, want MaxRecipients 50 and DefaultSign Acme", r)
	}
}

// TestSendDailyCapsCarryRetryAfter: Tencent's daily caps, per number or
// for the whole request, carry the time left until midnight in Beijing;
// other limits carry none. notifier.Retry therefore resends the 30-second
// limit and not the daily one.
func TestSendDailyCapsCarryRetryAfter(t *testing.T) {
	const daily, thirty, ok = "+8613800000002", "+8613800000003", "+8613800000001"
	codes := map[string]string{daily: "LimitExceeded.PhoneNumberDailyLimit", thirty: "LimitExceeded.PhoneNumberThirtySecondLimit"}
	var limited atomic.Bool // set: the next request hits the limits
	limited.Store(true)
	cs := newCanned(t, func(c call) string {
		nums := strs(c.Body["PhoneNumberSet"])
		if nums[0] == "+8613800000009" {
			return "ERROR LimitExceeded.AppDailyLimit app cap"
		}
		var parts []string
		for _, n := range nums {
			if code, failing := codes[n]; failing && limited.Load() {
				parts = append(parts, fmt.Sprintf(`{"SerialNo":"","PhoneNumber":%q,"Fee":0,"Code":%q,"Message":"limit","IsoCode":""}`, n, code))
			} else {
				parts = append(parts, fmt.Sprintf(`{"SerialNo":"sn-%s","PhoneNumber":%q,"Fee":1,"Code":"Ok","Message":"send success","IsoCode":"CN"}`, n, n))
			}
		}
		limited.Store(false)
		return `{"SendStatusSet":[` + strings.Join(parts, ",") + `]}`
	})
	now := time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC) // 22:30 in Beijing
	c, err := tencent.New(cs.config(), tencent.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := c.Send(context.Background(), notifier.Message{To: []string{ok, daily, thirty}, Template: "1"})
	var e *notifier.Error
	if !errors.As(res.Recipients[1].Err, &e) || e.RetryAfter != 90*time.Minute {
		t.Errorf("daily cap = %#v, want RetryAfter 1h30m (to midnight in Beijing)", res.Recipients[1].Err)
	}
	if !errors.As(res.Recipients[2].Err, &e) || e.RetryAfter != 0 {
		t.Errorf("30-second limit = %#v, want no RetryAfter", res.Recipients[2].Err)
	}
	_, err = c.Send(context.Background(), notifier.Message{To: []string{"+8613800000009"}, Template: "1"})
	if !errors.As(err, &e) || !errors.Is(err, notifier.ErrQuotaExceeded) || e.RetryAfter != 90*time.Minute {
		t.Errorf("request-level AppDailyLimit = %#v, want RetryAfter 1h30m", err)
	}

	limited.Store(true)
	before := len(cs.Calls())
	r := notifier.Retry(c, notifier.RetryPolicy{Attempts: 3, Backoff: func(int) time.Duration { return 0 }})
	res, err = r.Send(context.Background(), notifier.Message{To: []string{ok, daily, thirty}, Template: "1"})
	if !errors.Is(err, notifier.ErrRateLimited) || res.Recipients[1].Err == nil || res.Recipients[2].Err != nil {
		t.Errorf("Retry: %+v, %v; want only the daily cap failed", res.Recipients, err)
	}
	var sent []string
	for _, c := range cs.Calls()[before:] {
		sent = append(sent, strings.Join(strs(c.Body["PhoneNumberSet"]), ","))
	}
	if want := []string{ok + "," + daily + "," + thirty, thirty}; strings.Join(sent, " ") != strings.Join(want, " ") {
		t.Errorf("Retry sent %q, want %q: the daily cap is not resent", sent, want)
	}
}
