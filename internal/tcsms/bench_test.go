package tcsms

import (
	"testing"
)

func BenchmarkVerifyTC3(b *testing.B) {
	h := tc3Header(vectorA, vectorAAuth)
	hosts := Candidates("127.0.0.1:8080") // the match is the last candidate, the worst case
	v := replay()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := v.VerifyTC3("POST", h, "", vectorABody, hosts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyTC3FirstHost(b *testing.B) {
	h := tc3Header(vectorA, vectorAAuth)
	hosts := Candidates("sms.tencentcloudapi.com")
	v := replay()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := v.VerifyTC3("POST", h, "", vectorABody, hosts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyV1(b *testing.B) {
	p := mustQuery(b, vectorDBody)
	hosts := Candidates("sms.tencentcloudapi.com")
	v := replay()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.VerifyV1("POST", p, hosts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseNumber(b *testing.B) {
	for _, s := range []string{"+8613800000000", "13800000000", "+14155550100"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseNumber(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
