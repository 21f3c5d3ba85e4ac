package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// syncBuffer is a goroutine-safe bytes buffer for run's output.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listenRE = regexp.MustCompile(`listening on http://(\S+)`)

// start runs the command with args and env until the test ends, returning
// its endpoint and outputs.
func start(t *testing.T, args []string, env map[string]string) (endpoint string, stdout, stderr *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] }, stdout, stderr)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRE.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], stdout, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("run exited early: %v\n%s", err, stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", stderr.String())
	return "", nil, nil
}

func client(t *testing.T, endpoint, id, key string) *sms.Client {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = endpoint
	cpf.HttpProfile.Scheme = "http"
	cpf.SignMethod = "HmacSHA1" // the setting Tencent's own example uses
	c, err := sms.NewClient(common.NewCredential(id, key), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDefaultsBannerAndHealth(t *testing.T) {
	endpoint, stdout, _ := start(t, nil, nil)
	out := stdout.String()
	for _, want := range []string{"AKIDEXAMPLE", "SECRETKEYEXAMPLE", `cpf.HttpProfile.Endpoint = "` + endpoint + `"`, "permissive"} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}
	resp, err := http.Get("http://" + endpoint + "/_fake/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000001"})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400006666"), common.StringPtr("1")
	req.SignName = common.StringPtr("Notifier") // mainland SMS needs a sign
	req.TemplateParamSet = common.StringPtrs([]string{"1234"})
	if _, err := client(t, endpoint, "AKIDEXAMPLE", "SECRETKEYEXAMPLE").SendSms(req); err != nil {
		t.Fatal(err)
	}
}

func TestConfigFileEnvAndFlags(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "seed.json")
	seed := map[string]any{
		"credentials": map[string]string{"AKIDFILE": "KEYFROMFILE"},
		"apps":        []map[string]any{{"id": "1400000001"}},
		"signs":       []map[string]any{{"name": "Notifier"}},
		"templates":   []map[string]any{{"id": "100001", "content": "Your code is {1}"}},
	}
	b, _ := json.Marshal(seed)
	if err := os.WriteFile(cfg, b, 0o600); err != nil {
		t.Fatal(err)
	}
	endpoint, stdout, stderr := start(t, []string{"-credential", "AKIDFLAG:KEYFROMFLAG"}, map[string]string{
		"FAKESERVER_CONFIG":      cfg,
		"FAKESERVER_STRICT":      "true",
		"FAKESERVER_CREDENTIALS": "AKIDENV:KEYFROMENV",
	})
	send := func(id, key, template string) error {
		req := sms.NewSendSmsRequest()
		req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000001"})
		req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400000001"), common.StringPtr(template)
		req.SignName = common.StringPtr("Notifier")
		req.TemplateParamSet = common.StringPtrs([]string{"1234"})
		_, err := client(t, endpoint, id, key).SendSms(req)
		return err
	}
	for _, c := range [][2]string{{"AKIDFILE", "KEYFROMFILE"}, {"AKIDENV", "KEYFROMENV"}, {"AKIDFLAG", "KEYFROMFLAG"}} {
		if err := send(c[0], c[1], "100001"); err != nil {
			t.Errorf("%s: %v", c[0], err)
		}
	}
	if err := send("AKIDEXAMPLE", "SECRETKEYEXAMPLE", "100001"); err == nil || !strings.Contains(err.Error(), "SecretIdNotFound") {
		t.Errorf("default credentials accepted alongside configured ones: %v", err)
	}
	if err := send("AKIDFILE", "KEYFROMFILE", "999"); err == nil || !strings.Contains(err.Error(), "TemplateIncorrectOrUnapproved") {
		t.Errorf("strict mode from env not applied: %v", err)
	}
	for _, want := range []string{"SecretIds AKIDENV, AKIDFILE, AKIDFLAG (keys as configured)", `common.NewCredential("AKIDENV", "<your SecretKey>")`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, stdout.String())
		}
	}
	for _, secret := range []string{"KEYFROMFILE", "KEYFROMENV", "KEYFROMFLAG"} {
		if strings.Contains(stdout.String(), secret) || strings.Contains(stderr.String(), secret) {
			t.Errorf("output reveals secret %s", secret)
		}
	}
}

func TestBadConfiguration(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"credential without key", []string{"-credential", "AKIDONLY"}, nil},
		{"bad strict env", nil, map[string]string{"FAKESERVER_STRICT": "maybe"}},
		{"missing config", []string{"-config", "/nonexistent/seed.json"}, nil},
		{"bad review", []string{"-template-review", "sometimes"}, nil},
		{"stray argument", []string{"extra"}, nil},
		{"bad log level", []string{"-log-level", "loud"}, nil},
	} {
		err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, io.Discard, io.Discard)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	var help strings.Builder
	err := run(context.Background(), []string{"-h"}, func(string) string { return "" }, io.Discard, &help)
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(help.String(), "FAKESERVER_CREDENTIALS") || !strings.Contains(help.String(), "/_fake/messages/wait") {
		t.Errorf("-h: %v\n%s", err, help.String())
	}
}

// TestEnvFlagsNameTheirFlags checks that every environment variable of
// envFlags belongs to a flag that exists and whose help names it, and
// that a flag on the command line wins over it.
func TestEnvFlagsNameTheirFlags(t *testing.T) {
	var help strings.Builder
	_, _ = parseConfig([]string{"-h"}, func(string) string { return "" }, &help)
	for _, e := range envFlags {
		if !strings.Contains(help.String(), "  -"+e.flag+" ") && !strings.Contains(help.String(), "  -"+e.flag+"\n") {
			t.Errorf("%s: no flag -%s in the help", e.env, e.flag)
		}
		if !strings.Contains(help.String(), "["+e.env) {
			t.Errorf("-%s: help does not name %s", e.flag, e.env)
		}
	}
	env := map[string]string{"FAKESERVER_ADDR": "127.0.0.1:1", "FAKESERVER_TEMPLATE_REVIEW": "hold"}
	c, err := parseConfig([]string{"-addr", "127.0.0.1:2"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil || c.addr != "127.0.0.1:2" || c.review != "hold" {
		t.Errorf("addr and review from flag and env: %+v, %v", c, err)
	}
}
