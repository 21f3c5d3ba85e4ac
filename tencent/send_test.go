package tencent_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

func TestSendMapsMessageToSendSms(t *testing.T) {
	cs := newCanned(t, okStatuses)
	c := cs.client(t)
	res, err := c.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000001"},
		Template: "100002",
		Params:   []string{"1234", "5"},
		Tag:      "order-7",
		SenderID: "ACME", // international only: must not reach a mainland request
	})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	want := notifier.Result{Tag: "order-7", Recipients: []notifier.Recipient{{Number: "+8613800000001", MessageID: "sn-+8613800000001", Segments: 1}}}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Errorf("Result = %+v, want %+v", res, want)
	}
	calls := cs.Calls()
	if len(calls) != 1 || calls[0].Action != "SendSms" {
		t.Fatalf("calls = %+v, want one SendSms", calls)
	}
	b := calls[0].Body
	for k, v := range map[string]string{"SmsSdkAppId": "1400006666", "TemplateId": "100002", "SignName": "Notifier", "SessionContext": "order-7"} {
		if b[k] != v {
			t.Errorf("%s = %v, want %q", k, b[k], v)
		}
	}
	if got := strs(b["TemplateParamSet"]); !slices.Equal(got, []string{"1234", "5"}) {
		t.Errorf("TemplateParamSet = %q", got)
	}
	if _, ok := b["SenderId"]; ok {
		t.Errorf("SenderId sent to a mainland number: %v", b["SenderId"])
	}
}

func TestSendInternationalCarriesSenderIDAndMessageSign(t *testing.T) {
	cs := newCanned(t, okStatuses)
	c := cs.client(t, func(cfg *tencent.Config) { cfg.SenderID = "DEFAULT" })
	if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+14155550001"}, Template: "1", Sign: "Other"}); err != nil {
		t.Fatal(err)
	}
	b := cs.Calls()[0].Body
	if b["SenderId"] != "DEFAULT" || b["SignName"] != "Other" {
		t.Errorf("SenderId = %v, SignName = %v; want the config's sender ID and the message's sign", b["SenderId"], b["SignName"])
	}
	if _, ok := b["TemplateParamSet"]; ok {
		t.Errorf("TemplateParamSet sent without params: %v", b["TemplateParamSet"])
	}
}

func TestSendPerNumberFailures(t *testing.T) {
	failing := map[string]string{
		"+8613800000002": "LimitExceeded.PhoneNumberDailyLimit",
		"+8613800000003": "FailedOperation.PhoneNumberInBlacklist",
		"+8613800000004": "FailedOperation.InsufficientBalanceInSmsPackage",
		"+8613800000005": "FailedOperation.TemplateIncorrectOrUnapproved",
	}
	kinds := map[string]error{
		"+8613800000002": notifier.ErrRateLimited,
		"+8613800000003": notifier.ErrRejected,
		"+8613800000004": notifier.ErrQuotaExceeded,
		"+8613800000005": notifier.ErrInvalidMessage,
	}
	cs := newCanned(t, func(c call) string {
		var parts []string
		for _, n := range strs(c.Body["PhoneNumberSet"]) {
			if code, ok := failing[n]; ok {
				parts = append(parts, fmt.Sprintf(`{"SerialNo":"","PhoneNumber":%q,"Fee":0,"Code":%q,"Message":"no: %s","IsoCode":""}`, n, code, code))
			} else {
				parts = append(parts, fmt.Sprintf(`{"SerialNo":"sn-%s","PhoneNumber":%q,"Fee":2,"Code":"Ok","Message":"send success","IsoCode":"CN"}`, n, n))
			}
		}
		return `{"SendStatusSet":[` + strings.Join(parts, ",") + `]}`
	})
	to := []string{"+8613800000001", "+8613800000002", "+8613800000003", "+8613800000004", "+8613800000005", "+8613800000006"}
	res, err := cs.client(t).Send(context.Background(), notifier.Message{To: to, Template: "1"})

	var batch *notifier.BatchError
	if !errors.As(err, &batch) || len(batch.Errs) != 4 || batch.Total != 6 {
		t.Fatalf("err = %v, want a *BatchError of 4 in 6", err)
	}
	for i, r := range res.Recipients {
		if r.Number != to[i] {
			t.Fatalf("recipient %d is %s, want %s", i, r.Number, to[i])
		}
		kind, fails := kinds[r.Number]
		if !fails {
			if r.Err != nil || r.MessageID != "sn-"+r.Number || r.Segments != 2 {
				t.Errorf("%s: %+v, want accepted with its serial number and 2 segments", r.Number, r)
			}
			continue
		}
		var ne *notifier.Error
		var sdkErr *tcerr.TencentCloudSDKError
		switch {
		case !errors.Is(r.Err, kind):
			t.Errorf("%s: err %v, want kind %v", r.Number, r.Err, kind)
		case !errors.As(r.Err, &ne) || ne.Code != failing[r.Number] || ne.Recipient != r.Number || ne.RequestID != "req-1" || ne.Message != "no: "+failing[r.Number]:
			t.Errorf("%s: *notifier.Error = %+v", r.Number, ne)
		case !errors.As(r.Err, &sdkErr) || sdkErr.Code != failing[r.Number] || sdkErr.RequestId != "req-1":
			t.Errorf("%s: SDK error = %+v", r.Number, sdkErr)
		case !errors.Is(err, kind):
			t.Errorf("returned error does not reach %v", kind)
		case r.MessageID != "" || r.Segments != 0:
			t.Errorf("%s: failed but has MessageID %q, Segments %d", r.Number, r.MessageID, r.Segments)
		}
	}
}

func TestSendRequestLevelError(t *testing.T) {
	cs := newCanned(t, func(call) string { return "ERROR AuthFailure.SignatureFailure bad signature" })
	res, err := cs.client(t).Send(context.Background(), notifier.Message{To: []string{"+8613800000001", "+14155550001"}, Template: "1"})
	var ne *notifier.Error
	if !errors.As(err, &ne) || ne.Code != "AuthFailure.SignatureFailure" || ne.RequestID == "" || ne.Recipient != "" {
		t.Fatalf("err = %#v, want the request-level *notifier.Error itself", err)
	}
	if !errors.Is(err, notifier.ErrUnauthorized) {
		t.Errorf("err %v is not ErrUnauthorized", err)
	}
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) || sdkErr.Code != "AuthFailure.SignatureFailure" || sdkErr.Message != "bad signature" {
		t.Errorf("SDK error = %+v", sdkErr)
	}
	for _, r := range res.Recipients {
		if r.Err != err {
			t.Errorf("%s: err %v, want the shared request error", r.Number, r.Err)
		}
	}
	// Mainland and international go in two requests, but after an
	// authorisation failure the second is not attempted.
	if n := len(cs.Calls()); n != 1 {
		t.Errorf("%d requests after an auth failure, want 1", n)
	}
}

func TestSendOtherRequestErrorsDoNotStopOtherBatches(t *testing.T) {
	cs := newCanned(t, func(c call) string {
		if strings.HasPrefix(strs(c.Body["PhoneNumberSet"])[0], "+86") {
			return "ERROR InternalError.Timeout backend timeout"
		}
		return okStatuses(c)
	})
	res, err := cs.client(t).Send(context.Background(), notifier.Message{To: []string{"+8613800000001", "+14155550001"}, Template: "1"})
	if !errors.Is(err, notifier.ErrUnavailable) || !notifier.IsTemporary(err) {
		t.Fatalf("err = %v, want a temporary ErrUnavailable", err)
	}
	if res.Recipients[1].Err != nil || res.Recipients[1].MessageID == "" {
		t.Errorf("international recipient %+v, want accepted", res.Recipients[1])
	}
	if len(cs.Calls()) != 2 {
		t.Errorf("%d requests, want 2", len(cs.Calls()))
	}
}

func TestSendValidation(t *testing.T) {
	tests := []struct {
		name string
		m    notifier.Message
		kind error
	}{
		{"no recipients", notifier.Message{Template: "1"}, notifier.ErrInvalidMessage},
		{"no template", notifier.Message{To: []string{"+8613800000001"}}, notifier.ErrInvalidMessage},
		{"body", notifier.Message{To: []string{"+8613800000001"}, Body: "hi"}, notifier.ErrUnsupported},
		{"template and body", notifier.Message{To: []string{"+8613800000001"}, Template: "1", Body: "hi"}, notifier.ErrUnsupported},
		{"too many", notifier.Message{To: numbers("+86138", 11), Template: "1"}, notifier.ErrInvalidMessage},
		{"tag too long", notifier.Message{To: []string{"+8613800000001"}, Template: "1", Tag: strings.Repeat("x", notifier.MaxTagBytes+1)}, notifier.ErrInvalidMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := newCanned(t, okStatuses)
			c := cs.client(t, func(cfg *tencent.Config) { cfg.MaxRecipients = 10 })
			res, err := c.Send(context.Background(), tt.m)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want %v", err, tt.kind)
			}
			if len(res.Recipients) != len(tt.m.To) {
				t.Errorf("%d recipients in Result, want %d", len(res.Recipients), len(tt.m.To))
			}
			for _, r := range res.Recipients {
				if r.Err != err {
					t.Errorf("%s: err %v, want the message error", r.Number, r.Err)
				}
			}
			if n := len(cs.Calls()); n != 0 {
				t.Errorf("%d requests for an invalid message", n)
			}
		})
	}
}

func TestSendMalformedNumbersFailAlone(t *testing.T) {
	cs := newCanned(t, okStatuses)
	// "12345" is not E.164; "+8623456789012" is, but is no mainland mobile
	// number (tcsms.ParseNumber), which Tencent would refuse per number.
	res, err := cs.client(t).Send(context.Background(), notifier.Message{To: []string{"12345", "+8613800000001", "+8623456789012"}, Template: "1"})
	if !errors.Is(err, notifier.ErrInvalidRecipient) {
		t.Fatalf("err = %v, want ErrInvalidRecipient", err)
	}
	if res.Recipients[0].Err == nil || res.Recipients[2].Err == nil || res.Recipients[1].Err != nil {
		t.Errorf("recipients = %+v, want only the middle one accepted", res.Recipients)
	}
	var ne *notifier.Error
	if !errors.As(res.Recipients[2].Err, &ne) || ne.Code != "InvalidParameterValue.IncorrectPhoneNumber" || ne.Recipient != "+8623456789012" {
		t.Errorf("mainland landline error = %v, want IncorrectPhoneNumber for that recipient", res.Recipients[2].Err)
	}
	if calls := cs.Calls(); len(calls) != 1 || !slices.Equal(strs(calls[0].Body["PhoneNumberSet"]), []string{"+8613800000001"}) {
		t.Errorf("calls = %+v, want one request with only the valid number", calls)
	}
}

func TestSendSplitsMixedLargeBatchesInOrder(t *testing.T) {
	cs := newCanned(t, okStatuses)
	var to []string
	for i := range 450 {
		if i%3 == 2 {
			to = append(to, fmt.Sprintf("+1415555%04d", i))
		} else {
			to = append(to, fmt.Sprintf("+861380000%04d", i))
		}
	}
	res, err := cs.client(t).Send(context.Background(), notifier.Message{To: to, Template: "1"})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	for i, r := range res.Recipients {
		if r.Number != to[i] || r.MessageID != "sn-"+to[i] || r.Err != nil {
			t.Fatalf("recipient %d = %+v, want %s accepted with its own serial number", i, r, to[i])
		}
	}
	calls := cs.Calls()
	var sizes []int
	for _, c := range calls {
		nums := strs(c.Body["PhoneNumberSet"])
		sizes = append(sizes, len(nums))
		mainland := strings.HasPrefix(nums[0], "+86")
		for _, n := range nums {
			if strings.HasPrefix(n, "+86") != mainland {
				t.Errorf("request mixes mainland and international numbers")
			}
		}
	}
	// 300 mainland numbers need two requests, 150 international numbers one.
	if !slices.Equal(sizes, []int{200, 150, 100}) {
		t.Errorf("request sizes %v, want [200 150 100]", sizes)
	}
}

func TestSendMatchesStatusesByNumber(t *testing.T) {
	cs := newCanned(t, func(c call) string {
		nums := strs(c.Body["PhoneNumberSet"])
		slices.Reverse(nums) // the API does not promise the request's order
		var parts []string
		for i, n := range nums {
			if i == 0 {
				continue // and a number may be missing
			}
			parts = append(parts, fmt.Sprintf(`{"SerialNo":"sn-%d","PhoneNumber":%q,"Fee":1,"Code":"Ok"}`, i, strings.TrimPrefix(n, "+")))
		}
		return `{"SendStatusSet":[` + strings.Join(parts, ",") + `]}`
	})
	to := []string{"+8613800000001", "+8613800000002", "+8613800000002", "+8613800000003"}
	res, err := cs.client(t).Send(context.Background(), notifier.Message{To: to, Template: "1"})
	// Reversed: 3 (dropped), 2 -> sn-1, 2 -> sn-2, 1 -> sn-3.
	want := []string{"sn-3", "sn-1", "sn-2", ""}
	for i, r := range res.Recipients {
		if r.MessageID != want[i] {
			t.Errorf("recipient %d MessageID %q, want %q", i, r.MessageID, want[i])
		}
	}
	if last := res.Recipients[3].Err; !errors.Is(last, notifier.ErrUnavailable) || err != last {
		t.Errorf("missing status: recipient err %v, Send err %v; want ErrUnavailable returned", last, err)
	}
}

func TestSendContext(t *testing.T) {
	t.Run("cancelled before", func(t *testing.T) {
		cs := newCanned(t, okStatuses)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		res, err := cs.client(t).Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
		if !errors.Is(err, context.Canceled) || !errors.Is(res.Recipients[0].Err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
		if len(cs.Calls()) != 0 {
			t.Errorf("a request was sent with a cancelled context")
		}
	})
	t.Run("cancelled in flight", func(t *testing.T) {
		c, err := tencent.New(tencent.Config{SecretID: "AKID", SecretKey: "KEY", SDKAppID: "1400006666", Endpoint: hangingServer(t)})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		_, err = c.Send(ctx, notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
		// The request may have reached Tencent: the kind says "unknown", and
		// the cause is still the cancelled context.
		if !errors.Is(err, context.Canceled) || !errors.Is(err, notifier.ErrUnavailable) {
			t.Errorf("err = %v, want ErrUnavailable caused by context.Canceled", err)
		}
	})
	t.Run("config timeout", func(t *testing.T) {
		c, err := tencent.New(tencent.Config{SecretID: "AKID", SecretKey: "KEY", SDKAppID: "1400006666", Endpoint: hangingServer(t), Timeout: 20 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
		var ne *notifier.Error
		if !errors.As(err, &ne) || ne.Kind != notifier.ErrUnavailable || ne.Code != "ClientError.NetworkError" || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want ErrUnavailable (ClientError.NetworkError) from the deadline", err)
		}
	})
}

// hangingServer returns the URL of a server that never answers: each
// request waits until its client gives up or the test ends.
func hangingServer(t *testing.T) string {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	return srv.URL
}

func TestSendUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	c, err := tencent.New(tencent.Config{SecretID: "AKID", SecretKey: "KEY", SDKAppID: "1400006666", Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.Is(err, notifier.ErrUnavailable) || !errors.As(err, &sdkErr) || sdkErr.Code != "ClientError.NetworkError" {
		t.Errorf("err = %v, want ErrUnavailable wrapping ClientError.NetworkError", err)
	}
}

func TestSendNonJSONAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
	}))
	t.Cleanup(srv.Close)
	c, err := tencent.New(tencent.Config{SecretID: "AKID", SecretKey: "KEY", SDKAppID: "1400006666", Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
	var ne *notifier.Error
	if !errors.As(err, &ne) || ne.Kind != notifier.ErrUnavailable || !strings.HasPrefix(ne.Code, "ClientError.") {
		t.Errorf("err = %v, want ErrUnavailable with a ClientError code", err)
	}
}

func TestSendConcurrent(t *testing.T) {
	cs := newCanned(t, okStatuses)
	c := cs.client(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			n := fmt.Sprintf("+861380000%04d", i)
			res, err := c.Send(context.Background(), notifier.Message{To: []string{n}, Template: "1"})
			if err != nil || res.Recipients[0].MessageID != "sn-"+n {
				t.Errorf("Send %s: %+v, %v", n, res, err)
			}
		})
	}
	wg.Wait()
	if n := len(cs.Calls()); n != 16 {
		t.Errorf("%d requests, want 16", n)
	}
}

func TestSendSigningModesReachTheServer(t *testing.T) {
	tests := []struct{ signMethod, reqMethod, wantMethod string }{
		{"", "", http.MethodPost},
		{"", "GET", http.MethodGet},
		{tencent.SignHmacSHA1, "", http.MethodPost},
		{tencent.SignHmacSHA256, "get", http.MethodGet},
	}
	for _, tt := range tests {
		t.Run(tt.signMethod+"/"+tt.reqMethod, func(t *testing.T) {
			cs := newCanned(t, func(c call) string {
				if c.Params == nil {
					return okStatuses(c)
				}
				return fmt.Sprintf(`{"SendStatusSet":[{"SerialNo":"sn","PhoneNumber":%q,"Fee":1,"Code":"Ok"}]}`, c.Params.Get("PhoneNumberSet.0"))
			})
			c := cs.client(t, func(cfg *tencent.Config) { cfg.SignMethod, cfg.ReqMethod = tt.signMethod, tt.reqMethod })
			if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"}); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := cs.Calls()[0]
			if got.Method != tt.wantMethod || got.Action != "SendSms" {
				t.Errorf("method %s action %s, want %s SendSms", got.Method, got.Action, tt.wantMethod)
			}
			if tt.signMethod != "" && got.Params.Get("SignatureMethod") != tt.signMethod {
				t.Errorf("SignatureMethod %q, want %q", got.Params.Get("SignatureMethod"), tt.signMethod)
			}
			if lang := got.Header.Get("X-TC-Language") + got.Params.Get("Language"); lang != tencent.DefaultLanguage {
				t.Errorf("language %q, want %q", lang, tencent.DefaultLanguage)
			}
		})
	}
}

func numbers(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%08d", prefix, i)
	}
	return out
}

func TestSendStopsBetweenRequestsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cs := newCanned(t, okStatuses)
	// The caller gives up once the first answer is in hand (buffered, so the
	// cancellation cannot interrupt reading it).
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		cancel()
		return resp, err
	})
	c, err := tencent.New(cs.config(), tencent.WithHTTPTransport(rt))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Send(ctx, notifier.Message{To: []string{"+8613800000001", "+14155550001"}, Template: "1"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if r := res.Recipients[0]; r.Err != nil || r.MessageID == "" {
		t.Errorf("first request's recipient %+v, want accepted", r)
	}
	if r := res.Recipients[1]; r.Err != context.Canceled {
		t.Errorf("unsent recipient err %v, want context.Canceled itself", r.Err)
	}
	if n := len(cs.Calls()); n != 1 {
		t.Errorf("%d requests, want 1: nothing is sent after cancellation", n)
	}
}
