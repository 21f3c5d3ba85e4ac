package fakeserver

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// sendStatus is an ordinary accepted status with the given SessionContext.
func sendStatus(session string) *sms.SendStatus {
	return &sms.SendStatus{
		SerialNo: testPtr("2433:1234567890000000000000000001"), PhoneNumber: testPtr("+8613800000000"),
		Fee: testPtr(uint64(1)), SessionContext: testPtr(session), Code: testPtr("Ok"),
		Message: testPtr("send success"), IsoCode: testPtr("CN"),
	}
}

// checkSendSmsFastPath checks appendSendSmsResult against encoding/json:
// byte for byte when it takes r, untouched output when it declines.
func checkSendSmsFastPath(t *testing.T, r *sms.SendSmsResponseParams) (took bool) {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("prefix")
	took = appendSendSmsResult(&buf, r)
	if !took {
		if buf.String() != "prefix" {
			t.Errorf("declined but wrote %q", buf.String()[len("prefix"):])
		}
		return false
	}
	want, err := json.Marshal(r) // HTML-escaping, like the pooled Encoder
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String()[len("prefix"):]; got+"}" != string(want) {
		t.Errorf("fast path wrote\n%s}\nencoding/json\n%s", got, want)
	}
	return true
}

func TestAppendSendSmsResultMatchesEncodingJSON(t *testing.T) {
	partial := sendStatus("")
	partial.SerialNo, partial.Fee, partial.IsoCode = nil, nil, nil
	tests := []struct {
		name string
		r    *sms.SendSmsResponseParams
		fast bool // the fast path must take it
	}{
		{"one", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("ctx")}}, true},
		{"two", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("a"), sendStatus("b")}}, true},
		{"empty session", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("")}}, true},
		{"chinese", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("腾讯云 验证码")}}, true},
		{"nil fields", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{partial, {}}}, true},
		{"html", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("a<b>&c")}}, false},
		{"quote", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus(`say "hi"`)}}, false},
		{"backslash", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus(`a\b`)}}, false},
		{"control", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("a\nb\x00\x7f")}}, false},
		{"line separator", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("a\u2028b")}}, false},
		{"invalid utf-8", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("a\xffb")}}, false},
		{"escape in last status", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("ok"), sendStatus("<")}}, false},
		{"nil status", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("ok"), nil}}, false},
		{"empty set", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{}}, false},
		{"nil set", &sms.SendSmsResponseParams{}, false},
		{"request id", &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus("x")}, RequestId: testPtr("r")}, false},
		{"nil", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if took := checkSendSmsFastPath(t, tc.r); took != tc.fast {
				t.Errorf("fast path taken = %v, want %v", took, tc.fast)
			}
		})
	}
}

func FuzzAppendSendSmsResult(f *testing.F) {
	for _, s := range []string{"ctx", "", "腾讯云", "<&>", "\u2029", "\xff", "\x7f", `"\`} {
		f.Add(s, "+8613800000000", uint64(1))
	}
	f.Fuzz(func(t *testing.T, session, phone string, fee uint64) {
		st := sendStatus(session)
		st.PhoneNumber, st.Fee = &phone, &fee
		checkSendSmsFastPath(t, &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{st, sendStatus(phone)}})
	})
}

// TestWriteResultSendSms checks the whole envelope around the fast path.
func TestWriteResultSendSms(t *testing.T) {
	for _, session := range []string{"ctx", "a<b"} { // fast path, then encoding/json
		r := &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{sendStatus(session)}}
		rec := httptest.NewRecorder()
		if err := writeResult(rec, "0d7c1a57-0000-4000-8000-000000000000", r); err != nil {
			t.Fatal(err)
		}
		got := rec.Body
		inner, _ := json.Marshal(r)
		want := `{"Response":` + string(inner[:len(inner)-1]) + `,"RequestId":"0d7c1a57-0000-4000-8000-000000000000"}}`
		if got.String() != want {
			t.Errorf("session %q: got\n%s\nwant\n%s", session, got.String(), want)
		}
	}
}
