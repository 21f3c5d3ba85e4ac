package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// TestBoundsConfigPrecedence checks -max-messages, -max-inflight-body,
// -admin-token and -admin-hosts from the config file, the environment and
// flags, each overriding the one before (admin hosts add up).
func TestBoundsConfigPrecedence(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "seed.json")
	file := `{"maxMessages":5,"maxInFlightBodyBytes":1000,"adminToken":"file-token","adminHosts":["a"]}`
	if err := os.WriteFile(cfg, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		env      map[string]string
		max      int
		inFlight int64
		token    string
		hosts    []string
	}{
		{"file", []string{"-config", cfg}, nil, 5, 1000, "file-token", []string{"a"}},
		{"env over file", []string{"-config", cfg}, map[string]string{
			"FAKESERVER_MAX_MESSAGES": "7", "FAKESERVER_MAX_INFLIGHT_BODY": "512K",
			"FAKESERVER_ADMIN_TOKEN": "env-token", "FAKESERVER_ADMIN_HOSTS": "b, c",
		}, 7, 512 << 10, "env-token", []string{"a", "b", "c"}},
		{"flags over env", []string{"-max-messages", "-1", "-max-inflight-body", "2M", "-admin-token", "flag-token", "-admin-hosts", "d"},
			map[string]string{"FAKESERVER_MAX_MESSAGES": "7", "FAKESERVER_ADMIN_TOKEN": "env-token"}, -1, 2 << 20, "flag-token", []string{"d"}},
		{"none", nil, nil, 0, 0, "", nil},
	} {
		c, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		opts, _, err := c.options()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if opts.MaxMessages != tc.max || opts.MaxInFlightBodyBytes != tc.inFlight || opts.AdminToken != tc.token ||
			!slices.Equal(opts.AdminHosts, tc.hosts) {
			t.Errorf("%s: maxMessages %d, inFlight %d, token %q, hosts %q; want %d %d %q %q", tc.name,
				opts.MaxMessages, opts.MaxInFlightBodyBytes, opts.AdminToken, opts.AdminHosts, tc.max, tc.inFlight, tc.token, tc.hosts)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"max-messages", []string{"-max-messages", "many"}},
		{"max-inflight-body", []string{"-max-inflight-body", "12Q"}},
		{"an admin host with a port", []string{"-admin-hosts", "fakeserver:8080"}},
	} {
		if err := run(context.Background(), tc.args, func(string) string { return "" }, io.Discard, io.Discard); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	const secret = "has a space"
	err := run(context.Background(), nil, func(k string) string {
		return map[string]string{"FAKESERVER_ADMIN_TOKEN": secret}[k]
	}, io.Discard, io.Discard)
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("a malformed admin token: %v (it must fail without echoing the token)", err)
	}
}

// TestRetentionAndTokenFromEnvironment runs the server with
// FAKESERVER_MAX_MESSAGES and FAKESERVER_ADMIN_TOKEN.
func TestRetentionAndTokenFromEnvironment(t *testing.T) {
	endpoint, _, stderr := start(t, nil, map[string]string{"FAKESERVER_MAX_MESSAGES": "2", "FAKESERVER_ADMIN_TOKEN": "t0ken"})
	c := client(t, endpoint, "AKIDEXAMPLE", "SECRETKEYEXAMPLE")
	for range 3 {
		if _, err := c.SendSms(sendRequest()); err != nil {
			t.Fatal(err)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+endpoint+"/_fake/stats", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /_fake/stats without the token: %d, want 401", resp.StatusCode)
	}
	req.Header.Set("Authorization", "Bearer t0ken")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats struct{ Held, Evicted, MaxMessages int }
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	if stats.Held != 2 || stats.Evicted != 1 || stats.MaxMessages != 2 {
		t.Errorf("stats %+v, want 2 held, 1 evicted, cap 2", stats)
	}
	if strings.Contains(stderr.String(), "t0ken") {
		t.Errorf("the log holds the token:\n%s", stderr.String())
	}
}

// sendRequest is a SendSms the permissive server accepts.
func sendRequest() *sms.SendSmsRequest {
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000001"})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400006666"), common.StringPtr("1")
	req.TemplateParamSet = common.StringPtrs([]string{"1234"})
	req.SignName = common.StringPtr("Notifier") // mainland SMS needs a sign
	return req
}
