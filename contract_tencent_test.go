package notifier_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
	"github.com/notifykit/notifier/notifiertest"
	"github.com/notifykit/notifier/tencent"
)

// signingModes are the four ways the adapter signs and sends; the contract
// suite runs in each, against a fresh in-process fake server per subtest.
var signingModes = []struct {
	name       string
	signMethod string
	reqMethod  string
}{
	{"TC3-POST", tencent.SignTC3, "POST"},
	{"TC3-GET", tencent.SignTC3, "GET"},
	{"HmacSHA1-POST", tencent.SignHmacSHA1, "POST"},
	{"HmacSHA256-GET", tencent.SignHmacSHA256, "GET"},
}

func TestContractTencentAgainstFakeServer(t *testing.T) {
	for _, mode := range signingModes {
		t.Run(mode.name, func(t *testing.T) {
			notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
				srv := fakeserver.Run(t)
				return &tencentHarness{srv: srv, client: newFakeServerClient(t, srv, mode.signMethod, mode.reqMethod)}
			})
		})
	}
}

// newFakeServerClient points the adapter at srv over loopback TCP, so the
// SDK signs for the real host:port and the fake server verifies it.
func newFakeServerClient(t *testing.T, srv *fakeserver.Server, signMethod, reqMethod string) *tencent.Client {
	t.Helper()
	c, err := tencent.New(tencent.Config{
		SecretID:   fakeserver.DefaultSecretID,
		SecretKey:  fakeserver.DefaultSecretKey,
		SDKAppID:   "1400006666",
		Endpoint:   srv.Endpoint(),
		Scheme:     "http",
		SignMethod: signMethod,
		ReqMethod:  reqMethod,
	})
	if err != nil {
		t.Fatalf("tencent.New: %v", err)
	}
	return c
}

// tencentHarness runs the adapter against a fake server and reads what the
// server accepted through its inspection API.
type tencentHarness struct {
	srv    *fakeserver.Server
	client *tencent.Client
}

func (h *tencentHarness) Notifier() notifier.Notifier { return h.client }

func (h *tencentHarness) Delivered(context.Context) ([]notifiertest.Delivery, error) {
	return deliveries(h.srv.Messages()), nil
}

func (h *tencentHarness) FailRecipient(_ context.Context, number string, kind error) error {
	fault, err := recipientFault(number, kind)
	if err != nil {
		return err
	}
	_, err = h.srv.AddFault(fault)
	return err
}

// deliveries converts the messages a fake server accepted, read in process
// or through its admin API, into the contract suite's terms.
func deliveries(ms []fakeserver.Message) []notifiertest.Delivery {
	out := make([]notifiertest.Delivery, len(ms))
	for i, m := range ms {
		out[i] = notifiertest.Delivery{Number: m.Number, MessageID: m.SerialNo, Template: m.Template,
			Params: m.Params, Sign: m.Sign, Tag: m.Tag, Text: m.Text}
	}
	return out
}

// recipientFault is the fault rule that makes a fake server fail sends to
// number with Tencent's per-number code for kind.
func recipientFault(number string, kind error) (fakeserver.Fault, error) {
	f, err := fakeserver.RecipientFault(number, kind)
	if err != nil {
		return f, fmt.Errorf("%w: %v", notifiertest.ErrNotSupported, err)
	}
	return f, nil
}

func (h *tencentHarness) Capabilities() notifiertest.Capabilities {
	return notifiertest.Capabilities{MaxRecipients: tencent.DefaultMaxRecipients, Receipts: true}
}

// requestCounter is a slog.Handler counting the fake server's "api request"
// records by action.
type requestCounter struct {
	mu       sync.Mutex // guards byAction
	byAction map[string]int
}

func (c *requestCounter) Enabled(context.Context, slog.Level) bool { return true }
func (c *requestCounter) WithAttrs([]slog.Attr) slog.Handler       { return c }
func (c *requestCounter) WithGroup(string) slog.Handler            { return c }
func (c *requestCounter) Handle(_ context.Context, r slog.Record) error {
	if r.Message != "api request" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "action" {
			c.mu.Lock()
			c.byAction[a.Value.String()]++
			c.mu.Unlock()
		}
		return true
	})
	return nil
}

func (c *requestCounter) count(action string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byAction[action]
}

func TestTencentMixedBatchIsOneResultInOrder(t *testing.T) {
	counter := &requestCounter{byAction: map[string]int{}}
	srv := fakeserver.Run(t, fakeserver.WithLogger(slog.New(counter)))
	c := newFakeServerClient(t, srv, tencent.SignTC3, "POST")

	var to []string
	for i := range 450 {
		if i%3 == 1 {
			to = append(to, fmt.Sprintf("+1415555%04d", 7000+i))
		} else {
			to = append(to, fmt.Sprintf("+861380000%04d", 7000+i))
		}
	}
	limited := to[301] // international
	if _, err := srv.AddFault(fakeserver.Fault{Action: "SendSms", Number: limited, Code: tcsms.CodePhoneNumberDailyLimit}); err != nil {
		t.Fatal(err)
	}
	res, err := c.Send(context.Background(), notifier.Message{To: to, Template: "100001", Params: []string{"4370"}, Sign: "Notifier", Tag: "mixed"})
	if err == nil || !notifier.IsTemporary(err) {
		t.Fatalf("err = %v, want the injected rate limit", err)
	}
	if len(res.Recipients) != len(to) || res.Tag != "mixed" {
		t.Fatalf("%d recipients, tag %q; want %d and the message tag", len(res.Recipients), res.Tag, len(to))
	}
	serials := map[string]string{}
	for _, m := range srv.Messages() {
		serials[m.Number] = m.SerialNo
	}
	for i, r := range res.Recipients {
		switch {
		case r.Number != to[i]:
			t.Fatalf("recipient %d is %s, want %s", i, r.Number, to[i])
		case r.Number == limited:
			var ne *notifier.Error
			if !errors.As(r.Err, &ne) || ne.Code != tcsms.CodePhoneNumberDailyLimit || ne.Recipient != limited {
				t.Errorf("limited recipient err = %v", r.Err)
			}
		case r.Err != nil || r.MessageID == "" || r.MessageID != serials[r.Number]:
			t.Fatalf("recipient %d = %+v, want accepted with the server's serial %q", i, r, serials[r.Number])
		}
	}
	if n := len(srv.Messages()); n != len(to)-1 {
		t.Errorf("server holds %d messages, want %d", n, len(to)-1)
	}
	// 300 mainland numbers make two requests (200 + 100), 150 international one.
	if n := counter.count("SendSms"); n != 3 {
		t.Errorf("fake server saw %d SendSms requests, want 3", n)
	}
}

// TestTencentLive sends one real SMS through Tencent Cloud. The contract
// suite is not run live: it texts about a thousand made-up numbers.
func TestTencentLive(t *testing.T) {
	vars := []string{"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "NOTIFIER_SDKAPPID", "NOTIFIER_SIGN", "NOTIFIER_TEMPLATE", "NOTIFIER_LIVE_TO"}
	if os.Getenv("NOTIFIER_LIVE") != "1" {
		t.Skip("live Tencent test: set NOTIFIER_LIVE=1 and " + strings.Join(vars, ", ") + " (NOTIFIER_PARAMS optional, comma-separated)")
	}
	var missing []string
	for _, v := range vars {
		if os.Getenv(v) == "" {
			missing = append(missing, v)
		}
	}
	if len(missing) > 0 {
		t.Skip("live Tencent test: NOTIFIER_LIVE=1 but " + strings.Join(missing, ", ") + " not set")
	}
	c, err := tencent.New(tencent.Config{
		CredentialProvider: common.DefaultEnvProvider(),
		SDKAppID:           os.Getenv("NOTIFIER_SDKAPPID"),
		SignName:           os.Getenv("NOTIFIER_SIGN"),
		Region:             os.Getenv("NOTIFIER_REGION"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var params []string
	if p := os.Getenv("NOTIFIER_PARAMS"); p != "" {
		params = strings.Split(p, ",")
	}
	res, err := c.Send(context.Background(), notifier.Message{To: []string{os.Getenv("NOTIFIER_LIVE_TO")}, Template: os.Getenv("NOTIFIER_TEMPLATE"), Params: params, Tag: "notifier-live"})
	if err != nil {
		t.Fatalf("live Send: %v", err)
	}
	if r := res.Recipients[0]; r.MessageID == "" || r.Segments < 1 {
		t.Errorf("live recipient = %+v, want a serial number and billed segments", r)
	}
}
