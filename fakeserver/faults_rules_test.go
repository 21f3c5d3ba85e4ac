package fakeserver_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/notifykit/notifier/fakeserver"
)

// outcome sends one SendSms to number and describes the result: the
// top-level or SDK error code, or the number's SendStatus code.
func outcome(t *testing.T, srv *fakeserver.Server, number string) string {
	t.Helper()
	c := newClient(t, srv, signModes[0])
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	resp, err := c.SendSmsWithContext(ctx, sendReq([]string{number}, "1", "x"))
	if err != nil {
		var e *tcerr.TencentCloudSDKError
		if !errors.As(err, &e) {
			t.Fatalf("error %v (%T) is not an SDK error", err, err)
		}
		return e.GetCode()
	}
	return *resp.Response.SendStatusSet[0].Code
}

func TestFaultMatching(t *testing.T) {
	const a, b = "+8613800000001", "+8613800000002"
	for _, tc := range []struct {
		name   string
		rules  []fakeserver.Fault
		sends  []string // numbers, in order
		want   []string
		stored int
	}{
		{"nth call only", []fakeserver.Fault{{Action: "SendSms", Code: "InternalError.Timeout", Nth: 3}},
			[]string{a, a, a, a}, []string{"Ok", "Ok", "InternalError.Timeout", "Ok"}, 3},
		{"next N calls", []fakeserver.Fault{{Code: "RequestLimitExceeded", Times: 2}},
			[]string{a, a, a}, []string{"RequestLimitExceeded", "RequestLimitExceeded", "Ok"}, 1},
		{"nth and times", []fakeserver.Fault{{Code: "InternalError", Nth: 2, Times: 2}},
			[]string{a, a, a, a}, []string{"Ok", "InternalError", "InternalError", "Ok"}, 2},
		{"per-number code counts only that number", []fakeserver.Fault{{Number: "13800000002", Code: "FailedOperation.PhoneNumberInBlacklist", Nth: 2}},
			[]string{b, a, a, b, b}, []string{"Ok", "Ok", "Ok", "FailedOperation.PhoneNumberInBlacklist", "Ok"}, 4},
		{"whole request when a number is named", []fakeserver.Fault{{Number: b, HTTP: fakeserver.HTTPReset}},
			[]string{a, b, a}, []string{"Ok", "ClientError.NetworkError", "Ok"}, 2},
		{"other action does not match", []fakeserver.Fault{{Action: "PullSmsSendStatus", Code: "InternalError"}},
			[]string{a}, []string{"Ok"}, 1},
		{"after phase: stored, then an error", []fakeserver.Fault{{Code: "InternalError.Timeout", Phase: fakeserver.PhaseAfter, Times: 1}},
			[]string{a, a}, []string{"InternalError.Timeout", "Ok"}, 2},
		{"first rule wins, later ones wait", []fakeserver.Fault{{Code: "InternalError", Times: 1}, {Code: "RequestLimitExceeded", Times: 1}},
			[]string{a, a, a}, []string{"InternalError", "RequestLimitExceeded", "Ok"}, 1},
		{"latency alone only delays", []fakeserver.Fault{{Latency: fakeserver.Duration(time.Millisecond)}},
			[]string{a}, []string{"Ok"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithFaults(tc.rules...))
			var got []string
			for _, n := range tc.sends {
				got = append(got, outcome(t, srv, n))
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("outcomes %v, want %v", got, tc.want)
			}
			if n := len(srv.Messages()); n != tc.stored {
				t.Errorf("server holds %d messages, want %d", n, tc.stored)
			}
		})
	}
}

// TestFaultAfterPhaseRetryIsDuplicate is the story a PhaseAfter fault
// exists for: the message goes out, the answer is lost, the client retries,
// and the person gets two texts, which Duplicates reports.
func TestFaultAfterPhaseRetryIsDuplicate(t *testing.T) {
	srv := fakeserver.Run(t)
	if _, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", HTTP: fakeserver.HTTPReset, Phase: fakeserver.PhaseAfter, Times: 1}); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv, signModes[2])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "4370")); err == nil {
		t.Fatal("first send: no error")
	}
	resp, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "4370"))
	if err != nil {
		t.Fatal(err)
	}
	dups := srv.Duplicates()
	if len(dups) != 1 || dups[0].Count != 2 || dups[0].SerialNos[1] != *resp.Response.SendStatusSet[0].SerialNo {
		t.Fatalf("Duplicates() = %+v", dups)
	}
	if len(srv.Faults()) != 0 {
		t.Error("a Times: 1 rule is still active after firing")
	}
}

func TestFaultValidation(t *testing.T) {
	srv := fakeserver.Run(t)
	for _, f := range []fakeserver.Fault{
		{},
		{Code: "Ok"},
		{Code: "InternalError", HTTP: fakeserver.HTTPReset},
		{HTTP: "explode"},
		{HTTP: fakeserver.HTTPStatus, Status: 700},
		{Code: "InternalError", Phase: "during"},
		{Code: "InternalError", Nth: -1},
		{Latency: -1},
	} {
		if _, err := srv.AddFault(f); err == nil {
			t.Errorf("AddFault(%+v) accepted", f)
		}
	}
	if _, err := srv.SetFaults(fakeserver.Fault{Code: "InternalError"}, fakeserver.Fault{}); err == nil || len(srv.Faults()) != 0 {
		t.Errorf("SetFaults with an invalid rule: err %v, rules %v", err, srv.Faults())
	}
	if _, err := fakeserver.New(fakeserver.Options{Faults: []fakeserver.Fault{{}}}); err == nil {
		t.Error("New accepted an invalid Options.Faults")
	}
}

// TestMisspeltFaultsFailLoudly: an unknown action, code, HTTP failure or
// phase is refused wherever a rule is set (AddFault, SetFaults, New, the
// admin API, chaos), with an error naming the valid values, instead of a
// rule that never fires or answers a code no client knows.
func TestMisspeltFaultsFailLoudly(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeserver.Fault
		says  []string // in the error
	}{
		{"action case", fakeserver.Fault{Action: "SendSMS", Code: "InternalError"}, []string{`unknown action "SendSMS"`, "did you mean SendSms?", "PullSmsSendStatus"}},
		{"action", fakeserver.Fault{Action: "Send", Code: "InternalError"}, []string{`unknown action "Send"`, "AddSmsTemplate, CallbackStatusStatistics"}},
		{"code", fakeserver.Fault{Code: "LimitExceeded.PhoneNumberDailyLimt"}, []string{"unknown fault code", "LimitExceeded.PhoneNumberDailyLimit", "LimitExceeded.AppDailyLimit"}},
		{"code case", fakeserver.Fault{Code: "limitexceeded.phonenumberdailylimit"}, []string{"did you mean LimitExceeded.PhoneNumberDailyLimit?"}},
		{"code category", fakeserver.Fault{Code: "Throttled.PerNumber"}, []string{"unknown fault code", "AuthFailure", "LimitExceeded", "UnsupportedOperation"}},
		{"local SDK code", fakeserver.Fault{Code: "ClientError.NetworkError"}, []string{"never sent by a server", "reset"}},
		{"ok", fakeserver.Fault{Code: "Ok"}, []string{"not an error"}},
		{"http", fakeserver.Fault{HTTP: "timeout"}, []string{`unknown HTTP failure "timeout"`, "reset, status, truncate, malformed or hang"}},
		{"phase", fakeserver.Fault{Code: "InternalError", Phase: "later"}, []string{`unknown phase "later"`, "before", "after"}},
	}
	srv := fakeserver.Run(t)
	for _, tt := range tests {
		check := func(where string, err error) {
			t.Helper()
			if err == nil {
				t.Errorf("%s: %s accepted %+v", tt.name, where, tt.fault)
				return
			}
			for _, s := range tt.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%s: %s error %q does not say %q", tt.name, where, err, s)
				}
			}
		}
		_, err := srv.AddFault(tt.fault)
		check("AddFault", err)
		_, err = srv.SetFaults(tt.fault)
		check("SetFaults", err)
		_, err = fakeserver.New(fakeserver.Options{Faults: []fakeserver.Fault{tt.fault}})
		check("Options.Faults", err)
		check("chaos effects", srv.SetChaos(fakeserver.Chaos{Rate: 0.5, Effects: []fakeserver.Fault{tt.fault}}))
		body, _ := json.Marshal(tt.fault)
		for _, method := range []string{http.MethodPost, http.MethodPut} {
			b := string(body)
			if method == http.MethodPut {
				b = `{"faults":[` + b + `]}`
			}
			var reply struct{ Error string }
			if code := admin(t, srv, method, "/_fake/faults", b, &reply); code != http.StatusBadRequest {
				t.Errorf("%s: %s /_fake/faults answered %d", tt.name, method, code)
			} else {
				check(method+" /_fake/faults", errors.New(reply.Error))
			}
		}
	}
	if len(srv.Faults()) != 0 {
		t.Errorf("rules left after refusals: %+v", srv.Faults())
	}
	err := srv.SetChaos(fakeserver.Chaos{Rate: 0.5, Actions: []string{"SendSms", "sendsms"}})
	if err == nil || !strings.Contains(err.Error(), "did you mean SendSms?") {
		t.Errorf("chaos with a misspelt action: %v", err)
	}
	if code := admin(t, srv, http.MethodPut, "/_fake/chaos", `{"rate":0.5,"actions":["SendSMS"]}`, nil); code != http.StatusBadRequest {
		t.Errorf("PUT /_fake/chaos with a misspelt action answered %d", code)
	}
	// Every action and every code a server sends is accepted.
	for _, a := range fakeserver.Actions() {
		if _, err := srv.AddFault(fakeserver.Fault{Action: a, Code: "InternalError"}); err != nil {
			t.Errorf("action %s: %v", a, err)
		}
	}
	for _, c := range []string{"InternalError", "LimitExceeded.PhoneNumberDailyLimit", "UnsupportedOperation.ContainDomesticPhoneNumber"} {
		if _, err := srv.AddFault(fakeserver.Fault{Code: c}); err != nil {
			t.Errorf("code %s: %v", c, err)
		}
	}
}

func TestAdminFaultRuleSet(t *testing.T) {
	srv := fakeserver.Run(t)
	srv.AddFault(fakeserver.Fault{Code: "InternalError"}) //nolint:errcheck // replaced below
	var put struct{ IDs []int }
	body := `{"faults":[{"action":"SendSms","http":"status","status":503,"body":"{}","nth":2},{"action":"SendSms","latency":"5ms","code":"InternalError.Timeout","phase":"after"}]}`
	if code := admin(t, srv, http.MethodPut, "/_fake/faults", body, &put); code != http.StatusOK || len(put.IDs) != 2 {
		t.Fatalf("PUT /_fake/faults: %d %+v", code, put)
	}
	var list struct{ Faults []fakeserver.Fault }
	admin(t, srv, http.MethodGet, "/_fake/faults", "", &list)
	if len(list.Faults) != 2 || list.Faults[0].Status != 503 || list.Faults[1].Latency != fakeserver.Duration(5*time.Millisecond) {
		t.Fatalf("GET /_fake/faults = %+v", list.Faults)
	}
	got := []string{outcome(t, srv, "+8613800000001"), outcome(t, srv, "+8613800000001")}
	if want := "InternalError.Timeout ClientError.HttpStatusCodeError"; strings.Join(got, " ") != want {
		t.Errorf("outcomes %v, want %s", got, want)
	}
	if code := admin(t, srv, http.MethodPut, "/_fake/faults", `{"faults":[{"http":"nope"}]}`, nil); code != http.StatusBadRequest {
		t.Errorf("PUT of an invalid rule: %d", code)
	}
	if code := admin(t, srv, http.MethodPut, "/_fake/faults", `{"faults":[]}`, nil); code != http.StatusOK || len(srv.Faults()) != 0 {
		t.Errorf("PUT of no rules: %d, %d left", code, len(srv.Faults()))
	}
}
