package wire

import (
	"bytes"
	stdjson "encoding/json"
	"testing"

	"github.com/go-json-experiment/json"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

const sendSmsBody = `{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"腾讯云","TemplateParamSet":["4370"],"SessionContext":"ctx"}`

// BenchmarkDecodeSendSms compares the two JSON libraries the wire layer
// could decode with, on the body the Go SDK sends for SendSms:
// go-json-experiment as decodeParams uses it (unknown and duplicate names
// refused, lists capped) and encoding/json with DisallowUnknownFields.
func BenchmarkDecodeSendSms(b *testing.B) {
	body := []byte(sendSmsBody)
	b.Run("json-v2", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var p sms.SendSmsRequestParams
			if err := decodeParams(body, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json-v2-plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var p sms.SendSmsRequestParams
			if err := json.Unmarshal(body, &p, json.RejectUnknownMembers(true)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var p sms.SendSmsRequestParams
			dec := stdjson.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEncodeSendSms compares encoding SendSms's answer.
func BenchmarkEncodeSendSms(b *testing.B) {
	s := func(v string) *string { return &v }
	fee := uint64(1)
	resp := &sms.SendSmsResponseParams{SendStatusSet: []*sms.SendStatus{{
		SerialNo: s("2433:1234567890000000000000000001"), PhoneNumber: s("+8613800000000"), Fee: &fee,
		SessionContext: s("ctx"), Code: s("Ok"), Message: s("send success"), IsoCode: s("CN"),
	}}}
	b.Run("EncodeResult", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := EncodeResult("a0f2b5c4-7d3e-4b8a-9f61-2c5e8d7a1b30", resp); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := stdjson.Marshal(map[string]any{"Response": resp}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
