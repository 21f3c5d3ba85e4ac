package tencent_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

const (
	secretKey = "sekrit-KEY-value"
	token     = "sekrit-TOKEN-value"
)

func validConfig() tencent.Config {
	return tencent.Config{SecretID: "AKIDEXAMPLE", SecretKey: secretKey, SDKAppID: "1400006666"}
}

type providerFunc func() (common.CredentialIface, error)

func (f providerFunc) GetCredential() (common.CredentialIface, error) { return f() }

func TestNewRejectsInvalidConfig(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*tencent.Config)
		opts   []tencent.Option
		want   string
	}{
		{"no app ID", func(c *tencent.Config) { c.SDKAppID = "" }, nil, "SDKAppID is required"},
		{"app ID not numeric", func(c *tencent.Config) { c.SDKAppID = "14000x" }, nil, "not numeric"},
		{"no credentials", func(c *tencent.Config) { c.SecretID, c.SecretKey = "", "" }, nil, "no credentials"},
		{"no key", func(c *tencent.Config) { c.SecretKey = "" }, nil, "SecretKey is empty"},
		{"token without ID", func(c *tencent.Config) { c.SecretID, c.SecretKey, c.SessionToken = "", "", token }, nil, "SecretID is empty"},
		{"two sources", func(c *tencent.Config) { c.Credential = common.NewCredential("A", "B") }, nil, "more than one"},
		{"provider fails", func(c *tencent.Config) {
			c.SecretID, c.SecretKey = "", ""
			c.CredentialProvider = providerFunc(func() (common.CredentialIface, error) { return nil, errors.New("no env") })
		}, nil, "no env"},
		{"typed nil credential", func(c *tencent.Config) {
			c.SecretID, c.SecretKey = "", ""
			c.Credential = (*common.Credential)(nil)
		}, nil, "no credentials"},
		{"region", func(c *tencent.Config) { c.Region = "Guangzhou!" }, nil, "Region"},
		{"scheme", func(c *tencent.Config) { c.Scheme = "ftp" }, nil, "Scheme"},
		{"endpoint contradicts scheme", func(c *tencent.Config) { c.Endpoint, c.Scheme = "http://127.0.0.1:1", "https" }, nil, "contradicts"},
		{"endpoint with query", func(c *tencent.Config) { c.Endpoint = "127.0.0.1:1?x=1" }, nil, "Endpoint"},
		{"endpoint with a control character", func(c *tencent.Config) { c.Endpoint = "127.0.0.1:1\n" }, nil, "Endpoint"},
		{"endpoint with a bad port", func(c *tencent.Config) { c.Endpoint = "127.0.0.1:99999" }, nil, "Endpoint"},
		{"endpoint with two ports", func(c *tencent.Config) { c.Endpoint = "127.0.0.1:1:2" }, nil, "Endpoint"},
		{"endpoint without host", func(c *tencent.Config) { c.Endpoint = ":8080" }, nil, "Endpoint"},
		{"endpoint with unclosed IPv6", func(c *tencent.Config) { c.Endpoint = "[::1" }, nil, "Endpoint"},
		{"endpoint with bad escape", func(c *tencent.Config) { c.Endpoint = "127.0.0.1:1/p%zz" }, nil, "Endpoint"},
		{"secret ID with newline", func(c *tencent.Config) { c.SecretID += "\n" }, nil, "SecretID"},
		{"secret key with space", func(c *tencent.Config) { c.SecretKey = " " + c.SecretKey }, nil, "SecretKey"},
		{"token with newline", func(c *tencent.Config) { c.SessionToken = token + "\r\n" }, nil, "SessionToken"},
		{"sign method", func(c *tencent.Config) { c.SignMethod = "MD5" }, nil, "SignMethod"},
		{"request method", func(c *tencent.Config) { c.ReqMethod = "PUT" }, nil, "ReqMethod"},
		{"timeout", func(c *tencent.Config) { c.Timeout = -1 }, nil, "Timeout"},
		{"language", func(c *tencent.Config) { c.Language = "fr-FR" }, nil, "Language"},
		{"max recipients", func(c *tencent.Config) { c.MaxRecipients = -1 }, nil, "MaxRecipients"},
		{"nil transport", nil, []tencent.Option{tencent.WithHTTPTransport(nil)}, "nil RoundTripper"},
		{"transport and client", nil, []tencent.Option{tencent.WithHTTPTransport(http.DefaultTransport), tencent.WithHTTPClient(http.DefaultClient)}, "exclusive"},
		{"nil logger", nil, []tencent.Option{tencent.WithLogger(nil)}, "nil"},
		{"nil clock", nil, []tencent.Option{tencent.WithClock(nil)}, "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := validConfig()
			if tt.mutate != nil {
				tt.mutate(&cfg)
			}
			c, err := tencent.New(cfg, tt.opts...)
			if c != nil || !errors.Is(err, tencent.ErrInvalidConfig) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New = %v, %v; want nil and an ErrInvalidConfig mentioning %q", c, err, tt.want)
			}
			if strings.Contains(err.Error(), secretKey) || strings.Contains(err.Error(), token) {
				t.Errorf("error %q contains a secret", err)
			}
		})
	}
}

func TestConfigAndClientNeverPrintSecrets(t *testing.T) {
	cfg := validConfig()
	cfg.SessionToken = token
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "cfg", cfg)
	c, err := tencent.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	outputs := []string{
		fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%v", &cfg),
		fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), logs.String(),
	}
	for _, out := range outputs {
		if strings.Contains(out, secretKey) || strings.Contains(out, token) {
			t.Errorf("output contains a secret: %s", out)
		}
	}
	if !strings.Contains(outputs[0], "AKIDEXAMPLE") || !strings.Contains(outputs[0], "[REDACTED]") || !strings.Contains(logs.String(), `"SDKAppID":"1400006666"`) {
		t.Errorf("redacted output lost the useful fields: %s / %s", outputs[0], logs.String())
	}
}

func TestNetworkErrorsDoNotLeakQueryCredentials(t *testing.T) {
	// v1 signature with GET puts SecretId, Signature and Token in the URL,
	// which net/http quotes in its errors.
	cfg := validConfig()
	cfg.SessionToken = token
	cfg.SignMethod, cfg.ReqMethod = tencent.SignHmacSHA256, "GET"
	cfg.Endpoint = "http://127.0.0.1:1" // nothing listens on port 1
	c, err := tencent.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
	if !errors.Is(err, notifier.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	for e := error(err); e != nil; e = errors.Unwrap(e) {
		if s := e.Error(); strings.Contains(s, token) || strings.Contains(s, "Signature=") || strings.Contains(s, url.QueryEscape(token)) {
			t.Errorf("error chain leaks the query: %s", s)
		}
	}
}

func TestCredentialSources(t *testing.T) {
	cs := newCanned(t, okStatuses)
	tests := []struct {
		name   string
		mutate func(*tencent.Config)
		wantID string
		token  bool
	}{
		{"secret pair", func(*tencent.Config) {}, "AKIDEXAMPLE", false},
		{"session token", func(c *tencent.Config) { c.SessionToken = token }, "AKIDEXAMPLE", true},
		{"credential", func(c *tencent.Config) {
			c.SecretID, c.SecretKey = "", ""
			c.Credential = common.NewCredential("AKIDCRED", "k")
		}, "AKIDCRED", false},
		{"provider", func(c *tencent.Config) {
			c.SecretID, c.SecretKey = "", ""
			c.CredentialProvider = providerFunc(func() (common.CredentialIface, error) { return common.NewTokenCredential("AKIDPROV", "k", "t"), nil })
		}, "AKIDPROV", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(cs.Calls())
			c := cs.client(t, tt.mutate)
			if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"}); err != nil {
				t.Fatal(err)
			}
			h := cs.Calls()[before].Header
			if auth := h.Get("Authorization"); !strings.Contains(auth, "Credential="+tt.wantID+"/") {
				t.Errorf("Authorization %q, want SecretId %s", auth, tt.wantID)
			}
			if got := h.Get("X-TC-Token") != ""; got != tt.token {
				t.Errorf("X-TC-Token present = %v, want %v", got, tt.token)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	cs := newCanned(t, okStatuses)
	var seen int
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen++
		return http.DefaultTransport.RoundTrip(r)
	})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var tick time.Duration // the clock advances 1.5 s per reading
	clock := func() time.Time { tick += 1500 * time.Millisecond; return time.Unix(0, 0).Add(tick) }
	c, err := tencent.New(cs.config(), tencent.WithHTTPTransport(rt), tencent.WithLogger(logger), tencent.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1", Params: []string{"999111"}}); err != nil {
		t.Fatal(err)
	}
	if seen != 1 {
		t.Errorf("transport saw %d requests, want 1", seen)
	}
	out := logs.String()
	if !strings.Contains(out, "SendSms") || !strings.Contains(out, "request_id=req-1") || !strings.Contains(out, "duration=1.5s") {
		t.Errorf("debug log lacks the call: %s", out)
	}
	for _, private := range []string{"13800000001", "999111", "SECRETKEYEXAMPLE"} {
		if strings.Contains(out, private) {
			t.Errorf("log contains %q: %s", private, out)
		}
	}

	hc := &http.Client{Transport: rt}
	c, err = tencent.New(cs.config(), tencent.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"}); err != nil {
		t.Fatal(err)
	}
	if seen != 2 || hc.Timeout != 0 {
		t.Errorf("client transport saw %d requests (want 2), Timeout %v (want untouched 0)", seen, hc.Timeout)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDefaultProviderChainReadsEnvironment(t *testing.T) {
	t.Setenv("TENCENTCLOUD_SECRET_ID", "AKIDENV")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "env-key")
	cs := newCanned(t, okStatuses)
	c := cs.client(t, func(cfg *tencent.Config) {
		cfg.SecretID, cfg.SecretKey = "", ""
		cfg.CredentialProvider = common.DefaultProviderChain()
	})
	if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"}); err != nil {
		t.Fatal(err)
	}
	if auth := cs.Calls()[0].Header.Get("Authorization"); !strings.Contains(auth, "Credential=AKIDENV/") {
		t.Errorf("Authorization %q, want the environment's SecretId", auth)
	}
}

func TestRegionAndLanguageHeaders(t *testing.T) {
	cs := newCanned(t, okStatuses)
	for _, tt := range []struct{ region, language, wantRegion, wantLanguage string }{
		{"", "", tencent.DefaultRegion, tencent.DefaultLanguage},
		{"ap-singapore", "zh-CN", "ap-singapore", "zh-CN"},
	} {
		before := len(cs.Calls())
		c := cs.client(t, func(cfg *tencent.Config) { cfg.Region, cfg.Language = tt.region, tt.language })
		if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"}); err != nil {
			t.Fatal(err)
		}
		h := cs.Calls()[before].Header
		if h.Get("X-TC-Region") != tt.wantRegion || h.Get("X-TC-Language") != tt.wantLanguage {
			t.Errorf("region %q language %q, want %q %q", h.Get("X-TC-Region"), h.Get("X-TC-Language"), tt.wantRegion, tt.wantLanguage)
		}
	}
}
