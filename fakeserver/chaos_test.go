package fakeserver_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// chaosRun sends n SendSms one after another to a fresh server with chaos
// c and returns the outcomes and how many messages the server kept.
func chaosRun(t *testing.T, c fakeserver.Chaos, n int) ([]string, int) {
	t.Helper()
	srv := fakeserver.Run(t, fakeserver.WithChaos(c))
	out := make([]string, n)
	for i := range out {
		out[i] = outcome(t, srv, fmt.Sprintf("+86138000%05d", i))
	}
	return out, len(srv.Messages())
}

func TestChaosIsReproducibleFromItsSeed(t *testing.T) {
	c := fakeserver.Chaos{Seed: 42, Rate: 0.5}
	first, kept1 := chaosRun(t, c, 40)
	second, kept2 := chaosRun(t, c, 40)
	if strings.Join(first, " ") != strings.Join(second, " ") || kept1 != kept2 {
		t.Fatalf("same seed, different outcomes:\n%v (%d kept)\n%v (%d kept)", first, kept1, second, kept2)
	}
	kinds := map[string]int{}
	for _, o := range first {
		kinds[o]++
	}
	// Every default effect shows up, and about half the calls succeed.
	for _, k := range []string{"Ok", "InternalError.Timeout", "ClientError.ParseJsonError", "ClientError.NetworkError"} {
		if kinds[k] == 0 {
			t.Errorf("no %s among %v", k, kinds)
		}
	}
	if kinds["Ok"] < 10 || kinds["Ok"] > 30 {
		t.Errorf("%d of 40 calls succeeded at rate 0.5", kinds["Ok"])
	}
	// Kept messages are the successes plus the resets after the action ran.
	if kept1 < kinds["Ok"] || kept1 >= kinds["Ok"]+kinds["ClientError.NetworkError"] {
		t.Errorf("%d messages kept for %v", kept1, kinds)
	}
	other, _ := chaosRun(t, fakeserver.Chaos{Seed: 43, Rate: 0.5}, 40)
	if strings.Join(first, " ") == strings.Join(other, " ") {
		t.Error("seeds 42 and 43 gave the same 40 outcomes")
	}
}

func TestChaosOptions(t *testing.T) {
	onlyPulls := fakeserver.Chaos{Seed: 1, Rate: 1, Actions: []string{"PullSmsSendStatus"}}
	if got, _ := chaosRun(t, onlyPulls, 3); strings.Join(got, " ") != "Ok Ok Ok" {
		t.Errorf("chaos for another action changed SendSms: %v", got)
	}
	always := fakeserver.Chaos{Seed: 1, Rate: 1, Effects: []fakeserver.Fault{{Code: "InternalError.SendAndRecvFail"}}}
	if got, kept := chaosRun(t, always, 3); strings.Join(got, " ") != strings.TrimSpace(strings.Repeat("InternalError.SendAndRecvFail ", 3)) || kept != 0 {
		t.Errorf("rate 1: %v, %d kept", got, kept)
	}
	for _, bad := range []fakeserver.Chaos{{Rate: 1.5}, {Rate: -0.1}, {Rate: 0.5, Effects: []fakeserver.Fault{{}}}} {
		if _, err := fakeserver.New(fakeserver.Options{Chaos: bad}); err == nil {
			t.Errorf("New accepted chaos %+v", bad)
		}
	}
}

// TestAdminChaos sets chaos over the admin API and checks it restarts the
// random sequence: the outcomes match a fresh server with the same seed.
func TestAdminChaos(t *testing.T) {
	want, _ := chaosRun(t, fakeserver.Chaos{Seed: 7, Rate: 0.5}, 12)
	srv := fakeserver.Run(t)
	var got fakeserver.Chaos
	if code := admin(t, srv, http.MethodPut, "/_fake/chaos", `{"seed":7,"rate":0.5}`, &got); code != http.StatusOK || len(got.Effects) != 4 {
		t.Fatalf("PUT /_fake/chaos: %d %+v", code, got)
	}
	var outs []string
	for i := range 12 {
		outs = append(outs, outcome(t, srv, fmt.Sprintf("+86138000%05d", i)))
	}
	if strings.Join(outs, " ") != strings.Join(want, " ") {
		t.Errorf("admin chaos %v, want %v", outs, want)
	}
	if code := admin(t, srv, http.MethodPut, "/_fake/chaos", `{"rate":2}`, nil); code != http.StatusBadRequest {
		t.Errorf("PUT rate 2: %d", code)
	}
	admin(t, srv, http.MethodPut, "/_fake/chaos", `{"rate":0}`, nil)
	if o := outcome(t, srv, "+8613800000001"); o != "Ok" {
		t.Errorf("chaos off: %s", o)
	}
	if code := admin(t, srv, http.MethodGet, "/_fake/chaos", "", &got); code != http.StatusOK || got.Rate != 0 {
		t.Errorf("GET /_fake/chaos: %d %+v", code, got)
	}
}

// TestRulesAndChaosReproducible runs the same rules and seed on two fresh
// servers: rules fire first, chaos rolls for the rest, and the outcomes
// match call for call.
func TestRulesAndChaosReproducible(t *testing.T) {
	run := func() string {
		srv := fakeserver.Run(t,
			fakeserver.WithFaults(
				fakeserver.Fault{Action: "SendSms", Code: "RequestLimitExceeded", Nth: 2, Times: 3},
				fakeserver.Fault{Number: "+8613800000005", Code: "FailedOperation.PhoneNumberInBlacklist"},
			),
			fakeserver.WithChaos(fakeserver.Chaos{Seed: 2026, Rate: 0.3}))
		var out []string
		for i := range 30 {
			out = append(out, outcome(t, srv, fmt.Sprintf("+86138000000%02d", i%10)))
		}
		return strings.Join(out, " ")
	}
	first, second := run(), run()
	if first != second {
		t.Fatalf("same rules and seed, different outcomes:\n%s\n%s", first, second)
	}
	for _, want := range []string{"RequestLimitExceeded", "FailedOperation.PhoneNumberInBlacklist", "Ok"} {
		if !strings.Contains(first, want) {
			t.Errorf("no %s in %s", want, first)
		}
	}
}
