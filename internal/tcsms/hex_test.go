package tcsms

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestDecodeHexMatchesHex(t *testing.T) {
	sig := "549a8496c75862d322c35ae09a9c16c95ba1f229f66c9d3bedc7be384676dd3a"
	for _, s := range []string{
		sig, strings.ToUpper(sig), "",
		sig[:62], sig[:63], sig + "00", // too short, odd, too long
		sig[:63] + "g", "zz" + sig[2:], sig[:10] + " " + sig[11:],
	} {
		var got [sha256.Size]byte
		ok := decodeHex(got[:], s)
		want, err := hex.DecodeString(s)
		if wantOK := err == nil && len(want) == len(got); ok != wantOK || ok && string(got[:]) != string(want) {
			t.Errorf("decodeHex(%q) = %x, %v; hex.DecodeString = %x, %v", s, got, ok, want, err)
		}
	}
}
