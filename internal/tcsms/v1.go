package tcsms

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net/url"
	"slices"
	"strings"
)

// Signature methods of the legacy v1 signature (SignatureMethod parameter).
const (
	HmacSHA1   = "HmacSHA1"
	HmacSHA256 = "HmacSHA256"
)

// V1StringToSign returns METHOD + host + "/?" + k=v&... over every
// parameter except Signature, sorted bytewise by key, with raw (not
// URL-encoded) values. A key with several values contributes its first.
func V1StringToSign(method, host string, params url.Values) string {
	keys := make([]string, 0, len(params))
	n := len(method) + len(host) + 2
	for k, vs := range params {
		if k == "Signature" || len(vs) == 0 {
			continue
		}
		keys = append(keys, k)
		n += len(k) + len(vs[0]) + 2
	}
	slices.Sort(keys)
	var b strings.Builder
	b.Grow(n)
	b.WriteString(method)
	b.WriteString(host)
	b.WriteString("/?")
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(params[k][0])
	}
	return b.String()
}

// SignV1 returns the base64 HMAC of stringToSign keyed by secretKey, with
// HmacSHA1 or HmacSHA256 ("" means HmacSHA1, the documented default). Any
// other method gives an *APIError with CodeSignatureFailure.
func SignV1(secretKey, signatureMethod, stringToSign string) (string, error) {
	sum, err := signV1(secretKey, signatureMethod, stringToSign)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sum), nil
}

func signV1(secretKey, signatureMethod, stringToSign string) ([]byte, error) {
	var h func() hash.Hash
	switch signatureMethod {
	case HmacSHA1, "":
		h = sha1.New
	case HmacSHA256:
		h = sha256.New
	default:
		return nil, Errorf(CodeSignatureFailure, "SignatureMethod must be %s or %s.", HmacSHA1, HmacSHA256)
	}
	m := hmac.New(h, []byte(secretKey))
	m.Write([]byte(stringToSign))
	return m.Sum(nil), nil
}
