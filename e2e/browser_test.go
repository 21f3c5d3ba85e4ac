package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// chromiumPath returns the browser to drive: $CHROMIUM, Debian's
// /usr/bin/chromium, or chromium on the PATH. Without one the test skips,
// or fails under CI=true, where .ci/run installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	msg := "no Chromium: install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk) or set CHROMIUM"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile for the test
// and returns a tab's context; the browser ends with the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.Flag("no-sandbox", true), // root in a container
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// run runs actions with a deadline, failing the test with what was being
// done.
func run(t *testing.T, ctx context.Context, what string, timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		failureShot(t, ctx)
		t.Fatalf("%s: %v", what, err)
	}
}

// failureShot saves what the page showed when a step failed, and its text.
func failureShot(t *testing.T, ctx context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 2000)`)); err == nil {
		t.Logf("the page at the failure:\n%s", text)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		path := filepath.Join(newScreenshots(t).dir, "failure.png")
		err = os.WriteFile(path, png, 0o644)
		t.Logf("screenshot %s", path)
	}
	if err != nil {
		t.Logf("no screenshot of the failure: %v", err)
	}
}

// open navigates to url and waits until the element sel is visible. A
// load that Chromium aborts because the machine's network changed (another
// process starting a container adds an interface) is retried: it says
// nothing about the page.
func open(t *testing.T, ctx context.Context, what, url, sel string) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(sel)))
		cancel()
		if err == nil {
			return
		}
		if attempt < 3 && strings.Contains(err.Error(), "ERR_NETWORK_CHANGED") {
			t.Logf("%s: %v; loading again", what, err)
			continue
		}
		failureShot(t, ctx)
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitJS waits until the JavaScript condition holds, at most timeout.
func waitJS(t *testing.T, ctx context.Context, what, cond string, timeout time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, timeout+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(timeout))); err != nil {
		failureShot(t, ctx)
		t.Fatalf("%s: %v (waited for %s)", what, err, cond)
	}
}

// screenshots saves PNG screenshots in the test's temporary directory, or
// in $NOTIFIER_SCREENSHOTS when set, so a person can look at the page.
type screenshots struct {
	t   *testing.T
	dir string
}

func newScreenshots(t *testing.T) *screenshots {
	dir := t.TempDir()
	if keep := os.Getenv("NOTIFIER_SCREENSHOTS"); keep != "" {
		if err := os.MkdirAll(keep, 0o755); err != nil {
			t.Fatal(err)
		}
		dir = keep
	}
	return &screenshots{t, dir}
}

func (s *screenshots) take(ctx context.Context, name string) {
	s.t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(s.dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.t.Logf("screenshot %s", path)
}

// sdkClient returns the official Go SDK's SMS client pointed at srv.
func sdkClient(t *testing.T, srv *fakeserver.Server) *sms.Client {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	c, err := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// send sends one SendSms through the SDK and returns its SerialNos.
func send(t *testing.T, c *sms.Client, numbers []string, template, sign string, params ...string) []string {
	t.Helper()
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs(numbers)
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.TemplateId = common.StringPtr(template)
	req.SignName = common.StringPtr(sign)
	req.TemplateParamSet = common.StringPtrs(params)
	req.SessionContext = common.StringPtr("signup")
	resp, err := c.SendSms(req)
	if err != nil {
		t.Fatal(err)
	}
	var serials []string
	for _, st := range resp.Response.SendStatusSet {
		if *st.Code != "Ok" {
			t.Fatalf("SendSms to %s: %s %s", *st.PhoneNumber, *st.Code, *st.Message)
		}
		serials = append(serials, *st.SerialNo)
	}
	return serials
}
