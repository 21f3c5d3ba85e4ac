package tcfakeserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/testcontainers/testcontainers-go"
)

// run starts a container with opts and registers its removal.
func run(t *testing.T, opts ...testcontainers.ContainerCustomizer) *tcfakeserver.Container {
	t.Helper()
	requireDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr, err := tcfakeserver.Run(ctx, opts...)
	testcontainers.CleanupContainer(t, ctr)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return ctr
}

// containerEnv returns the environment the container was started with.
func containerEnv(t *testing.T, ctr *tcfakeserver.Container) []string {
	t.Helper()
	info, err := ctr.Inspect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.Config.Env
}

func TestRunDefaults(t *testing.T) {
	ctr := run(t)
	ctx := context.Background()

	endpoint, err := ctr.Endpoint(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	host, port, err := net.SplitHostPort(endpoint)
	if err != nil || host == "" || port == "" {
		t.Fatalf("Endpoint = %q, want host:port (%v)", endpoint, err)
	}
	withScheme, err := ctr.Endpoint(ctx, "http")
	if err != nil || withScheme != "http://"+endpoint {
		t.Fatalf(`Endpoint(ctx, "http") = %q, %v; want "http://%s"`, withScheme, err, endpoint)
	}

	admin, err := ctr.AdminURL(ctx)
	if err != nil || admin != "http://"+endpoint+"/_fake" {
		t.Fatalf("AdminURL = %q, %v; want http://%s/_fake", admin, err, endpoint)
	}
	resp, err := http.Get(admin + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var health struct{ Status string }
	if resp.StatusCode != 200 || json.Unmarshal(body, &health) != nil || health.Status != "ok" {
		t.Fatalf("GET /_fake/healthz = %d %s, want 200 {\"status\":\"ok\"}", resp.StatusCode, body)
	}

	if id, key := ctr.Credentials(); id != tcfakeserver.DefaultSecretID || key != tcfakeserver.DefaultSecretKey {
		t.Fatalf("Credentials = %q, %q; want the defaults", id, key)
	}

	info, err := ctr.Inspect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(info.Config.Image, tcfakeserver.ImageRepository+":src-") {
		t.Errorf("image %q, want the content-tagged image built from source", info.Config.Image)
	}
	if info.Config.User != "65532:65532" {
		t.Errorf("container user %q, want the image's non-root 65532:65532", info.Config.User)
	}
	if !slices.Contains(info.Config.Env, "FAKESERVER_ADDR=0.0.0.0:8080") {
		t.Errorf("env %q lacks the image's FAKESERVER_ADDR=0.0.0.0:8080", info.Config.Env)
	}
	for _, e := range info.Config.Env {
		if strings.HasPrefix(e, "FAKESERVER_CREDENTIALS=") || strings.HasPrefix(e, "FAKESERVER_STRICT=") {
			t.Errorf("env %q set without the option that sets it", e)
		}
	}
	if !slices.Contains(info.HostConfig.ExtraHosts, tcfakeserver.HostGateway+":host-gateway") {
		t.Errorf("extra hosts %q lack %s:host-gateway", info.HostConfig.ExtraHosts, tcfakeserver.HostGateway)
	}
}

// TestRunReusesSourceImage checks the content cache: a second container from
// source runs the very same image instead of building another.
func TestRunReusesSourceImage(t *testing.T) {
	first := run(t)
	second := run(t)
	a, err := first.Inspect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := second.Inspect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if a.Image != b.Image || a.Config.Image != b.Config.Image {
		t.Fatalf("two runs used images %s (%s) and %s (%s), want one", a.Config.Image, a.Image, b.Config.Image, b.Image)
	}
}

func TestRunPassesOptionsAsEnv(t *testing.T) {
	ctr := run(t,
		tcfakeserver.WithCredentials("AKIDfirst", "key1"),
		tcfakeserver.WithCredentials("AKIDsecond", "key:2"),
		tcfakeserver.WithStrict(),
	)
	env := containerEnv(t, ctr)
	for _, want := range []string{
		"FAKESERVER_CREDENTIALS=AKIDfirst:key1,AKIDsecond:key:2",
		"FAKESERVER_STRICT=true",
	} {
		if !slices.Contains(env, want) {
			t.Errorf("env %q lacks %q", env, want)
		}
	}
	if id, key := ctr.Credentials(); id != "AKIDfirst" || key != "key1" {
		t.Errorf("Credentials = %q, %q; want the first pair", id, key)
	}
}

func TestRunWithConfigFile(t *testing.T) {
	config := []byte(`{"credentials":{"AKIDfromfile":"keyfromfile"}}`)
	path := filepath.Join(t.TempDir(), "fakeserver.json")
	if err := os.WriteFile(path, config, 0o600); err != nil {
		t.Fatal(err)
	}
	ctr := run(t, tcfakeserver.WithConfigFile(path))

	if env := containerEnv(t, ctr); !slices.Contains(env, "FAKESERVER_CONFIG="+tcfakeserver.ConfigPath) {
		t.Errorf("env %q lacks FAKESERVER_CONFIG=%s", env, tcfakeserver.ConfigPath)
	}
	rc, err := ctr.CopyFileFromContainer(context.Background(), tcfakeserver.ConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, config) {
		t.Fatalf("%s in the container = %q, want %q", tcfakeserver.ConfigPath, got, config)
	}
}

// TestRunReturnsContainerOnError starts a server that listens on another
// port than the one Run waits on: Run must fail and still hand back the
// container so that the caller can remove it.
func TestRunReturnsContainerOnError(t *testing.T) {
	requireDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	ctr, err := tcfakeserver.Run(ctx, testcontainers.WithEnv(map[string]string{"FAKESERVER_ADDR": "0.0.0.0:9999"}))
	testcontainers.CleanupContainer(t, ctr)
	if err == nil {
		t.Fatal("Run succeeded although /_fake/healthz never answers on the waited port")
	}
	if ctr == nil {
		t.Fatalf("Run returned no container with its error %v", err)
	}
	if ctr.GetContainerID() == "" {
		t.Fatal("the returned container has no ID")
	}
}
