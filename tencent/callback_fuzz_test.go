package tencent_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

// FuzzCallbackHandler posts arbitrary bodies, shaped like Tencent's
// receipt array and reply object or not, to a CallbackHandler. It must not
// panic; it must answer Tencent's acknowledgement shape with a status a
// sender can act on; and it must acknowledge (200) exactly the bodies it
// handed to its callbacks, receipts in order.
func FuzzCallbackHandler(f *testing.F) {
	f.Add([]byte(`[{"user_receive_time":"2026-05-01 12:00:00","nationcode":"86","mobile":"13800000001","report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"2433:1"}]`))
	f.Add([]byte(`[{"user_receive_time":"bad","nationcode":86,"mobile":null,"sid":1e3}]`))
	f.Add([]byte(`{"extend":"","mobile":"13800000001","nationcode":"86","sign":"腾讯云","text":"TD","time":1714545600}`))
	f.Add([]byte(`{"time":"-1"}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(` [{},{}] `))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, body []byte) {
		var receipts []notifier.Receipt
		replies := 0
		h := &tencent.CallbackHandler{
			OnReceipts: func(_ context.Context, rs []notifier.Receipt) error {
				receipts = append(receipts, rs...)
				return nil
			},
			OnReply:      func(context.Context, notifier.Reply) error { replies++; return nil },
			MaxBodyBytes: 64 << 10,
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/sms/callback", bytes.NewReader(body)))
		var ack struct {
			Result *int    `json:"result"`
			Errmsg *string `json:"errmsg"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &ack); err != nil || ack.Result == nil || ack.Errmsg == nil {
			t.Fatalf("answer %q is not Tencent's acknowledgement", rec.Body.Bytes())
		}
		switch rec.Code {
		case http.StatusOK:
			if *ack.Result != 0 {
				t.Fatalf("200 with result %d", *ack.Result)
			}
			var arr []json.RawMessage
			if json.Unmarshal(body, &arr) == nil && len(receipts) != len(arr) {
				t.Fatalf("acknowledged %d receipts, handed %d to OnReceipts", len(arr), len(receipts))
			}
			if len(arr) == 0 && len(receipts) == 0 && replies != 1 && bytes.TrimSpace(body)[0] == '{' {
				t.Fatalf("acknowledged a reply without calling OnReply")
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if *ack.Result == 0 || len(receipts) > 0 || replies > 0 {
				t.Fatalf("HTTP %d with result %d after %d receipts and %d replies were handed on", rec.Code, *ack.Result, len(receipts), replies)
			}
		default:
			t.Fatalf("HTTP %d", rec.Code)
		}
	})
}
