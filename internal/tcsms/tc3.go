package tcsms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// TC3 constants.
const (
	// TC3Algorithm is the algorithm name at the start of a TC3 Authorization.
	TC3Algorithm = "TC3-HMAC-SHA256"
	// TC3Terminator ends every TC3 credential scope.
	TC3Terminator = "tc3_request"
	// UnsignedPayload is the X-TC-Content-SHA256 value (and the hashed
	// stand-in) for requests whose body is not signed.
	UnsignedPayload = "UNSIGNED-PAYLOAD"
	// SignedHeaders is the SignedHeaders list both SDKs always send.
	SignedHeaders = "content-type;host"
)

// TC3Params are the request facts a TC3 signature covers.
type TC3Params struct {
	// Method is the HTTP method, "POST" or "GET".
	Method string
	// Host is the host as signed (see §1.2: with or without port).
	Host string
	// CanonicalQuery is the raw query string as sent (empty for POST).
	CanonicalQuery string
	// ContentType is the Content-Type header value.
	ContentType string
	// Service is the credential-scope service, normally "sms".
	Service string
	// Payload is the raw body (nil for GET).
	Payload []byte
	// UnsignedPayload hashes the literal "UNSIGNED-PAYLOAD" instead of Payload.
	UnsignedPayload bool
	// Timestamp is X-TC-Timestamp in Unix seconds.
	Timestamp int64
}

// tc3Date returns the UTC date of ts as YYYY-MM-DD.
func tc3Date(ts int64) string {
	return time.Unix(ts, 0).UTC().Format(time.DateOnly)
}

// SignTC3 returns the TC3-HMAC-SHA256 signature of p (lowercase hex),
// signing the headers content-type and host.
func SignTC3(secretKey string, p TC3Params) string {
	date := tc3Date(p.Timestamp)
	canonicalHeaders := "content-type:" + p.ContentType + "\nhost:" + p.Host + "\n"
	sig := tc3Sign(tc3SigningKey(secretKey, date, p.Service),
		tc3StringToSign(p.Timestamp, date, p.Service,
			tc3CanonicalRequest(p.Method, p.CanonicalQuery, canonicalHeaders, SignedHeaders, tc3PayloadHash(p.Payload, p.UnsignedPayload))))
	return hex.EncodeToString(sig)
}

// tc3PayloadHash is the last line of the canonical request.
func tc3PayloadHash(payload []byte, unsigned bool) string {
	if unsigned {
		return sha256Hex([]byte(UnsignedPayload))
	}
	return sha256Hex(payload)
}

// tc3CanonicalRequest joins the six canonical-request items; canonicalHeaders
// already ends with a newline, as the algorithm requires.
func tc3CanonicalRequest(method, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash string) string {
	return method + "\n/\n" + canonicalQuery + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash
}

func tc3StringToSign(ts int64, date, service, canonicalRequest string) string {
	return TC3Algorithm + "\n" + strconv.FormatInt(ts, 10) + "\n" + date + "/" + service + "/" + TC3Terminator +
		"\n" + sha256Hex([]byte(canonicalRequest))
}

// tc3SigningKey derives kSigning from the secret key, scope date and service.
func tc3SigningKey(secretKey, date, service string) []byte {
	kDate := hmacSHA256([]byte("TC3"+secretKey), date)
	kService := hmacSHA256(kDate, service)
	return hmacSHA256(kService, TC3Terminator)
}

// tc3Sign returns the raw signature bytes of stringToSign.
func tc3Sign(kSigning []byte, stringToSign string) []byte {
	return hmacSHA256(kSigning, stringToSign)
}

// TC3Authorization returns the full Authorization header value for p.
func TC3Authorization(secretID, secretKey string, p TC3Params) string {
	return TC3Algorithm + " Credential=" + secretID + "/" + tc3Date(p.Timestamp) + "/" + p.Service + "/" +
		TC3Terminator + ", SignedHeaders=" + SignedHeaders + ", Signature=" + SignTC3(secretKey, p)
}

// TC3Auth is a parsed TC3 Authorization header.
type TC3Auth struct {
	// SecretID is the SecretId from the credential.
	SecretID string
	// Date is the credential-scope date, YYYY-MM-DD.
	Date string
	// Service is the credential-scope service.
	Service string
	// SignedHeaders are the signed header names, lowercase, in order.
	SignedHeaders []string
	// Signature is the hex signature as sent.
	Signature string
}

var errBadAuthorization = errors.New("tcsms: malformed TC3 Authorization")

// ParseTC3Authorization parses
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX".
// Parameters may come in any order, separated by commas with optional
// spaces. The error is an *APIError with CodeInvalidAuthorization.
func ParseTC3Authorization(h string) (TC3Auth, error) {
	a, err := parseTC3(h)
	if err != nil {
		return TC3Auth{}, NewError(CodeInvalidAuthorization)
	}
	return a, nil
}

func parseTC3(h string) (TC3Auth, error) {
	var a TC3Auth
	rest, ok := strings.CutPrefix(strings.TrimSpace(h), TC3Algorithm)
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return a, errBadAuthorization
	}
	var credential, signed string
	seen := 0 // bit set of the parameters seen, to reject repeats
	for part := range strings.SplitSeq(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || v == "" {
			return a, errBadAuthorization
		}
		var bit int
		switch k {
		case "Credential":
			credential, bit = v, 1
		case "SignedHeaders":
			signed, bit = v, 2
		case "Signature":
			a.Signature, bit = v, 4
		default:
			return a, errBadAuthorization
		}
		if seen&bit != 0 {
			return a, errBadAuthorization
		}
		seen |= bit
	}
	if seen != 7 {
		return a, errBadAuthorization
	}
	parts := strings.Split(credential, "/")
	if len(parts) != 4 || parts[0] == "" || parts[2] == "" || parts[3] != TC3Terminator {
		return a, errBadAuthorization
	}
	if _, err := time.Parse(time.DateOnly, parts[1]); err != nil {
		return a, errBadAuthorization
	}
	a.SecretID, a.Date, a.Service = parts[0], parts[1], parts[2]
	for name := range strings.SplitSeq(signed, ";") {
		if name == "" {
			return a, errBadAuthorization
		}
		a.SignedHeaders = append(a.SignedHeaders, strings.ToLower(name))
	}
	return a, nil
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}
