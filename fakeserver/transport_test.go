package fakeserver_test

import (
	"context"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// newInProcessClient returns an SDK client that reaches srv through its
// Transport, with the SDK's default endpoint and scheme.
func newInProcessClient(t testing.TB, srv *fakeserver.Server, mode signMode) *sms.Client {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.ReqMethod = mode.method
	cpf.SignMethod = mode.signMethod
	c, err := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	c.WithHttpTransport(srv.Transport())
	return c
}

func TestTransportAllModes(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{}) // never started: no listener
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			c := newInProcessClient(t, srv, mode)
			resp, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", mode.name))
			if err != nil {
				t.Fatal(err)
			}
			m, err := srv.WaitFor(context.Background(), func(m fakeserver.Message) bool { return m.Params[0] == mode.name })
			if err != nil || m.SerialNo != *resp.Response.SendStatusSet[0].SerialNo {
				t.Errorf("WaitFor: %+v, %v", m, err)
			}
		})
	}
	if srv.Endpoint() != "" || srv.URL() != "" {
		t.Errorf("unstarted server has endpoint %q", srv.Endpoint())
	}
}

func TestTransportHonoursCancelledContext(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	c := newInProcessClient(t, srv, signModes[0])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.SendSmsWithContext(ctx, sendReq([]string{"+8613800000001"}, "1")); err == nil {
		t.Fatal("send with a cancelled context succeeded")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages held after a cancelled send", n)
	}
}
