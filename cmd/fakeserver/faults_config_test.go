package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func TestConfigLimitsFaultsAndChaos(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "seed.json")
	seed := `{
		"limits": {"enforce": "on"},
		"faults": [{"action": "SendSms", "number": "+8613800000009", "code": "FailedOperation.PhoneNumberInBlacklist"}],
		"chaos":  {"seed": 1, "rate": 0.5}
	}`
	if err := os.WriteFile(cfg, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	endpoint, _, _ := start(t, []string{"-config", cfg, "-chaos-rate", "0"}, map[string]string{"FAKESERVER_CHAOS_SEED": "77"})
	var chaos struct {
		Seed uint64
		Rate float64
	}
	getJSON(t, "http://"+endpoint+"/_fake/chaos", &chaos)
	if chaos.Seed != 77 || chaos.Rate != 0 {
		t.Errorf("chaos %+v; want the flag's rate 0 and the environment's seed 77", chaos)
	}
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000001", "+8613800000009"})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400006666"), common.StringPtr("1")
	req.SignName = common.StringPtr("Notifier") // mainland SMS needs a sign
	req.TemplateParamSet = common.StringPtrs([]string{"1234"})
	c := client(t, endpoint, "AKIDEXAMPLE", "SECRETKEYEXAMPLE")
	var codes []string
	for range 2 {
		resp, err := c.SendSms(req)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range resp.Response.SendStatusSet {
			codes = append(codes, *st.Code)
		}
	}
	want := []string{"Ok", "FailedOperation.PhoneNumberInBlacklist", "LimitExceeded.PhoneNumberThirtySecondLimit", "FailedOperation.PhoneNumberInBlacklist"}
	for i := range want {
		if i >= len(codes) || codes[i] != want[i] {
			t.Fatalf("codes %v, want %v", codes, want)
		}
	}
}

func TestBadChaosConfiguration(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"rate above 1", []string{"-chaos-rate", "2"}, nil},
		{"rate not a number", []string{"-chaos-rate", "often"}, nil},
		{"seed env not a number", nil, map[string]string{"FAKESERVER_CHAOS_SEED": "x"}},
		{"rate env not a number", nil, map[string]string{"FAKESERVER_CHAOS_RATE": "x"}},
	} {
		err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, io.Discard, io.Discard)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// TestMisspeltConfigFaultsFail: a -config file with a misspelt fault
// action, code, HTTP failure or phase, or chaos action, stops the server
// at start with an error naming the valid values.
func TestMisspeltConfigFaultsFail(t *testing.T) {
	for _, tc := range []struct{ seed, says string }{
		{`{"faults": [{"action": "SendSMS", "code": "InternalError"}]}`, "did you mean SendSms?"},
		{`{"faults": [{"code": "LimitExceeded.DailyLimt"}]}`, "LimitExceeded.PhoneNumberDailyLimit"},
		{`{"faults": [{"http": "reset-after"}]}`, "reset, status, truncate, malformed or hang"},
		{`{"faults": [{"code": "InternalError", "phase": "during"}]}`, "use before (the default) or after"},
		{`{"chaos": {"rate": 0.1, "actions": ["PullSmsStatus"]}}`, "PullSmsSendStatus"},
		{`{"chaos": {"rate": 0.1, "effects": [{"http": "drop"}]}}`, `unknown HTTP failure "drop"`},
	} {
		cfg := filepath.Join(t.TempDir(), "seed.json")
		if err := os.WriteFile(cfg, []byte(tc.seed), 0o600); err != nil {
			t.Fatal(err)
		}
		// A server that starts despite the seed serves until ctx ends and
		// then returns nil, failing the test rather than hanging it.
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		err := run(ctx, []string{"-config", cfg, "-addr", "127.0.0.1:0"}, func(string) string { return "" }, io.Discard, io.Discard)
		cancel()
		if err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("seed %s: error %v, want one saying %q", tc.seed, err, tc.says)
		}
	}
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}
