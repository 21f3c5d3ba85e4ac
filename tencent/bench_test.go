package tencent_test

import (
	"context"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/tencent"
)

// BenchmarkSendOne compares the adapter's Send of one number with a direct
// SDK SendSmsWithContext doing the same work (same fields, result checked),
// both against the fake server's in-process transport, so the difference
// is the adapter's own cost. Compare with benchstat:
//
//	go test -run '^$' -bench SendOne -count 10 -cpu 1 ./tencent | benchstat -col /impl -
//
// cpu-ns/op (process CPU time per op) is the figure to compare on a busy
// machine: wall time there mostly measures waiting for a CPU.
func BenchmarkSendOne(b *testing.B) {
	const (
		number   = "+8613800000000"
		appID    = "1400006666"
		template = "1110"
		sign     = "Notifier"
		tag      = "bench"
	)
	params := []string{"4370"}
	ctx := context.Background()

	b.Run("impl=adapter", func(b *testing.B) {
		srv, err := fakeserver.New(fakeserver.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c, err := tencent.New(tencent.Config{
			SecretID: fakeserver.DefaultSecretID, SecretKey: fakeserver.DefaultSecretKey,
			SDKAppID: appID, SignName: sign,
		}, tencent.WithHTTPTransport(srv.Transport()))
		if err != nil {
			b.Fatal(err)
		}
		m := notifier.Message{To: []string{number}, Template: template, Params: params, Tag: tag}
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			res, err := c.Send(ctx, m)
			if err != nil || res.Recipients[0].MessageID == "" {
				b.Fatalf("Send: %v", err)
			}
		}
	})

	// impl=sdk is the SDK as its samples configure it (NewClientProfile: a
	// 60 s http.Client timeout); impl=sdk-bare has no timeout at all, the
	// cheapest possible call. The adapter enforces its 60 s default with a
	// context per call instead.
	for _, bc := range []struct {
		name       string
		reqTimeout int
	}{{"impl=sdk", 60}, {"impl=sdk-bare", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			benchSDK(b, bc.reqTimeout, number, appID, template, sign, tag, params)
		})
	}
}

func benchSDK(b *testing.B, reqTimeout int, number, appID, template, sign, tag string, params []string) {
	ctx := context.Background()
	srv, err := fakeserver.New(fakeserver.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cpf := profile.NewClientProfile()
	cpf.Language = tencent.DefaultLanguage
	cpf.HttpProfile.ReqTimeout = reqTimeout
	sdk, err := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), tencent.DefaultRegion, cpf)
	if err != nil {
		b.Fatal(err)
	}
	sdk.WithHttpTransport(srv.Transport())
	// Pointers to existing strings, as the adapter uses: the baseline
	// does not pay for common.StringPtr allocations the adapter avoids.
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		req := sms.NewSendSmsRequest()
		req.PhoneNumberSet = []*string{&number}
		req.SmsSdkAppId = &appID
		req.TemplateId = &template
		req.SignName = &sign
		req.TemplateParamSet = []*string{&params[0]}
		req.SessionContext = &tag
		resp, err := sdk.SendSmsWithContext(ctx, req)
		if err != nil || resp.Response == nil || len(resp.Response.SendStatusSet) != 1 ||
			*resp.Response.SendStatusSet[0].Code != "Ok" || *resp.Response.SendStatusSet[0].SerialNo == "" {
			b.Fatalf("SendSms: %v", err)
		}
	}
}

// reportCPU starts counting process CPU time; the returned func reports it
// as cpu-ns/op, a figure that stays meaningful on a loaded machine.
func reportCPU(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		if end, ok2 := processCPU(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
