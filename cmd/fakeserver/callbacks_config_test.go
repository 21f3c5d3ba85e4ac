package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// TestCallbackConfigPrecedence checks the callback settings from the
// config file, the environment and flags, each overriding the one before.
func TestCallbackConfigPrecedence(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "seed.json")
	file := `{"receiptCallbackUrl":"http://file/r","replyCallbackUrl":"http://file/q","receiptDelay":"90s"}`
	if err := os.WriteFile(cfg, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name                  string
		args                  []string
		env                   map[string]string
		receipt, reply, delay string
	}{
		{"file", []string{"-config", cfg}, nil, "http://file/r", "http://file/q", "1m30s"},
		{"env over file", []string{"-config", cfg}, map[string]string{
			"FAKESERVER_RECEIPT_CALLBACK_URL": "http://env/r", "FAKESERVER_RECEIPT_DELAY": "0s",
		}, "http://env/r", "http://file/q", "0s"},
		{"flags over env", []string{"-receipt-callback", "http://flag/r", "-reply-callback", "http://flag/q", "-receipt-delay", "2s"},
			map[string]string{"FAKESERVER_REPLY_CALLBACK_URL": "http://env/q", "FAKESERVER_RECEIPT_DELAY": "1s"},
			"http://flag/r", "http://flag/q", "2s"},
		{"none", nil, nil, "", "", "0s"},
	} {
		c, err := parseConfig(tc.args, func(k string) string { return tc.env[k] }, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		opts, _, err := c.options()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if opts.ReceiptCallbackURL != tc.receipt || opts.ReplyCallbackURL != tc.reply || opts.ReceiptDelay.String() != tc.delay {
			t.Errorf("%s: receipt %q reply %q delay %s; want %q %q %s", tc.name,
				opts.ReceiptCallbackURL, opts.ReplyCallbackURL, opts.ReceiptDelay, tc.receipt, tc.reply, tc.delay)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"receiptDelay":90}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		env  map[string]string
	}{
		{[]string{"-receipt-delay", "soon"}, nil},
		{nil, map[string]string{"FAKESERVER_RECEIPT_DELAY": "soon"}},
		{[]string{"-config", bad}, nil},
		{[]string{"-receipt-callback", "not a url"}, nil},
		{[]string{"-receipt-delay", "-1s"}, nil},
	} {
		if err := run(context.Background(), append([]string{"-addr", "127.0.0.1:0"}, tc.args...), func(k string) string { return tc.env[k] }, io.Discard, io.Discard); err == nil {
			t.Errorf("%v %v: no error", tc.args, tc.env)
		}
	}
}

// TestReceiptCallbackFlag runs the command with -receipt-callback and
// checks that a send's receipt reaches the receiver.
func TestReceiptCallbackFlag(t *testing.T) {
	got := make(chan string, 10)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- string(b)
		_, _ = io.WriteString(w, `{"result":0,"errmsg":"OK"}`)
	}))
	defer rcv.Close()
	endpoint, _, _ := start(t, []string{"-receipt-callback", rcv.URL}, nil)
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613900000001"})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400000001"), common.StringPtr("1")
	req.SignName = common.StringPtr("Notifier") // mainland SMS needs a sign
	req.TemplateParamSet = common.StringPtrs([]string{"1234"})
	if _, err := client(t, endpoint, "AKIDEXAMPLE", "SECRETKEYEXAMPLE").SendSms(req); err != nil {
		t.Fatal(err)
	}
	select {
	case body := <-got:
		if !strings.Contains(body, `"mobile":"13900000001","report_status":"FAIL","errmsg":"EMPTY_NUMBER"`) {
			t.Errorf("pushed %s", body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no receipt pushed")
	}
}
