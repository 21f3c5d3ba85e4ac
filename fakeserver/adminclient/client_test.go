package adminclient_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/adminclient"
)

// admins returns the two Admins of one server: in process and over HTTP.
func admins(t *testing.T, srv *fakeserver.Server) map[string]fakeserver.Admin {
	t.Helper()
	c, err := adminclient.New(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]fakeserver.Admin{"in-process": srv.Admin(), "http": c}
}

func send(t *testing.T, srv *fakeserver.Server, number, param string) {
	t.Helper()
	cpf := profile.NewClientProfile()
	c, err := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	c.WithHttpTransport(srv.Transport())
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{number})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400006666"), common.StringPtr("100001")
	req.SignName, req.TemplateParamSet = common.StringPtr("Notifier"), common.StringPtrs([]string{param})
	if _, err := c.SendSms(req); err != nil {
		t.Fatal(err)
	}
}

// TestAdminsAgree runs one script against both Admins, so the HTTP client
// and the in-process one cannot drift apart.
func TestAdminsAgree(t *testing.T) {
	for _, name := range []string{"in-process", "http"} {
		t.Run(name, func(t *testing.T) {
			srv := fakeserver.Run(t, fakeserver.WithMaxClockSkew(-1))
			a := admins(t, srv)[name]
			ctx := t.Context()

			if err := a.AddTemplate(ctx, fakeserver.Template{ID: "100001", Content: "Your code is {1}"}); err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				send(t, srv, "+8613800000001", fmt.Sprint(i))
			}
			send(t, srv, "+8613800000002", "9")
			p, err := a.Page(ctx, fakeserver.Query{Filter: fakeserver.Filter{Number: "13800000001"}, Newest: true, Limit: 2})
			if err != nil || p.Total != 3 || len(p.Messages) != 2 || p.Messages[0].Text != "【Notifier】Your code is 2" || p.Next == "" {
				t.Fatalf("Page = %+v, %v", p, err)
			}
			if st, err := a.Stats(ctx); err != nil || st.Held != 4 {
				t.Errorf("Stats = %+v, %v", st, err)
			}
			first := p.Messages[1]
			if m, err := a.Message(ctx, first.SerialNo); err != nil || m.SerialNo != first.SerialNo || m.Text != first.Text {
				t.Errorf("Message(%s) = %+v, %v", first.SerialNo, m, err)
			}
			if err := a.DeleteMessage(ctx, first.SerialNo); err != nil {
				t.Error(err)
			}
			if _, err := a.Message(ctx, first.SerialNo); !errors.Is(err, fakeserver.ErrNotFound) {
				t.Errorf("Message after DeleteMessage: %v, want ErrNotFound", err)
			}
			if err := a.DeleteMessage(ctx, first.SerialNo); !errors.Is(err, fakeserver.ErrNotFound) {
				t.Errorf("DeleteMessage twice: %v, want ErrNotFound", err)
			}

			// Wait: one message now, a second from another goroutine later.
			go func() {
				time.Sleep(50 * time.Millisecond)
				send(t, srv, "+8613800000003", "1")
			}()
			wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			ms, err := a.Wait(wctx, fakeserver.Filter{Number: "+8613800000003"}, 1)
			cancel()
			if err != nil || len(ms) != 1 {
				t.Fatalf("Wait = %v, %v", ms, err)
			}
			short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
			_, err = a.Wait(short, fakeserver.Filter{Number: "+8613800000009"}, 1)
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Wait with nothing to find: %v, want context.DeadlineExceeded", err)
			}

			id, err := a.AddFault(ctx, fakeserver.Fault{Action: "SendSms", Code: "InternalError.Timeout"})
			if err != nil {
				t.Fatal(err)
			}
			if fs, err := a.Faults(ctx); err != nil || len(fs) != 1 || fs[0].ID != id {
				t.Errorf("Faults = %+v, %v", fs, err)
			}
			if err := a.RemoveFault(ctx, id); err != nil {
				t.Error(err)
			}
			if err := a.RemoveFault(ctx, id); !errors.Is(err, fakeserver.ErrNotFound) {
				t.Errorf("RemoveFault twice: %v, want ErrNotFound", err)
			}
			if ids, err := a.SetFaults(ctx, fakeserver.Fault{Code: "InternalError.Timeout"}, fakeserver.Fault{HTTP: fakeserver.HTTPReset}); err != nil || len(ids) != 2 {
				t.Errorf("SetFaults = %v, %v", ids, err)
			}
			if err := a.ClearFaults(ctx); err != nil {
				t.Error(err)
			}
			if _, err := a.AddFault(ctx, fakeserver.Fault{}); err == nil {
				t.Error("AddFault of an empty rule: nil error")
			}
			if err := a.SetChaos(ctx, fakeserver.Chaos{Seed: 7, Rate: 0.5}); err != nil {
				t.Error(err)
			}
			if ch, err := a.Chaos(ctx); err != nil || ch.Seed != 7 || ch.Rate != 0.5 || len(ch.Effects) == 0 {
				t.Errorf("Chaos = %+v, %v", ch, err)
			}
			if err := a.SetChaos(ctx, fakeserver.Chaos{}); err != nil {
				t.Error(err)
			}

			t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
			if got, err := a.SetTime(ctx, t0); err != nil || !got.Equal(t0) {
				t.Errorf("SetTime = %v, %v", got, err)
			}
			if got, err := a.AdvanceTime(ctx, 90*time.Second); err != nil || !got.Equal(t0.Add(90*time.Second)) {
				t.Errorf("AdvanceTime = %v, %v", got, err)
			}
			if now, err := a.Now(ctx); err != nil || !now.Equal(t0.Add(90*time.Second)) {
				t.Errorf("Now = %v, %v", now, err)
			}

			if err := a.AddApp(ctx, fakeserver.App{ID: "1400000002", Name: "second"}); err != nil {
				t.Error(err)
			}
			if err := a.AddSign(ctx, fakeserver.Sign{Name: "Acme", Status: fakeserver.StatusUnderReview}); err != nil {
				t.Error(err)
			}
			if err := a.ApproveSign(ctx, "Acme"); err != nil {
				t.Error(err)
			}
			if err := a.RejectSign(ctx, "Nope", ""); !errors.Is(err, fakeserver.ErrNotFound) {
				t.Errorf("RejectSign(unknown) = %v, want ErrNotFound", err)
			}
			if sg, err := a.Signs(ctx); err != nil || len(sg) != 1 || sg[0].Status != fakeserver.StatusApproved {
				t.Errorf("Signs = %+v, %v", sg, err)
			}
			if err := a.RejectTemplate(ctx, "100001", "too vague"); err != nil {
				t.Error(err)
			}
			if ts, err := a.Templates(ctx); err != nil || len(ts) != 1 || ts[0].Status != fakeserver.StatusRejected || ts[0].ReviewReply != "too vague" {
				t.Errorf("Templates = %+v, %v", ts, err)
			}
			if err := a.ApproveTemplate(ctx, "424242"); !errors.Is(err, fakeserver.ErrNotFound) {
				t.Errorf("ApproveTemplate(unknown) = %v, want ErrNotFound", err)
			}

			if err := a.InjectReply(ctx, fakeserver.Reply{Number: "+8613800000001", Text: "TD"}); err != nil {
				t.Error(err)
			}
			if rs, err := a.Replies(ctx); err != nil || len(rs) != 1 || rs[0].App != "1400006666" {
				t.Errorf("Replies = %+v, %v", rs, err)
			}
			if err := a.InjectReply(ctx, fakeserver.Reply{Number: "nope", Text: "x"}); err == nil {
				t.Error("InjectReply of a malformed number: nil error")
			}
			if cb, err := a.Callbacks(ctx); err != nil || len(cb) != 0 {
				t.Errorf("Callbacks = %+v, %v", cb, err)
			}
			if err := a.ClearCallbacks(ctx); err != nil {
				t.Error(err)
			}
			if d, err := a.Duplicates(ctx); err != nil || len(d) != 0 {
				t.Errorf("Duplicates = %+v, %v", d, err)
			}
			if err := a.Reset(ctx); err != nil {
				t.Error(err)
			}
			if p, err := a.Page(ctx, fakeserver.Query{}); err != nil || p.Total != 0 {
				t.Errorf("after Reset: %+v, %v", p, err)
			}
			done, cancel := context.WithCancel(ctx)
			cancel()
			if _, err := a.Stats(done); !errors.Is(err, context.Canceled) {
				t.Errorf("Stats with a cancelled ctx: %v", err)
			}
		})
	}
}

func TestNewRejectsBadURLs(t *testing.T) {
	for _, u := range []string{"", "127.0.0.1:8080", "ftp://x", "http://"} {
		if _, err := adminclient.New(u); err == nil {
			t.Errorf("New(%q): nil error", u)
		}
	}
	c, err := adminclient.New("http://127.0.0.1:1/_fake/", adminclient.WithToken("s3cret"))
	if err != nil || c.String() != "http://127.0.0.1:1" {
		t.Fatalf("New = %v, %v", c, err)
	}
}
