package tcfakeserver_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/log"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/adminclient"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/notifykit/notifier/notifiertest"
	"github.com/notifykit/notifier/tencent"
)

// TestContractContainer runs the contract suite against the Tencent adapter
// pointed at the fake server running as a container (the image built from
// this repository). Deliveries are read and failures injected through the
// container's typed admin client (Container.Admin). One container serves the
// whole suite; each subtest starts from a reset server.
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
	admin, err := ctr.Admin(ctx, adminclient.WithHTTPClient(&http.Client{Timeout: 10 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	secretID, secretKey := ctr.Credentials()

	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
		if err := admin.Reset(t.Context()); err != nil {
			t.Fatalf("resetting the fake server: %v", err)
		}
		if err := admin.ClearFaults(t.Context()); err != nil {
			t.Fatalf("clearing fault rules: %v", err)
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
		return &containerHarness{admin: admin, client: client}
	})
}

// containerHarness drives the fake server container through its admin
// client.
type containerHarness struct {
	admin  fakeserver.Admin
	client *tencent.Client
}

var _ notifiertest.Harness = (*containerHarness)(nil)

func (h *containerHarness) Notifier() notifier.Notifier { return h.client }

func (h *containerHarness) Capabilities() notifiertest.Capabilities {
	return notifiertest.Capabilities{MaxRecipients: tencent.DefaultMaxRecipients, Receipts: true}
}

// Delivered pages through the held messages, in acceptance order.
func (h *containerHarness) Delivered(ctx context.Context) ([]notifiertest.Delivery, error) {
	var out []notifiertest.Delivery
	for q := (fakeserver.Query{Limit: fakeserver.MaxPageLimit}); ; {
		page, err := h.admin.Page(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, m := range page.Messages {
			out = append(out, notifiertest.Delivery{Number: m.Number, MessageID: m.SerialNo, Template: m.Template,
				Params: m.Params, Sign: m.Sign, Tag: m.Tag, Text: m.Text})
		}
		if q.After = page.Next; q.After == "" {
			return out, nil
		}
	}
}

// FailRecipient adds the per-number fault rule fakeserver.RecipientFault
// gives for kind.
func (h *containerHarness) FailRecipient(ctx context.Context, number string, kind error) error {
	f, err := fakeserver.RecipientFault(number, kind)
	if err != nil {
		return fmt.Errorf("%w: %v", notifiertest.ErrNotSupported, err)
	}
	_, err = h.admin.AddFault(ctx, f)
	return err
}

// AddTemplate registers t with the container's server, approved, for the
// differential suite.
func (h *containerHarness) AddTemplate(ctx context.Context, t notifiertest.Template) error {
	return h.admin.AddTemplate(ctx, fakeserver.Template{ID: t.ID, Content: t.Text, International: t.International})
}

// TestDiffContainer runs the differential suite against the container: the
// fake with the adapter's rules must accept and refuse exactly what the
// Tencent adapter does against the fake server in its image, strict mode
// (permissive mode is diffed in process by the core module).
func TestDiffContainer(t *testing.T) {
	img := sourceImage(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctr, err := tcfakeserver.Run(ctx, img, tcfakeserver.WithStrict(), testcontainers.WithLogger(log.TestLogger(t)))
	testcontainers.CleanupContainer(t, ctr)
	if err != nil {
		t.Fatalf("tcfakeserver.Run: %v", err)
	}
	endpoint, err := ctr.Endpoint(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ctr.Admin(ctx, adminclient.WithHTTPClient(&http.Client{Timeout: 10 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.AddApp(ctx, fakeserver.App{ID: "1400000001"}); err != nil {
		t.Fatal(err)
	}
	if err := admin.AddSign(ctx, fakeserver.Sign{Name: "Notifier"}); err != nil {
		t.Fatal(err)
	}
	secretID, secretKey := ctr.Credentials()
	cfg := tencent.Config{SecretID: secretID, SecretKey: secretKey, SDKAppID: "1400000001", SignName: "Notifier",
		Endpoint: endpoint, Scheme: "http"}
	notifiertest.Diff(t, func(t *testing.T) notifiertest.Harness {
		if err := admin.Reset(t.Context()); err != nil {
			t.Fatalf("resetting the fake server: %v", err)
		}
		client, err := tencent.New(cfg)
		if err != nil {
			t.Fatalf("tencent.New: %v", err)
		}
		return &containerHarness{admin: admin, client: client}
	}, func(*testing.T) notifiertest.Harness {
		return notifiertest.FakeHarness(fake.New(fake.WithRules(cfg.Rules())),
			notifiertest.Capabilities{MaxRecipients: tencent.DefaultMaxRecipients, Receipts: true})
	})
}
