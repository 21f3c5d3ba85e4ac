package tcsms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"
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
func tc3Date(ts int64) string { return time.Unix(ts, 0).UTC().Format(time.DateOnly) }

// SignTC3 returns the TC3-HMAC-SHA256 signature of p (lowercase hex),
// signing the headers content-type and host.
func SignTC3(secretKey string, p TC3Params) string {
	var payloadHash [2 * sha256.Size]byte
	tc3PayloadHash(&payloadHash, p.Payload, p.UnsignedPayload)
	cr := appendCanonicalRequest(nil, p.Method, p.CanonicalQuery,
		[]string{"content-type", "host"}, []string{p.ContentType, p.Host}, SignedHeaders, payloadHash[:])
	sig := newTC3Signer(secretKey, tc3Date(p.Timestamp), p.Service).sign(cr, strconv.FormatInt(p.Timestamp, 10))
	return hex.EncodeToString(sig)
}

// tc3PayloadHash writes the last line of the canonical request: the hex
// SHA-256 of the payload, or of "UNSIGNED-PAYLOAD".
func tc3PayloadHash(dst *[2 * sha256.Size]byte, payload []byte, unsigned bool) {
	var sum [sha256.Size]byte
	if unsigned {
		sum = sha256.Sum256([]byte(UnsignedPayload))
	} else {
		sum = sha256.Sum256(payload)
	}
	hex.Encode(dst[:], sum[:])
}

// appendCanonicalRequest appends the six canonical-request items to dst:
// method, "/", the query, "name:value\n" for each signed header, the
// signed-header list and the payload hash.
func appendCanonicalRequest(dst []byte, method, query string, names, values []string, signedHeaders string, payloadHash []byte) []byte {
	dst = append(dst, method...)
	dst = append(dst, "\n/\n"...)
	dst = append(dst, query...)
	dst = append(dst, '\n')
	for i, name := range names {
		dst = append(dst, name...)
		dst = append(dst, ':')
		dst = append(dst, values[i]...)
		dst = append(dst, '\n')
	}
	dst = append(dst, '\n')
	dst = append(dst, signedHeaders...)
	dst = append(dst, '\n')
	return append(dst, payloadHash...)
}

// tc3Signer signs canonical requests for one key, date and service.
type tc3Signer struct {
	kSigning []byte
	date     string
	service  string
}

// newTC3Signer derives kSigning: an HMAC chain over date, service and
// "tc3_request", starting from the key "TC3"+secretKey.
func newTC3Signer(secretKey, date, service string) tc3Signer {
	k := hmacSHA256([]byte("TC3"+secretKey), date)
	k = hmacSHA256(k, service)
	return tc3Signer{kSigning: hmacSHA256(k, TC3Terminator), date: date, service: service}
}

// sign returns the signature of canonicalRequest for the timestamp text ts
// as sent in X-TC-Timestamp.
func (s tc3Signer) sign(canonicalRequest []byte, ts string) []byte {
	crSum := sha256.Sum256(canonicalRequest)
	sts := TC3Algorithm + "\n" + ts + "\n" + s.date + "/" + s.service + "/" + TC3Terminator + "\n" + hex.EncodeToString(crSum[:])
	return hmacSHA256(s.kSigning, sts)
}

// signingKeys remembers the signing keys of verified requests: deriving
// one costs three HMACs, and a client signs a whole day's requests with
// the same key. Only keys of requests whose signature matched are stored,
// so unauthenticated requests cannot evict them; the cache is emptied when
// it holds signingKeysMax keys, which is far more than a test setup uses.
var signingKeys struct {
	mu   sync.Mutex // guards keys
	keys map[tc3Scope][]byte
}

const signingKeysMax = 64

// tc3Scope is everything a TC3 signing key depends on.
type tc3Scope struct{ secretKey, date, service string }

// cachedTC3Signer returns the signer of scope, from signingKeys when it
// is there; cached reports whether it was.
func cachedTC3Signer(secretKey, date, service string) (s tc3Signer, cached bool) {
	signingKeys.mu.Lock()
	k, ok := signingKeys.keys[tc3Scope{secretKey, date, service}]
	signingKeys.mu.Unlock()
	if ok {
		return tc3Signer{kSigning: k, date: date, service: service}, true
	}
	return newTC3Signer(secretKey, date, service), false
}

// remember stores s's key in signingKeys.
func (s tc3Signer) remember(secretKey string) {
	signingKeys.mu.Lock()
	defer signingKeys.mu.Unlock()
	if signingKeys.keys == nil || len(signingKeys.keys) >= signingKeysMax {
		signingKeys.keys = map[tc3Scope][]byte{}
	}
	signingKeys.keys[tc3Scope{secretKey, s.date, s.service}] = s.kSigning
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
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

// parseTC3 parses like ParseTC3Authorization, with a plain error. The
// SignedHeaders it returns may be sdkSignedHeaders: read them only.
func parseTC3(h string) (TC3Auth, error) {
	var a TC3Auth
	rest, ok := strings.CutPrefix(strings.TrimSpace(h), TC3Algorithm)
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return a, errBadAuthorization
	}
	var credential, signed string
	seen := 0 // bit set of the parameters seen, to reject repeats
	for more := true; more; {
		var part string
		part, rest, more = strings.Cut(rest, ",")
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
	id, rest, _ := strings.Cut(credential, "/")
	date, rest, _ := strings.Cut(rest, "/")
	service, term, _ := strings.Cut(rest, "/")
	if id == "" || service == "" || term != TC3Terminator {
		return a, errBadAuthorization
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return a, errBadAuthorization
	}
	a.SecretID, a.Date, a.Service = id, date, service
	a.SignedHeaders = make([]string, 0, strings.Count(signed, ";")+1)
	for name := range strings.SplitSeq(signed, ";") {
		if name == "" {
			return a, errBadAuthorization
		}
		a.SignedHeaders = append(a.SignedHeaders, strings.ToLower(name))
	}
	return a, nil
}
