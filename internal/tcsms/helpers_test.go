package tcsms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

func hexOf(b []byte) string { return hex.EncodeToString(b) }

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// hmacSHA256 is the textbook HMAC, to check the package's own.
func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func signingKey(secretKey, date, service string) []byte {
	var s tc3Signer
	s.init(secretKey, date, service)
	return s.kSigning[:]
}

// tc3AuthorizationWithAction signs p with x-tc-action as a third signed
// header, as clients following Tencent's docs may.
func tc3AuthorizationWithAction(p TC3Params, action string) string {
	var payloadHash [2 * sha256.Size]byte
	tc3PayloadHash(&payloadHash, p.Payload, p.UnsignedPayload)
	names := []string{"content-type", "host", "x-tc-action"}
	cr := appendCanonicalRequest(nil, p.Method, p.CanonicalQuery, names,
		[]string{p.ContentType, p.Host, strings.ToLower(action)}, strings.Join(names, ";"), payloadHash[:])
	var s tc3Signer
	s.init(testKey, tc3Date(p.Timestamp), p.Service)
	sig := s.sign(cr, strconv.FormatInt(p.Timestamp, 10))
	return TC3Algorithm + " Credential=" + testID + "/" + tc3Date(p.Timestamp) + "/" + p.Service + "/" +
		TC3Terminator + ", SignedHeaders=" + strings.Join(names, ";") + ", Signature=" + hex.EncodeToString(sig[:])
}
