package tcfakeserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/notifykit/notifier/notifiertest"
	"github.com/notifykit/notifier/tencent"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/log"
)

// TestContractContainer runs the contract suite against the Tencent adapter
// pointed at the fake server running as a container (the image built from
// this repository). Deliveries are read through the admin API and failures
// injected through its fault API. One container serves the whole suite;
// each subtest starts from a reset server.
func TestContractContainer(t *testing.T) {
	img := sourceImage(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr, err := tcfakeserver.Run(ctx, img, testcontainers.WithLogger(log.TestLogger(t)))
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

	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
		h := &containerHarness{admin: admin, http: http10s}
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

// http10s is the admin API client of the tests: no admin request takes
// seconds, so a hung server fails the test instead of stalling it.
var http10s = &http.Client{Timeout: 10 * time.Second}

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

// Delivered pages through GET /_fake/messages, which lists accepted
// messages in acceptance order.
func (h *containerHarness) Delivered(ctx context.Context) ([]notifiertest.Delivery, error) {
	var out []notifiertest.Delivery
	for after := ""; ; {
		var page fakeserver.Page
		if err := h.do(ctx, http.MethodGet, "/messages?limit=10000&after="+url.QueryEscape(after), nil, http.StatusOK, &page); err != nil {
			return nil, err
		}
		for _, m := range page.Messages {
			out = append(out, notifiertest.Delivery{Number: m.Number, MessageID: m.SerialNo, Template: m.Template,
				Params: m.Params, Sign: m.Sign, Tag: m.Tag, Text: m.Text})
		}
		if after = page.Next; after == "" {
			return out, nil
		}
	}
}

// failureCodes picks, for each kind, the per-number code Tencent uses most
// for it. The core module's contract_tencent_test.go keeps the same table
// and checks it against the code table the adapter maps with (an internal
// package this module does not import); the suite's own checks catch a code
// that maps to another kind.
var failureCodes = map[error]string{
	notifier.ErrRateLimited:      "LimitExceeded.PhoneNumberDailyLimit",
	notifier.ErrInvalidRecipient: "InvalidParameterValue.IncorrectPhoneNumber",
	notifier.ErrRejected:         "FailedOperation.PhoneNumberInBlacklist",
	notifier.ErrQuotaExceeded:    "FailedOperation.InsufficientBalanceInSmsPackage",
	notifier.ErrInvalidMessage:   "FailedOperation.TemplateIncorrectOrUnapproved",
	notifier.ErrUnavailable:      "InternalError.Timeout",
}

// FailRecipient adds a per-number fault rule (POST /_fake/faults) answering
// sends to number with a Tencent code of that kind.
func (h *containerHarness) FailRecipient(ctx context.Context, number string, kind error) error {
	code, ok := failureCodes[kind]
	if !ok {
		return fmt.Errorf("%w: no per-number code for %v", notifiertest.ErrNotSupported, kind)
	}
	fault := fakeserver.Fault{Action: "SendSms", Number: number, Code: code}
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
	if in != nil {
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
