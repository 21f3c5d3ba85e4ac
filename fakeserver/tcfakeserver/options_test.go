package tcfakeserver_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
		opt  testcontainers.ContainerCustomizer
		want string
	}{
		{"empty image", tcfakeserver.WithImage(" "), "empty image reference"},
		{"empty secret id", tcfakeserver.WithCredentials("", "key"), "must not be empty"},
		{"empty secret key", tcfakeserver.WithCredentials("AKID", ""), "must not be empty"},
		{"comma in id", tcfakeserver.WithCredentials("AK,ID", "key"), "must not contain"},
		{"colon in id", tcfakeserver.WithCredentials("AK:ID", "key"), "must not contain"},
		{"comma in key", tcfakeserver.WithCredentials("AKID", "k,ey"), "must not contain"},
		{"missing config", tcfakeserver.WithConfigFile(missing), "missing.json"},
		{"config is a directory", tcfakeserver.WithConfigFile(t.TempDir()), "not a regular file"},
		{"receipt callback not http", tcfakeserver.WithReceiptCallbackURL("ftp://host/x"), "WithReceiptCallbackURL: \"ftp://host/x\" is not an http(s) URL"},
		{"receipt callback empty", tcfakeserver.WithReceiptCallbackURL(""), "not an http(s) URL"},
		{"reply callback not http", tcfakeserver.WithReplyCallbackURL("host.docker.internal:9000/r"), "WithReplyCallbackURL"},
		{"negative receipt delay", tcfakeserver.WithReceiptDelay(-time.Second), "negative delay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctr, err := tcfakeserver.Run(context.Background(), tcfakeserver.WithImage("unused:tag"), tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run error = %v, want one containing %q", err, tt.want)
			}
			if ctr != nil {
				t.Fatalf("Run returned a container %v for invalid options", ctr)
			}
		})
	}
}

// TestOptionCustomizeIsNoOp checks that a module option leaves the generic
// request alone: Run applies module options itself.
func TestOptionCustomizeIsNoOp(t *testing.T) {
	req := testcontainers.GenericContainerRequest{}
	if err := tcfakeserver.WithStrict().Customize(&req); err != nil {
		t.Fatal(err)
	}
	if req.Image != "" || len(req.Env) != 0 {
		t.Fatalf("Customize changed the request: %+v", req.ContainerRequest)
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
