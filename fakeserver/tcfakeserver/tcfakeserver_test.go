package tcfakeserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moby/moby/api/types/network"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/log"
)

// run starts a container of the source image with opts and registers its
// removal.
func run(t *testing.T, opts ...testcontainers.ContainerCustomizer) *tcfakeserver.Container {
	t.Helper()
	img := sourceImage(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// testcontainers' progress lines go to the test's log, not stderr.
	opts = append([]testcontainers.ContainerCustomizer{testcontainers.WithLogger(log.TestLogger(t))}, opts...)
	ctr, err := tcfakeserver.Run(ctx, img, opts...)
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

// send sends one SMS to number through the official SDK, signed with the
// given credentials, and returns the recipient's SendStatus code, or the
// request's error.
func send(t *testing.T, ctr *tcfakeserver.Container, secretID, secretKey, app, template, number string) (string, error) {
	t.Helper()
	endpoint, err := ctr.Endpoint(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = endpoint
	cpf.HttpProfile.Scheme = "http"
	client, err := sms.NewClient(common.NewCredential(secretID, secretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	req := sms.NewSendSmsRequest()
	req.SmsSdkAppId = common.StringPtr(app)
	req.SignName = common.StringPtr("Notifier")
	req.TemplateId = common.StringPtr(template)
	req.TemplateParamSet = common.StringPtrs([]string{"4321"})
	req.PhoneNumberSet = common.StringPtrs([]string{number})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := client.SendSmsWithContext(ctx, req)
	if err != nil {
		return "", err
	}
	if len(resp.Response.SendStatusSet) != 1 {
		t.Fatalf("SendStatusSet has %d entries, want 1", len(resp.Response.SendStatusSet))
	}
	return *resp.Response.SendStatusSet[0].Code, nil
}

// sdkCode returns the Tencent error code of err, or "" when err is not a
// Tencent API error.
func sdkCode(err error) string {
	var e *tcerr.TencentCloudSDKError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// heldMessages returns the messages the server holds, from its admin API.
func heldMessages(t *testing.T, ctr *tcfakeserver.Container) []fakeserver.Message {
	t.Helper()
	admin, err := ctr.AdminURL(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(admin + "/messages")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Messages []fakeserver.Message
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return body.Messages
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

	id, key := ctr.Credentials()
	if id != tcfakeserver.DefaultSecretID || key != tcfakeserver.DefaultSecretKey {
		t.Fatalf("Credentials = %q, %q; want the defaults", id, key)
	}
	// The SDK, pointed at Endpoint with the returned credentials, gets
	// through, and the admin API shows what it sent.
	if code, err := send(t, ctr, id, key, "1400000001", "100001", "+8613800001234"); err != nil || code != "Ok" {
		t.Fatalf("SendSms = %q, %v; want Ok", code, err)
	}
	if held := heldMessages(t, ctr); len(held) != 1 || held[0].Number != "+8613800001234" || !strings.Contains(held[0].Text, "4321") {
		t.Fatalf("held messages %+v, want the one sent to +8613800001234 with its param", held)
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
		if strings.HasPrefix(e, "FAKESERVER_CREDENTIALS=") || strings.HasPrefix(e, "FAKESERVER_STRICT=") ||
			strings.HasPrefix(e, "FAKESERVER_RECEIPT_") || strings.HasPrefix(e, "FAKESERVER_REPLY_") {
			t.Errorf("env %q set without the option that sets it", e)
		}
	}
	if !slices.Contains(info.HostConfig.ExtraHosts, tcfakeserver.HostGateway+":host-gateway") {
		t.Errorf("extra hosts %q lack %s:host-gateway", info.HostConfig.ExtraHosts, tcfakeserver.HostGateway)
	}

	// The admin API is unauthenticated: the port is published on the
	// host's loopback only, never on every interface.
	bindings := info.NetworkSettings.Ports[network.MustParsePort(tcfakeserver.Port)]
	if len(bindings) == 0 {
		t.Errorf("port %s is not published: %v", tcfakeserver.Port, info.NetworkSettings.Ports)
	}
	for _, b := range bindings {
		if b.HostIP.String() != "127.0.0.1" {
			t.Errorf("port %s published on %s:%s, want 127.0.0.1 only", tcfakeserver.Port, b.HostIP, b.HostPort)
		}
	}

	// A killed test process cannot leave it running for ever: it is
	// labelled, and the server exits by itself after the default lifetime.
	if info.Config.Labels[tcfakeserver.Label] != "true" {
		t.Errorf("labels %v lack %s=true", info.Config.Labels, tcfakeserver.Label)
	}
	expires, err := time.Parse(time.RFC3339, info.Config.Labels[tcfakeserver.ExpiresLabel])
	if err != nil {
		t.Errorf("label %s: %v", tcfakeserver.ExpiresLabel, err)
	} else if created, err := time.Parse(time.RFC3339Nano, info.Created); err == nil {
		// Label and creation time come from the same machine's clock a
		// moment apart; the minute of slack is for that, not for timing.
		if d := expires.Sub(created); d < tcfakeserver.DefaultMaxLifetime-time.Minute || d > tcfakeserver.DefaultMaxLifetime+time.Minute {
			t.Errorf("%s = %s, %v after creation; want about DefaultMaxLifetime (%v)", tcfakeserver.ExpiresLabel, expires, d, tcfakeserver.DefaultMaxLifetime)
		}
	}
	if want := "FAKESERVER_MAX_LIFETIME=" + tcfakeserver.DefaultMaxLifetime.String(); !slices.Contains(info.Config.Env, want) {
		t.Errorf("env %q lacks %s", info.Config.Env, want)
	}

	// The banner names an address to dial, not the unspecified one the
	// server binds, and points at the published port.
	logs, err := ctr.Logs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	banner, _ := io.ReadAll(logs)
	logs.Close()
	for _, want := range []string{"listening on http://127.0.0.1:8080\n", `cpf.HttpProfile.Endpoint = "127.0.0.1:8080"`, "docker port NAME 8080"} {
		if !bytes.Contains(banner, []byte(want)) {
			t.Errorf("container output lacks %q:\n%s", want, banner)
		}
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

func TestRunWithOptions(t *testing.T) {
	ctr := run(t,
		tcfakeserver.WithCredentials("AKIDfirst", "key1"),
		tcfakeserver.WithCredentials("AKIDsecond", "key:2"),
		tcfakeserver.WithStrict(),
		tcfakeserver.WithReceiptCallbackURL("http://"+tcfakeserver.HostGateway+":9000/receipts"),
		tcfakeserver.WithReplyCallbackURL("http://"+tcfakeserver.HostGateway+":9000/replies"),
		tcfakeserver.WithReceiptDelay(90*time.Second),
		tcfakeserver.WithMaxLifetime(0), // no limit: undoes Run's default
	)
	env := containerEnv(t, ctr)
	for _, e := range env {
		if strings.HasPrefix(e, "FAKESERVER_MAX_LIFETIME=") {
			t.Errorf("env has %q after WithMaxLifetime(0)", e)
		}
	}
	if info, err := ctr.Inspect(context.Background()); err != nil {
		t.Fatal(err)
	} else if v, ok := info.Config.Labels[tcfakeserver.ExpiresLabel]; ok {
		t.Errorf("label %s=%s after WithMaxLifetime(0)", tcfakeserver.ExpiresLabel, v)
	}
	for _, want := range []string{
		"FAKESERVER_CREDENTIALS=AKIDfirst:key1,AKIDsecond:key:2",
		"FAKESERVER_STRICT=true",
		"FAKESERVER_RECEIPT_CALLBACK_URL=http://host.docker.internal:9000/receipts",
		"FAKESERVER_REPLY_CALLBACK_URL=http://host.docker.internal:9000/replies",
		"FAKESERVER_RECEIPT_DELAY=1m30s",
	} {
		if !slices.Contains(env, want) {
			t.Errorf("env %q lacks %q", env, want)
		}
	}
	if id, key := ctr.Credentials(); id != "AKIDfirst" || key != "key1" {
		t.Errorf("Credentials = %q, %q; want the first pair", id, key)
	}

	tests := []struct {
		name, id, key string
		want          string // Tencent error code of the request
	}{
		// The default pair is no longer accepted once credentials are given.
		{"default pair", tcfakeserver.DefaultSecretID, tcfakeserver.DefaultSecretKey, "AuthFailure.SecretIdNotFound"},
		{"wrong key", "AKIDfirst", "wrong", "AuthFailure.SignatureFailure"},
		// Both given pairs authenticate; strict mode then rejects the
		// unregistered app.
		{"first pair", "AKIDfirst", "key1", "InvalidParameterValue.SdkAppIdNotExist"},
		{"second pair", "AKIDsecond", "key:2", "InvalidParameterValue.SdkAppIdNotExist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := send(t, ctr, tt.id, tt.key, "1400000001", "100001", "+8613800001234")
			if got := sdkCode(err); got != tt.want {
				t.Fatalf("SendSms = %q, %v; want error code %s", code, err, tt.want)
			}
		})
	}
}

func TestRunWithConfigFile(t *testing.T) {
	config := []byte(`{
  "credentials": {"AKIDfromfile": "keyfromfile"},
  "strict": true,
  "apps": [{"id": "1400009999"}],
  "signs": [{"name": "Notifier"}],
  "templates": [{"id": "200001", "content": "Your code is {1}"}]
}`)
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

	// The server loaded it: the seeded app, sign and template pass strict
	// mode with the seeded credentials, and the text is rendered.
	if code, err := send(t, ctr, "AKIDfromfile", "keyfromfile", "1400009999", "200001", "+8613800005678"); err != nil || code != "Ok" {
		t.Fatalf("SendSms with the seeded app and template = %q, %v; want Ok", code, err)
	}
	if held := heldMessages(t, ctr); len(held) != 1 || !strings.Contains(held[0].Text, "Your code is 4321") {
		t.Fatalf("held messages %+v, want one rendered from the seeded template", held)
	}
	if _, err := send(t, ctr, "AKIDfromfile", "keyfromfile", "1400009999", "200002", "+8613800005678"); sdkCode(err) != "FailedOperation.TemplateIncorrectOrUnapproved" {
		t.Fatalf("SendSms with an unseeded template: %v; want FailedOperation.TemplateIncorrectOrUnapproved", err)
	}
}

// TestRunReturnsContainerOnError starts a server that listens on another
// port than the one Run waits on: Run must fail and still hand back the
// container so that the caller can remove it.
func TestRunReturnsContainerOnError(t *testing.T) {
	// The image is built first, so that the short deadline below is spent
	// waiting for readiness, never on building the image.
	img := sourceImage(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	ctr, err := tcfakeserver.Run(ctx, img, testcontainers.WithLogger(log.TestLogger(t)),
		testcontainers.WithEnv(map[string]string{"FAKESERVER_ADDR": "0.0.0.0:9999"}))
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

// TestMaxLifetimeEndsContainer checks what protects against a killed test
// process: the server exits by itself, cleanly, once its lifetime is over,
// and the container stops with it.
func TestMaxLifetimeEndsContainer(t *testing.T) {
	ctr := run(t, tcfakeserver.WithMaxLifetime(time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		info, err := ctr.Inspect(ctx)
		if err != nil {
			t.Fatalf("the container did not exit by itself: %v", err)
		}
		if !info.State.Running {
			if info.State.ExitCode != 0 {
				t.Errorf("exit code %d, want 0 (a clean shutdown)", info.State.ExitCode)
			}
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("the container is still running a minute after its one-second lifetime")
		case <-time.After(100 * time.Millisecond):
		}
	}
	logs, err := ctr.Logs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(logs)
	logs.Close()
	if !bytes.Contains(out, []byte("max lifetime reached")) {
		t.Errorf("the server's log does not say why it stopped:\n%s", out)
	}
}

// TestAdminToken starts a server whose admin API needs a token: a plain
// request is refused, and Container.Admin, which sends the token, works.
func TestAdminToken(t *testing.T) {
	ctr := run(t, tcfakeserver.WithAdminToken("s3cret-token"))
	ctx := t.Context()
	base, err := ctr.AdminURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("GET /_fake/stats without the token: %d, want 401", resp.StatusCode)
	}
	admin, err := ctr.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Stats(ctx); err != nil {
		t.Errorf("Container.Admin with the token: %v", err)
	}
	for _, bad := range []string{"", "with space", "tab\t"} {
		if _, err := tcfakeserver.Run(ctx, "unused", tcfakeserver.WithAdminToken(bad)); err == nil {
			t.Errorf("WithAdminToken(%q): nil error", bad)
		}
	}
}
