package tcsms

import (
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

func signingKey(secretKey, date, service string) []byte {
	return newTC3Signer(secretKey, date, service).kSigning
}

// tc3AuthorizationWithAction signs p with x-tc-action as a third signed
// header, as clients following Tencent's docs may.
func tc3AuthorizationWithAction(p TC3Params, action string) string {
	var payloadHash [2 * sha256.Size]byte
	tc3PayloadHash(&payloadHash, p.Payload, p.UnsignedPayload)
	names := []string{"content-type", "host", "x-tc-action"}
	cr := appendCanonicalRequest(nil, p.Method, p.CanonicalQuery, names,
		[]string{p.ContentType, p.Host, strings.ToLower(action)}, strings.Join(names, ";"), payloadHash[:])
	sig := newTC3Signer(testKey, tc3Date(p.Timestamp), p.Service).sign(cr, strconv.FormatInt(p.Timestamp, 10))
	return TC3Algorithm + " Credential=" + testID + "/" + tc3Date(p.Timestamp) + "/" + p.Service + "/" +
		TC3Terminator + ", SignedHeaders=" + strings.Join(names, ";") + ", Signature=" + hex.EncodeToString(sig)
}
