package fakeserver_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// TestConcurrentSends drives the server from many goroutines while others
// inspect it; run with -race. Every accepted message must be held once,
// with a unique serial number.
func TestConcurrentSends(t *testing.T) {
	srv := fakeserver.Run(t)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			c := newInProcessClient(t, srv, signModes[w%len(signModes)])
			for i := range each {
				tag := fmt.Sprintf("w%d-%d", w, i)
				req := sendReq([]string{"+8613800000001", "+8613800000002"}, "1", tag)
				if _, err := c.SendSms(req); err != nil {
					t.Error(err)
					return
				}
			}
		})
		wg.Go(func() { _ = srv.Messages(); _ = srv.Find(fakeserver.Filter{Number: "+8613800000001"}) })
	}
	ms, err := srv.WaitFor(context.Background(), func(m fakeserver.Message) bool { return m.Params[0] == "w7-9" })
	if err != nil || ms.Params[0] != "w7-9" {
		t.Errorf("WaitFor: %v", err)
	}
	wg.Wait()
	all := srv.Messages()
	if len(all) != workers*each*2 {
		t.Fatalf("%d messages held, want %d", len(all), workers*each*2)
	}
	seen := map[string]bool{}
	for _, m := range all {
		if seen[m.SerialNo] {
			t.Fatalf("serial %s repeats", m.SerialNo)
		}
		seen[m.SerialNo] = true
	}
}

// TestLogsHoldNoSecrets checks that request logs name the action and code
// but never the key, the signature or message content.
func TestLogsHoldNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(p)
	}), &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := fakeserver.Run(t, fakeserver.WithLogger(logger), fakeserver.WithCredential("AKIDLOG", "TOPSECRETKEY"))
	good := newClient(t, srv, signModes[0], clientOpts{"AKIDLOG", "TOPSECRETKEY"})
	bad := newClient(t, srv, signModes[2], clientOpts{"AKIDLOG", "WRONGSECRET"})
	if _, err := good.SendSms(sendReq([]string{"+8613800000001"}, "1", "987654")); err != nil {
		t.Fatal(err)
	}
	_, _ = bad.SendSms(sendReq([]string{"+8613800000001"}, "1", "987654"))
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	for _, want := range []string{"action=SendSms", "code=Ok", "code=AuthFailure.SignatureFailure"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"TOPSECRETKEY", "WRONGSECRET", "987654", "Signature="} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
