package tencent_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

const reportsBody = `[
 {"user_receive_time":"2026-11-26 10:30:00","nationcode":"86","mobile":"13800000001","report_status":"SUCCESS","errmsg":"DELIVRD","description":"user received successfully","sid":"sn-1"},
 {"user_receive_time":"2026-11-26 10:31:05","nationcode":"1","mobile":"4155550001","report_status":"FAIL","errmsg":"MK:0001","description":"carrier failure","sid":"sn-2"}
]`

const replyBody = `{"extend":"","mobile":"13800000001","nationcode":"86","sign":"Notifier","text":"TD","time":1795715749}`

type callbackAnswer struct {
	Result int    `json:"result"`
	ErrMsg string `json:"errmsg"`
}

func post(t *testing.T, h http.Handler, method, body string) (int, callbackAnswer) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, "/sms/callback", strings.NewReader(body)))
	var a callbackAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("answer %q is not Tencent's JSON: %v", rec.Body.String(), err)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	return rec.Code, a
}

func TestCallbackHandlerReceipts(t *testing.T) {
	var got []notifier.Receipt
	h := &tencent.CallbackHandler{OnReceipts: func(_ context.Context, rs []notifier.Receipt) error {
		got = append(got, rs...)
		return nil
	}}
	status, a := post(t, h, http.MethodPost, reportsBody)
	if status != http.StatusOK || a != (callbackAnswer{0, "OK"}) {
		t.Fatalf("answer %d %+v, want 200 {0 OK}", status, a)
	}
	beijing := time.FixedZone("UTC+8", 8*3600)
	want := []notifier.Receipt{
		{MessageID: "sn-1", Number: "+8613800000001", Status: notifier.Delivered, Code: "DELIVRD", Description: "user received successfully", Time: time.Date(2026, 11, 26, 10, 30, 0, 0, beijing)},
		{MessageID: "sn-2", Number: "+14155550001", Status: notifier.Undelivered, Code: "MK:0001", Description: "carrier failure", Time: time.Date(2026, 11, 26, 10, 31, 5, 0, beijing)},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d receipts, want %d", len(got), len(want))
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) {
			t.Errorf("receipt %d time %v, want %v", i, got[i].Time, want[i].Time)
		}
		got[i].Time, want[i].Time = time.Time{}, time.Time{}
		if got[i] != want[i] {
			t.Errorf("receipt %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCallbackHandlerReply(t *testing.T) {
	var got notifier.Reply
	h := &tencent.CallbackHandler{OnReply: func(_ context.Context, r notifier.Reply) error { got = r; return nil }}
	status, a := post(t, h, http.MethodPost, replyBody)
	if status != http.StatusOK || a.Result != 0 {
		t.Fatalf("answer %d %+v", status, a)
	}
	want := notifier.Reply{Number: "+8613800000001", Text: "TD", Sign: "Notifier", Time: time.Unix(1795715749, 0)}
	if got != want {
		t.Errorf("reply = %+v, want %+v", got, want)
	}
}

func TestCallbackHandlerFailures(t *testing.T) {
	failing := func(context.Context, []notifier.Receipt) error { return errors.New("database down: secret detail") }
	okReceipts := func(context.Context, []notifier.Receipt) error { return nil }
	tests := []struct {
		name    string
		h       *tencent.CallbackHandler
		method  string
		body    string
		status  int
		errmsg  string
		notWant string
	}{
		{"callback fails so Tencent retries", &tencent.CallbackHandler{OnReceipts: failing}, "POST", reportsBody, 500, "OnReceipts failed", "secret detail"},
		{"reply callback fails", &tencent.CallbackHandler{OnReply: func(context.Context, notifier.Reply) error { return errors.New("x") }}, "POST", replyBody, 500, "OnReply failed", ""},
		{"bad JSON", &tencent.CallbackHandler{OnReceipts: okReceipts}, "POST", `[{"sid":`, 400, "invalid delivery report JSON", ""},
		{"neither array nor object", &tencent.CallbackHandler{OnReceipts: okReceipts}, "POST", `"hello"`, 400, "neither a JSON array", ""},
		{"bad time", &tencent.CallbackHandler{OnReceipts: okReceipts}, "POST", `[{"user_receive_time":"yesterday","sid":"1"}]`, 400, "user_receive_time", ""},
		{"bad reply time", &tencent.CallbackHandler{OnReply: func(context.Context, notifier.Reply) error { return nil }}, "POST", `{"time":"soon"}`, 400, "time", ""},
		{"too large", &tencent.CallbackHandler{OnReceipts: okReceipts, MaxBodyBytes: 64}, "POST", reportsBody, 413, "larger than 64 bytes", ""},
		{"GET", &tencent.CallbackHandler{OnReceipts: okReceipts}, "GET", "", 405, "POST", ""},
		{"no reply func", &tencent.CallbackHandler{OnReceipts: okReceipts}, "POST", replyBody, 404, "replies are not handled", ""},
		{"no receipt func", &tencent.CallbackHandler{}, "POST", reportsBody, 404, "delivery reports are not handled", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, a := post(t, tt.h, tt.method, tt.body)
			if status != tt.status || a.Result == 0 || !strings.Contains(a.ErrMsg, tt.errmsg) {
				t.Errorf("answer %d %+v, want %d with a non-zero result and %q", status, a, tt.status, tt.errmsg)
			}
			if tt.notWant != "" && strings.Contains(a.ErrMsg, tt.notWant) {
				t.Errorf("answer leaks the callback's error: %q", a.ErrMsg)
			}
		})
	}
}

func TestCallbackHandlerEmptyBatchAndNumericFields(t *testing.T) {
	calls := 0
	var got []notifier.Receipt
	h := &tencent.CallbackHandler{OnReceipts: func(_ context.Context, rs []notifier.Receipt) error { calls++; got = rs; return nil }}
	if status, _ := post(t, h, "POST", "[]"); status != 200 || calls != 0 {
		t.Errorf("empty batch: status %d, %d callbacks; want 200 and none", status, calls)
	}
	if status, _ := post(t, h, "POST", `[{"nationcode":86,"mobile":13800000001,"report_status":"SUCCESS","sid":"a"}]`); status != 200 || got[0].Number != "+8613800000001" {
		t.Errorf("numeric fields: status %d, receipts %+v", status, got)
	}
}
