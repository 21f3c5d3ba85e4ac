package fakeserver_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/notifykit/notifier/fakeserver"
)

// TestFaultHTTPFailuresThroughSDK drives each HTTP-level failure through
// the official SDK and pins the error code the SDK reports for it.
func TestFaultHTTPFailuresThroughSDK(t *testing.T) {
	for _, tc := range []struct {
		fault    fakeserver.Fault
		wantCode string
		wantMsg  string // substring of the SDK's message
	}{
		{fakeserver.Fault{HTTP: fakeserver.HTTPReset}, "ClientError.NetworkError", "Fail to get response"},
		// The SDK parses every body as JSON before it looks at the status
		// (common.TryReadErr), so a gateway's HTML page is a ParseJsonError,
		// a JSON error envelope wins over the status, and only a JSON body
		// without an Error gives HttpStatusCodeError.
		{fakeserver.Fault{HTTP: fakeserver.HTTPStatus}, "ClientError.ParseJsonError", "Fail to parse json content: <html>"},
		{fakeserver.Fault{HTTP: fakeserver.HTTPStatus, Status: 503, Body: "{}"}, "ClientError.HttpStatusCodeError", "503 Service Unavailable, with body: {}"},
		{fakeserver.Fault{HTTP: fakeserver.HTTPStatus, Status: 500, Body: `{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r"}}`}, "InternalError", "boom"},
		{fakeserver.Fault{HTTP: fakeserver.HTTPTruncate}, "ClientError.ParseJsonError", "Fail to read http body, because: unexpected EOF"},
		{fakeserver.Fault{HTTP: fakeserver.HTTPMalformed, Body: "not json"}, "ClientError.ParseJsonError", "Fail to parse json content: not json"},
		{fakeserver.Fault{HTTP: fakeserver.HTTPHang}, "ClientError.NetworkError", "context deadline exceeded"},
		{fakeserver.Fault{Latency: fakeserver.Duration(time.Minute)}, "ClientError.NetworkError", "context deadline exceeded"},
	} {
		for _, phase := range []string{fakeserver.PhaseBefore, fakeserver.PhaseAfter} {
			name := tc.fault.HTTP + strconv.Itoa(tc.fault.Status) + "-" + phase
			if tc.fault.HTTP == "" {
				name = "latency-" + phase
			}
			t.Run(name, func(t *testing.T) {
				srv := fakeserver.Run(t)
				f := tc.fault
				f.Action, f.Phase = "SendSms", phase
				if _, err := srv.AddFault(f); err != nil {
					t.Fatal(err)
				}
				c := newClient(t, srv, signModes[0])
				ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
				defer cancel()
				_, err := c.SendSmsWithContext(ctx, sendReq([]string{"+8613800000001"}, "1", "x"))
				var e *tcerr.TencentCloudSDKError
				if !errors.As(err, &e) {
					t.Fatalf("error %v (%T) is not an SDK error", err, err)
				}
				t.Logf("SDK: %s: %s", e.GetCode(), e.GetMessage())
				if e.GetCode() != tc.wantCode || !strings.Contains(e.Error(), tc.wantMsg) {
					t.Errorf("SDK error %s %q; want %s containing %q", e.GetCode(), e.Error(), tc.wantCode, tc.wantMsg)
				}
				wantStored := 0
				if phase == fakeserver.PhaseAfter {
					wantStored = 1
				}
				if n := len(srv.Messages()); n != wantStored {
					t.Errorf("server holds %d messages, want %d", n, wantStored)
				}
				// The rule fires forever: a retry fails alike, and nothing
				// else broke (the next request on a fresh connection works
				// once the rule is gone).
				srv.ClearFaults()
				if _, err := c.SendSms(sendReq([]string{"+8613800000002"}, "1", "x")); err != nil {
					t.Errorf("after clearing: %v", err)
				}
			})
		}
	}
}

// TestFaultHTTPFailuresInProcess checks that Transport, which has no
// connection to reset or cut, reports the same SDK errors as a listener.
func TestFaultHTTPFailuresInProcess(t *testing.T) {
	for _, tc := range []struct {
		http, want string
	}{
		{fakeserver.HTTPReset, "ClientError.NetworkError"},
		{fakeserver.HTTPTruncate, "ClientError.ParseJsonError"},
		{fakeserver.HTTPMalformed, "ClientError.ParseJsonError"},
		{fakeserver.HTTPHang, "ClientError.NetworkError"},
	} {
		t.Run(tc.http, func(t *testing.T) {
			srv, err := fakeserver.New(fakeserver.Options{Faults: []fakeserver.Fault{{HTTP: tc.http, Phase: fakeserver.PhaseAfter}}})
			if err != nil {
				t.Fatal(err)
			}
			c := newInProcessClient(t, srv, signModes[0])
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err = c.SendSmsWithContext(ctx, sendReq([]string{"+8613800000001"}, "1", "x"))
			if code := sdkCode(t, err); code != tc.want {
				t.Errorf("SDK error %v; want %s", err, tc.want)
			}
			if len(srv.Messages()) != 1 {
				t.Errorf("server holds %d messages after a PhaseAfter fault, want 1", len(srv.Messages()))
			}
		})
	}
}

// TestFaultHangEndsAtClose checks that a hanging request does not outlive
// the server.
func TestFaultHangEndsAtClose(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{Faults: []fakeserver.Fault{{HTTP: fakeserver.HTTPHang}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv, signModes[0])
	done := make(chan error, 1)
	go func() {
		_, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
		done <- err
	}()
	for len(srv.Faults()) == 0 || srv.Faults()[0].Hits == 0 {
		time.Sleep(time.Millisecond) // wait until the request hangs
	}
	srv.Close()
	select {
	case err := <-done:
		if code := sdkCode(t, err); code != "ClientError.NetworkError" {
			t.Errorf("after Close: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the hanging request outlived Close")
	}
}
