package tencent_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/tencent"
)

// startFakeServer starts an in-process fake of sms.tencentcloudapi.com and a
// client pointed at it; in production only Config differs (see New).
func startFakeServer() (*fakeserver.Server, *tencent.Client) {
	srv, err := fakeserver.New(fakeserver.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		log.Fatal(err)
	}
	c, err := tencent.New(tencent.Config{
		SecretID:  fakeserver.DefaultSecretID,
		SecretKey: fakeserver.DefaultSecretKey,
		SDKAppID:  "1400006666",
		SignName:  "腾讯云",
		Endpoint:  srv.Endpoint(),
		Scheme:    "http",
	})
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

// In production the credentials come from the environment (or a profile
// file or instance role) through the SDK's provider chain. This example is
// compiled but not run: it would reach Tencent.
func ExampleNew() {
	sms, err := tencent.New(tencent.Config{
		CredentialProvider: common.DefaultProviderChain(),
		SDKAppID:           "1400006666",
		SignName:           "Acme",
	}, tencent.WithLogger(slog.Default()))
	if err != nil {
		log.Fatal(err) // wraps tencent.ErrInvalidConfig
	}
	res, err := sms.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000000", "+14155550100"},
		Template: "1110",
		Params:   []string{"4370"},
	})
	for _, r := range res.Failed() {
		log.Printf("%s: %v (retry may help: %v)", r.Number, r.Err, notifier.IsTemporary(r.Err))
	}
	if err != nil {
		log.Print(err)
	}
}

// Tencent's first flow: send a verification code with template 1110.
func Example_send() {
	srv, c := startFakeServer()
	defer srv.Close()

	res, err := c.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000000", "+14155550100"},
		Template: "1110",
		Params:   []string{"4370"},
		Tag:      "login-42",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range res.Recipients {
		fmt.Printf("%s accepted=%v segments=%d\n", r.Number, r.MessageID != "", r.Segments)
	}
	fmt.Println("tag:", res.Tag)
	fmt.Println("handset shows:", srv.Messages()[0].Text)
	// Output:
	// +8613800000000 accepted=true segments=1
	// +14155550100 accepted=true segments=1
	// tag: login-42
	// handset shows: 【腾讯云】4370
}

// Tencent's second flow: pull delivery reports for what was sent.
func Example_pullStatus() {
	srv, c := startFakeServer()
	defer srv.Close()
	ctx := context.Background()

	res, err := c.Send(ctx, notifier.Message{To: []string{"+8613800000000"}, Template: "1110", Params: []string{"4370"}, Tag: "login-42"})
	if err != nil {
		log.Fatal(err)
	}
	receipts, err := c.PullReceipts(ctx, 100)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range receipts {
		fmt.Println(r.Number, r.Status, r.Code, r.Tag, r.MessageID == res.Recipients[0].MessageID)
	}
	// Output:
	// +8613800000000 delivered DELIVRD login-42 true
}

// Tencent's third flow: send statistics for the last hours.
func Example_statistics() {
	srv, c := startFakeServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := c.Send(ctx, notifier.Message{To: []string{"+8613800000000", "+8613800000001"}, Template: "1110", Params: []string{"4370"}}); err != nil {
		log.Fatal(err)
	}
	now := time.Now()
	st, err := c.SendStatistics(ctx, now.Add(-2*time.Hour), now)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("requests=%d accepted=%d segments=%d\n", st.Requests, st.Accepted, st.Segments)
	// Output:
	// requests=2 accepted=2 segments=2
}

// Tencent's fourth flow: submit a template and check its review.
func Example_addTemplate() {
	srv, c := startFakeServer()
	defer srv.Close()
	ctx := context.Background()

	id, err := c.AddTemplate(ctx, tencent.TemplateSpec{
		Name:    "login code",
		Content: "Your code is {1}, valid for {2} minutes.",
		Type:    tencent.VerificationCode,
		Area:    tencent.Mainland,
		Remark:  "sent at login",
	})
	if err != nil {
		log.Fatal(err)
	}
	list, err := c.ListTemplates(ctx, tencent.TemplateQuery{Area: tencent.Mainland, IDs: []string{id}})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range list {
		fmt.Println(t.ID == id, t.Name, t.Status)
	}
	// Output:
	// true login code approved
}

// A CallbackHandler receives the delivery reports Tencent POSTs and
// acknowledges them in Tencent's format.
func ExampleCallbackHandler() {
	h := &tencent.CallbackHandler{
		OnReceipts: func(_ context.Context, rs []notifier.Receipt) error {
			for _, r := range rs {
				fmt.Println(r.MessageID, r.Number, r.Status)
			}
			return nil // an error makes Tencent deliver the reports again
		},
	}
	body := `[{"user_receive_time":"2026-11-26 10:30:00","nationcode":"86","mobile":"13800000000","report_status":"SUCCESS","errmsg":"DELIVRD","description":"ok","sid":"2433:1"}]`
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/sms/reports", strings.NewReader(body)))
	fmt.Println(rec.Code, rec.Body.String())
	// Output:
	// 2433:1 +8613800000000 delivered
	// 200 {"result":0,"errmsg":"OK"}
}
