package tencent_test

import (
	"context"
	"errors"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/tencent"
)

// TestSendNoHiddenRetryOverGET checks that a SendSms whose answer is lost
// after the server stored it is not sent a second time behind the caller's
// back. net/http resends idempotent (GET) requests on its own when a reused
// connection fails, which for SendSms texts the person twice.
func TestSendNoHiddenRetryOverGET(t *testing.T) {
	for _, tc := range []struct{ name, sign, method string }{
		{"TC3 POST", "", "POST"},
		{"TC3 GET", "", "GET"},
		{"HmacSHA1 GET", tencent.SignHmacSHA1, "GET"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := fakeserver.Run(t)
			c, err := tencent.New(tencent.Config{
				SecretID: fakeserver.DefaultSecretID, SecretKey: fakeserver.DefaultSecretKey,
				SDKAppID: "1400006666", SignName: "Notifier", Endpoint: srv.Endpoint(), Scheme: "http",
				SignMethod: tc.sign, ReqMethod: tc.method,
			})
			if err != nil {
				t.Fatal(err)
			}
			msg := notifier.Message{To: []string{"+8613800005001"}, Template: "100001", Params: []string{"1"}}
			if _, err := c.Send(t.Context(), msg); err != nil { // leaves an idle keep-alive connection
				t.Fatal(err)
			}
			srv.AddFault(fakeserver.Fault{Action: "SendSms", HTTP: fakeserver.HTTPReset, Phase: fakeserver.PhaseAfter, Times: 1})
			msg.To = []string{"+8613800005002"}
			_, err = c.Send(t.Context(), msg)
			if !errors.Is(err, notifier.ErrUnavailable) {
				t.Errorf("Send after a lost answer: err = %v, want ErrUnavailable", err)
			}
			if n := len(srv.Messages()); n != 2 {
				t.Errorf("server stored %d messages, want 2 (no resend); duplicates: %+v", n, srv.Duplicates())
			}
			// The connection pool still works afterwards.
			msg.To = []string{"+8613800005003"}
			if _, err := c.Send(t.Context(), msg); err != nil {
				t.Errorf("Send after the reset: %v", err)
			}
		})
	}
}

// TestNilContext checks that a nil context, a bug in the caller, is an
// error from Send and the other methods, not a panic, and sends nothing.
func TestNilContext(t *testing.T) {
	srv := fakeserver.Run(t)
	c, err := tencent.New(tencent.Config{
		SecretID: fakeserver.DefaultSecretID, SecretKey: fakeserver.DefaultSecretKey,
		SDKAppID: "1400006666", SignName: "Notifier", Endpoint: srv.Endpoint(), Scheme: "http",
	})
	if err != nil {
		t.Fatal(err)
	}
	var nilCtx context.Context
	res, err := c.Send(nilCtx, notifier.Message{To: []string{"+8613800005001", "+14155555001"}, Template: "100001", Params: []string{"1"}})
	if !errors.Is(err, notifier.ErrNilContext) || len(res.Recipients) != 2 || res.Recipients[0].Err == nil || res.Recipients[1].Err == nil {
		t.Errorf("Send(nil ctx) = %+v, %v; want every recipient failed", res, err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("Send(nil ctx) sent %d messages", n)
	}
	if _, err := c.PullReceipts(nilCtx, 0); err == nil {
		t.Error("PullReceipts(nil ctx): nil error")
	}
	if _, err := c.ListTemplates(nilCtx, tencent.TemplateQuery{}); err == nil {
		t.Error("ListTemplates(nil ctx): nil error")
	}
}
