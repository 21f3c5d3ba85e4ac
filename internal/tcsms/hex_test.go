package tcsms

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestEncodeHexSumMatchesHex(t *testing.T) {
	var sum [sha256.Size]byte
	for i := range 256 {
		for j := range sum {
			sum[j] = byte(i + j*7)
		}
		var got [2 * sha256.Size]byte
		encodeHexSum(&got, &sum)
		if want := hex.EncodeToString(sum[:]); string(got[:]) != want {
			t.Fatalf("encodeHexSum(% x) = %s, want %s", sum, got, want)
		}
	}
}
