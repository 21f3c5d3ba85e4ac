package notifier_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
	"github.com/notifykit/notifier/notifiertest"
	"github.com/notifykit/notifier/tencent"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/log"
)

// init sets, when the caller has not, the testcontainers settings a machine
// without registry access needs (see the tcfakeserver package
// documentation). It runs before testcontainers reads its configuration,
// which it does once per process.
func init() {
	// The Ryuk reaper is an image testcontainers would pull; nothing can be
	// pulled here. The test terminates its container itself.
	setEnvDefault("TESTCONTAINERS_RYUK_DISABLED", "true")
	// Where the machine looks like a container, testcontainers would use the
	// bridge gateway to reach published ports; they are on loopback too.
	setEnvDefault("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1")
}

func setEnvDefault(key, value string) {
	if _, ok := os.LookupEnv(key); !ok {
		os.Setenv(key, value)
	}
}

// TestContractContainer runs the contract suite against the Tencent adapter
// pointed at the fake server running as a container (the image built from
// this repository by tcfakeserver). Deliveries are read through the admin API
// and failures injected through its fault API. One container serves the
// whole suite; each subtest starts from a reset server.
func TestContractContainer(t *testing.T) {
	requireContainerDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr, err := tcfakeserver.Run(ctx, testcontainers.WithLogger(log.TestLogger(t)))
	testcontainers.CleanupContainer(t, ctr)
	if err != nil {
		t.Fatalf("tcfakeserver.Run: %v", err)
	}
	endpoint, err := ctr.Endpoint(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ctr.AdminURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	secretID, secretKey := ctr.Credentials()
	httpClient := &http.Client{Timeout: 10 * time.Second}

	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
		h := &containerHarness{admin: admin, http: httpClient}
		if err := h.reset(t.Context()); err != nil {
			t.Fatalf("resetting the fake server: %v", err)
		}
		client, err := tencent.New(tencent.Config{
			SecretID:  secretID,
			SecretKey: secretKey,
			SDKAppID:  "1400000001",
			SignName:  "Notifier",
			Endpoint:  endpoint,
			Scheme:    "http",
		})
		if err != nil {
			t.Fatalf("tencent.New: %v", err)
		}
		h.client = client
		return h
	})
}

// requireContainerDocker skips t when no Docker daemon answers, unless
// CI=true, where the container tests must run and a missing daemon fails.
func requireContainerDocker(t *testing.T) {
	t.Helper()
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil { // testcontainers panics in some set-ups without a daemon
				err = fmt.Errorf("testcontainers panicked: %v", r)
			}
		}()
		provider, err := testcontainers.ProviderDefault.GetProvider()
		if err != nil {
			return err
		}
		defer provider.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return provider.Health(ctx)
	}()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but Docker is not usable: %v", err)
	}
	t.Skipf("skipping: Docker is not usable (%v); the container contract runs where a Docker daemon answers", err)
}

// containerHarness drives the fake server container through its admin API.
type containerHarness struct {
	admin  string // base URL of the admin API, ".../_fake"
	http   *http.Client
	client *tencent.Client
}

var _ notifiertest.Harness = (*containerHarness)(nil)

func (h *containerHarness) Notifier() notifier.Notifier { return h.client }

func (h *containerHarness) Capabilities() notifiertest.Capabilities {
	return notifiertest.Capabilities{MaxRecipients: tencent.DefaultMaxRecipients, Receipts: true}
}

// Delivered reads GET /_fake/messages, which lists accepted messages in
// acceptance order a page at a time, following each page's next cursor.
func (h *containerHarness) Delivered(ctx context.Context) ([]notifiertest.Delivery, error) {
	var all []fakeserver.Message
	for next := ""; ; {
		var page struct {
			Messages []fakeserver.Message `json:"messages"`
			Next     string               `json:"next"`
		}
		path := "/messages?limit=10000&after=" + url.QueryEscape(next)
		if err := h.do(ctx, http.MethodGet, path, nil, http.StatusOK, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Messages...)
		if next = page.Next; next == "" {
			return deliveries(all), nil
		}
	}
}

// FailRecipient adds a per-number fault rule (POST /_fake/faults) answering
// sends to number with a Tencent code of that kind.
func (h *containerHarness) FailRecipient(ctx context.Context, number string, kind error) error {
	fault, err := recipientFault(number, kind)
	if err != nil {
		return err
	}
	return h.do(ctx, http.MethodPost, "/faults", fault, http.StatusCreated, nil)
}

// reset deletes held messages and fault rules, so each subtest starts from
// an empty server without paying for a new container.
func (h *containerHarness) reset(ctx context.Context) error {
	if err := h.do(ctx, http.MethodDelete, "/messages", nil, http.StatusOK, nil); err != nil {
		return err
	}
	return h.do(ctx, http.MethodDelete, "/faults", nil, http.StatusOK, nil)
}

// do sends one admin request with an optional JSON body and decodes the
// JSON answer into out when out is not nil.
func (h *containerHarness) do(ctx context.Context, method, path string, in any, want int, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.admin+path, body)
	if err != nil {
		return err
	}
	if method != http.MethodGet {
		// The admin API refuses state-changing requests of any other type.
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, b)
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

// TestRecipientFaultCodes checks that every code FailRecipient injects is a
// per-number code the adapter maps back to the kind asked for.
func TestRecipientFaultCodes(t *testing.T) {
	for kind, code := range failureCodes {
		info, ok := tcsms.Lookup(code)
		if !ok || !info.PerNumber || !errors.Is(info.Kind, kind) {
			t.Errorf("%s: Lookup = %+v, %v; want a per-number code of kind %v", code, info, ok, kind)
		}
	}
}
