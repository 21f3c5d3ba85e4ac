package tcsms

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"testing"
)

func TestHMACSHA256SumMatchesCryptoHMAC(t *testing.T) {
	keys := []string{"", "k", "TC3" + testKey, strings.Repeat("x", 64), strings.Repeat("y", 65), strings.Repeat("z", 200)}
	msgs := []string{"", "2026-11-26", strings.Repeat("m", 1000)}
	var scratch []byte
	for _, k := range keys {
		for _, m := range msgs {
			want := hmac.New(sha256.New, []byte(k))
			want.Write([]byte(m))
			var got [sha256.Size]byte
			got, scratch = hmacSHA256Sum(scratch, k, m)
			if !hmac.Equal(got[:], want.Sum(nil)) {
				t.Errorf("key len %d, msg len %d: mismatch", len(k), len(m))
			}
			got2, _ := hmacSHA256Sum(nil, []byte(k), []byte(m))
			if got2 != got {
				t.Errorf("string and []byte forms differ")
			}
		}
	}
}

func FuzzHMACSHA256Sum(f *testing.F) {
	f.Add([]byte("key"), []byte("msg"))
	f.Fuzz(func(t *testing.T, key, msg []byte) {
		want := hmac.New(sha256.New, key)
		want.Write(msg)
		got, _ := hmacSHA256Sum(nil, key, msg)
		if !hmac.Equal(got[:], want.Sum(nil)) {
			t.Fatal("mismatch with crypto/hmac")
		}
	})
}
