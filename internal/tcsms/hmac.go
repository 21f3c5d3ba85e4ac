package tcsms

import "crypto/sha256"

// hmacSHA256Sum returns HMAC-SHA256(key, msg) (RFC 2104) computed with
// sha256.Sum256 over scratch, which it returns grown for reuse. Unlike
// crypto/hmac it allocates nothing once scratch is large enough; the TC3
// key chain needs four HMACs per request and per candidate host.
// hmac_test.go checks it against crypto/hmac.
func hmacSHA256Sum[K, T string | []byte](scratch []byte, key K, msg T) ([sha256.Size]byte, []byte) {
	const blockSize = 64
	var k [blockSize]byte
	if len(key) > blockSize {
		h := sha256.Sum256([]byte(key))
		copy(k[:], h[:])
	} else {
		copy(k[:], key)
	}
	for i := range k {
		k[i] ^= 0x36 // ipad
	}
	b := append(scratch[:0], k[:]...)
	b = append(b, msg...)
	inner := sha256.Sum256(b)
	for i := range k {
		k[i] ^= 0x36 ^ 0x5c // ipad to opad
	}
	b = append(b[:0], k[:]...)
	b = append(b, inner[:]...)
	return sha256.Sum256(b), b
}
