package fakeserver_test

import (
	"strings"
	"testing"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// limitStep is one SendSms in a limits scenario: move the clock by
// advance, send params to number, expect code in its SendStatus.
type limitStep struct {
	advance time.Duration
	number  string
	param   string
	want    string
}

const (
	ok        = "Ok"
	thirty    = "LimitExceeded.PhoneNumberThirtySecondLimit"
	hourly    = "LimitExceeded.PhoneNumberOneHourLimit"
	daily     = "LimitExceeded.PhoneNumberDailyLimit"
	sameDaily = "LimitExceeded.PhoneNumberSameContentDailyLimit"
	appDaily  = "LimitExceeded.AppDailyLimit"
	noBalance = "FailedOperation.InsufficientBalanceInSmsPackage"
)

// limitsServer is a server whose ManualClock starts at start (UTC) and
// whose signature window is off, so the clock can move freely.
func limitsServer(t *testing.T, start time.Time, strict bool, l fakeserver.Limits) (*fakeserver.Server, *sms.Client, *fakeserver.ManualClock) {
	t.Helper()
	clk := fakeserver.NewManualClock(start)
	srv := fakeserver.Run(t, fakeserver.WithOptions(fakeserver.Options{
		Strict: strict, Clock: clk, MaxClockSkew: -1, Limits: l,
		Apps:      []fakeserver.App{{ID: "1400006666"}},
		Signs:     []fakeserver.Sign{{Name: "Notifier"}},
		Templates: []fakeserver.Template{{ID: "100001", Content: "Your code is {1}"}},
	}))
	return srv, newClient(t, srv, signModes[0]), clk
}

func TestLimits(t *testing.T) {
	const a, b = "+8613800000001", "+8613800000002"
	noon := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC) // 12:00 Beijing
	for _, tc := range []struct {
		name   string
		start  time.Time
		strict bool
		limits fakeserver.Limits
		steps  []limitStep
	}{
		{"permissive mode has none", noon, false, fakeserver.Limits{}, []limitStep{
			{0, a, "1", ok}, {0, a, "1", ok}, {0, a, "1", ok},
		}},
		{"strict: same content once per 30s", noon, true, fakeserver.Limits{}, []limitStep{
			{0, a, "1", ok}, {29 * time.Second, a, "1", thirty}, {0, a, "2", ok}, {0, b, "1", ok},
			{time.Second, a, "1", ok}, {29 * time.Second, a, "2", ok}, // exactly 30 s later
		}},
		{"strict: turned off", noon, true, fakeserver.Limits{Enforce: fakeserver.LimitsOff}, []limitStep{
			{0, a, "1", ok}, {0, a, "1", ok},
		}},
		{"permissive: turned on", noon, false, fakeserver.Limits{Enforce: fakeserver.LimitsOn}, []limitStep{
			{0, a, "1", ok}, {0, a, "1", thirty},
		}},
		{"30s limit off, 3 allowed", noon, true, fakeserver.Limits{SameContent30s: -1, PerDay: -1}, []limitStep{
			{0, a, "1", ok}, {0, a, "1", ok}, {0, a, "1", ok}, {0, a, "1", ok},
		}},
		{"default daily limit is 10", noon, true, fakeserver.Limits{}, append(distinct(a, 10, ok), limitStep{0, a, "x", daily})},
		{"hourly limit, rolling", noon, true, fakeserver.Limits{PerHour: 2}, []limitStep{
			{0, a, "1", ok}, {30 * time.Minute, a, "2", ok}, {29 * time.Minute, a, "3", hourly},
			{0, b, "3", ok}, {31 * time.Minute, a, "3", ok},
		}},
		{"daily limit follows Beijing days", time.Date(2026, 3, 1, 15, 58, 0, 0, time.UTC), true, fakeserver.Limits{PerDay: 1}, []limitStep{
			{0, a, "1", ok}, {time.Minute, a, "2", daily}, // 23:59 Beijing
			{2 * time.Minute, a, "3", ok},  // 00:01 Beijing, a new day
			{8 * time.Hour, a, "4", daily}, // 00:01 UTC: still the same Beijing day
		}},
		{"same content per day", noon, true, fakeserver.Limits{SameContentPerDay: 2}, []limitStep{
			{0, a, "1", ok}, {time.Minute, a, "1", ok}, {time.Minute, a, "1", sameDaily}, {0, a, "2", ok},
			{24 * time.Hour, a, "1", ok},
		}},
		{"app daily quota", noon, true, fakeserver.Limits{AppPerDay: 2}, []limitStep{
			{0, a, "1", ok}, {0, b, "1", ok}, {0, "+8613800000003", "1", appDaily},
			{24 * time.Hour, a, "1", ok},
		}},
		{"package quota in segments", noon, true, fakeserver.Limits{PackageSegments: 2}, []limitStep{
			{0, a, "1", ok}, {0, b, "1", ok}, {0, "+8613800000003", "1", noBalance},
			{48 * time.Hour, "+8613800000003", "1", noBalance}, // a package does not refill
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, c, clk := limitsServer(t, tc.start, tc.strict, tc.limits)
			accepted := 0
			for i, st := range tc.steps {
				clk.Advance(st.advance)
				resp, err := c.SendSms(sendReq([]string{st.number}, "100001", st.param))
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				s := resp.Response.SendStatusSet[0]
				if *s.Code != st.want {
					t.Fatalf("step %d (%s %q at %s): Code %s, want %s", i, st.number, st.param, clk.Now().UTC().Format(time.TimeOnly), *s.Code, st.want)
				}
				if st.want == ok {
					accepted++
				} else if *s.SerialNo != "" || *s.Fee != 0 || *s.Message == "" {
					t.Errorf("step %d: limited status has SerialNo %q Fee %d Message %q", i, *s.SerialNo, *s.Fee, *s.Message)
				}
			}
			if n := len(srv.Messages()); n != accepted {
				t.Errorf("server holds %d messages, want %d", n, accepted)
			}
		})
	}
}

// distinct returns n sends of different content to number, each expecting want.
func distinct(number string, n int, want string) []limitStep {
	out := make([]limitStep, n)
	for i := range out {
		out[i] = limitStep{0, number, strings.Repeat("9", i+1), want}
	}
	return out
}

// TestLimitsMultiAndReset checks that SendMultiGlobalSms shares the limits,
// that a batch counts its own earlier numbers, and that Reset forgets them.
func TestLimitsMultiAndReset(t *testing.T) {
	clk := fakeserver.NewManualClock(time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC))
	srv := fakeserver.Run(t, fakeserver.WithClock(clk), fakeserver.WithMaxClockSkew(-1),
		fakeserver.WithLimits(fakeserver.Limits{Enforce: fakeserver.LimitsOn}))
	c := newClient(t, srv, signModes[0])
	resp, err := c.SendMultiGlobalSms(multiReq(
		multiInfo("+14155550101", "300", "", "first", "1"),
		multiInfo("+14155550101", "300", "", "again", "1"),
		multiInfo("+14155550101", "300", "", "other", "2"),
	))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range resp.Response.SendMultiStatusSet {
		got = append(got, *st.Code)
	}
	if want := []string{ok, thirty, ok}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("multi codes %v, want %v", got, want)
	}
	sms1, err := c.SendSms(sendReq([]string{"+14155550101"}, "300", "1"))
	if err != nil || *sms1.Response.SendStatusSet[0].Code != thirty {
		t.Fatalf("SendSms after multi: %v %v", err, sms1)
	}
	srv.Reset()
	sms2, err := c.SendSms(sendReq([]string{"+14155550101"}, "300", "1"))
	if err != nil || *sms2.Response.SendStatusSet[0].Code != ok {
		t.Fatalf("SendSms after Reset: %v %v", err, sms2)
	}
}

func TestLimitsInvalid(t *testing.T) {
	if _, err := fakeserver.New(fakeserver.Options{Limits: fakeserver.Limits{Enforce: "sometimes"}}); err == nil {
		t.Error("New accepted Limits.Enforce \"sometimes\"")
	}
}

// TestLimitsContentKeyIsExact: params ["a\x1fb"] and ["a", "b"] are different
// content, so the 30-second same-content limit must not treat the second
// send as a repeat of the first.
func TestLimitsContentKeyIsExact(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithLimits(fakeserver.Limits{Enforce: fakeserver.LimitsOn}))
	c := newClient(t, srv, signModes[0])
	for _, params := range [][]string{{"a\x1fb"}, {"a", "b"}} {
		resp, err := c.SendSms(sendReq([]string{"+8613800000077"}, "300", params...))
		if err != nil || *resp.Response.SendStatusSet[0].Code != ok {
			t.Fatalf("params %q: %v %v", params, err, resp)
		}
	}
}
