package tcfakeserver_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/testcontainers/testcontainers-go"
)

// TestRunRejectsBadOptions checks that invalid options fail before Docker is
// touched (so this test needs no daemon) and that Run then returns no
// container.
func TestRunRejectsBadOptions(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.json")
	tests := []struct {
		name string
		img  string
		opt  testcontainers.ContainerCustomizer
		want string
	}{
		{"empty image", " ", tcfakeserver.WithStrict(), "empty image reference (BuildImage"},
		{"empty secret id", "unused:tag", tcfakeserver.WithCredentials("", "key"), "empty SecretId"},
		{"empty secret key", "unused:tag", tcfakeserver.WithCredentials("AKID", ""), `empty SecretKey for SecretId "AKID"`},
		{"comma in id", "unused:tag", tcfakeserver.WithCredentials("AK,ID", "key"), "must not contain"},
		{"colon in id", "unused:tag", tcfakeserver.WithCredentials("AK:ID", "key"), "must not contain"},
		{"comma in key", "unused:tag", tcfakeserver.WithCredentials("AKID", "k,ey"), "must not contain"},
		{"missing config", "unused:tag", tcfakeserver.WithConfigFile(missing), "missing.json"},
		{"config is a directory", "unused:tag", tcfakeserver.WithConfigFile(t.TempDir()), "not a regular file"},
		{"receipt callback not http", "unused:tag", tcfakeserver.WithReceiptCallbackURL("ftp://host/x"), "WithReceiptCallbackURL: \"ftp://host/x\" is not an http(s) URL"},
		{"receipt callback empty", "unused:tag", tcfakeserver.WithReceiptCallbackURL(""), "not an http(s) URL"},
		{"reply callback not http", "unused:tag", tcfakeserver.WithReplyCallbackURL("host.docker.internal:9000/r"), "WithReplyCallbackURL"},
		{"negative receipt delay", "unused:tag", tcfakeserver.WithReceiptDelay(-time.Second), "negative delay"},
		{"negative lifetime", "unused:tag", tcfakeserver.WithMaxLifetime(-time.Second), "negative lifetime"},
		{"host ip not an address", "unused:tag", tcfakeserver.WithHostIP("localhost"), `"localhost" is not an IP address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctr, err := tcfakeserver.Run(context.Background(), tt.img, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run error = %v, want one containing %q", err, tt.want)
			}
			if ctr != nil {
				t.Fatalf("Run returned a container %v for invalid options", ctr)
			}
		})
	}
}

// TestRunRejectsWithoutLeakingKeys checks that an invalid credential's
// error names the SecretId but never the key.
func TestRunRejectsWithoutLeakingKeys(t *testing.T) {
	_, err := tcfakeserver.Run(context.Background(), "unused:tag", tcfakeserver.WithCredentials("AKIDvisible", "topsecret,key"))
	if err == nil || strings.Contains(err.Error(), "topsecret") || !strings.Contains(err.Error(), "AKIDvisible") {
		t.Fatalf("error %v: want it to name the SecretId and not the key", err)
	}
}

// customize applies opts to an empty request, as Run does after its
// defaults, and returns the request and its host config.
func customize(t *testing.T, opts ...testcontainers.ContainerCustomizer) (testcontainers.GenericContainerRequest, container.HostConfig) {
	t.Helper()
	var req testcontainers.GenericContainerRequest
	for _, opt := range opts {
		if err := opt.Customize(&req); err != nil {
			t.Fatal(err)
		}
	}
	var hc container.HostConfig
	if req.HostConfigModifier != nil {
		req.HostConfigModifier(&hc)
	}
	return req, hc
}

// TestOptionsSetTheRequest checks what each option puts into the container
// request, without a Docker daemon: the server's environment variables, the
// seed file, the expiry label and the published address.
func TestOptionsSetTheRequest(t *testing.T) {
	config := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(config, []byte(`{"strict":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	before := time.Now().UTC().Truncate(time.Second)
	req, hc := customize(t,
		tcfakeserver.WithCredentials("AKIDone", "key1"),
		tcfakeserver.WithCredentials("AKIDtwo", "key:2"),
		tcfakeserver.WithStrict(),
		tcfakeserver.WithConfigFile(config),
		tcfakeserver.WithReceiptCallbackURL("http://host.docker.internal:9000/r"),
		tcfakeserver.WithReplyCallbackURL("https://example.test/replies"),
		tcfakeserver.WithReceiptDelay(1500*time.Millisecond),
		tcfakeserver.WithMaxLifetime(90*time.Minute),
		tcfakeserver.WithHostIP("0.0.0.0"),
	)
	wantEnv := map[string]string{
		"FAKESERVER_CREDENTIALS":          "AKIDone:key1,AKIDtwo:key:2",
		"FAKESERVER_STRICT":               "true",
		"FAKESERVER_CONFIG":               tcfakeserver.ConfigPath,
		"FAKESERVER_RECEIPT_CALLBACK_URL": "http://host.docker.internal:9000/r",
		"FAKESERVER_REPLY_CALLBACK_URL":   "https://example.test/replies",
		"FAKESERVER_RECEIPT_DELAY":        "1.5s",
		"FAKESERVER_MAX_LIFETIME":         "1h30m0s",
	}
	for k, v := range wantEnv {
		if req.Env[k] != v {
			t.Errorf("env %s = %q, want %q", k, req.Env[k], v)
		}
	}
	if len(req.Files) != 1 || req.Files[0].HostFilePath != config || req.Files[0].ContainerFilePath != tcfakeserver.ConfigPath {
		t.Errorf("files %+v, want %s copied to %s", req.Files, config, tcfakeserver.ConfigPath)
	}
	expires, err := time.Parse(time.RFC3339, req.Labels[tcfakeserver.ExpiresLabel])
	if err != nil {
		t.Fatalf("label %s: %v", tcfakeserver.ExpiresLabel, err)
	}
	if expires.Before(before.Add(90 * time.Minute)) {
		t.Errorf("expires %s, want at least 90 minutes after %s", expires, before)
	}
	bindings := hc.PortBindings[network.MustParsePort(tcfakeserver.Port)]
	if len(bindings) != 1 || bindings[0].HostIP.String() != "0.0.0.0" {
		t.Errorf("bindings of %s = %+v, want one on 0.0.0.0", tcfakeserver.Port, bindings)
	}
}

// TestMaxLifetimeZeroRemovesTheLimit checks that WithMaxLifetime(0) after
// a limit (Run's default comes first) leaves no limit and no expiry behind.
func TestMaxLifetimeZeroRemovesTheLimit(t *testing.T) {
	req, _ := customize(t, tcfakeserver.WithMaxLifetime(time.Hour), tcfakeserver.WithMaxLifetime(0))
	if v, ok := req.Env["FAKESERVER_MAX_LIFETIME"]; ok {
		t.Errorf("FAKESERVER_MAX_LIFETIME=%q after WithMaxLifetime(0)", v)
	}
	if v, ok := req.Labels[tcfakeserver.ExpiresLabel]; ok {
		t.Errorf("label %s=%q after WithMaxLifetime(0)", tcfakeserver.ExpiresLabel, v)
	}
}

// TestDefaultCredentialsMatchServer guards the copies of the server's
// default credentials.
func TestDefaultCredentialsMatchServer(t *testing.T) {
	if tcfakeserver.DefaultSecretID != fakeserver.DefaultSecretID || tcfakeserver.DefaultSecretKey != fakeserver.DefaultSecretKey {
		t.Fatalf("tcfakeserver defaults %q/%q differ from the server's %q/%q",
			tcfakeserver.DefaultSecretID, tcfakeserver.DefaultSecretKey, fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey)
	}
}
