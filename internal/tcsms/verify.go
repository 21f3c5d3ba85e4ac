package tcsms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxSkew is the largest accepted difference between a request's
// timestamp and the server clock (§2.1: 5 minutes).
const DefaultMaxSkew = 5 * time.Minute

// DefaultHost is the production host; the SDKs sign it when a custom
// transport or ApigwEndpoint redirects them (§1.2).
const DefaultHost = "sms.tencentcloudapi.com"

// Verifier checks TC3 and v1 request signatures the way Tencent does (§2.2
// and §2.4 of the reference). Its zero value is not usable: Secret is
// required. A Verifier is a plain value, safe to copy, and safe for
// concurrent use if Secret and Now are.
type Verifier struct {
	// Secret returns the SecretKey of a SecretId; ok is false for an
	// unknown SecretId.
	Secret func(secretID string) (secretKey string, ok bool)
	// Now is the server clock; nil means time.Now.
	Now func() time.Time
	// MaxSkew bounds |now - timestamp|; 0 means DefaultMaxSkew and a
	// negative value turns the check off (to replay captured requests).
	MaxSkew time.Duration
}

// Candidates returns the hosts §1.2 says a signature may cover, for a
// request whose Host header (http.Request.Host) is host: host itself, host
// without its port, and DefaultHost, without duplicates or empty entries.
func Candidates(host string) []string {
	return AppendCandidates(make([]string, 0, 3), host)
}

// AppendCandidates appends the Candidates of host to dst, which should be
// empty: a caller passing a stack array's slice spares the allocation.
func AppendCandidates(dst []string, host string) []string {
	dst = appendHost(dst, host)
	// A host without a colon has no port to strip; skipping SplitHostPort
	// spares the allocation of its error.
	if strings.Contains(host, ":") {
		if h, _, err := net.SplitHostPort(host); err == nil {
			if strings.Contains(h, ":") {
				h = "[" + h + "]" // IPv6: Node signs URL.hostname, brackets kept
			}
			dst = appendHost(dst, h)
		}
	}
	return appendHost(dst, DefaultHost)
}

// appendHost appends a non-empty h not yet in dst.
func appendHost(dst []string, h string) []string {
	if h == "" || slices.Contains(dst, h) {
		return dst
	}
	return append(dst, h)
}

// VerifyTC3 checks a TC3-HMAC-SHA256 request against each candidate host
// (see Candidates; the caller passes the list, because net/http moves the
// Host header out of http.Request.Header). Header names are matched
// case-insensitively. It returns the SecretId and the credential-scope
// service, or an *APIError:
//   - Authorization missing or malformed: CodeInvalidAuthorization;
//   - X-TC-Timestamp missing: CodeMissingParameter; not an integer:
//     CodeInvalidParameter;
//   - unknown SecretId: CodeSecretIDNotFound;
//   - timestamp outside MaxSkew: CodeSignatureExpire;
//   - scope date not the timestamp's UTC date, content-type or host not
//     signed, or no candidate host matching: CodeSignatureFailure.
//
// With no hosts, the candidates are Candidates of the Host header in
// header. X-TC-Content-SHA256: UNSIGNED-PAYLOAD makes the body unsigned.
// Signed headers other than content-type and host are accepted, with
// their values as sent or lowercased (Tencent's docs lowercase them).
// X-TC-Token is not checked. Errors never contain the key or the expected
// signature.
func (v Verifier) VerifyTC3(method string, header http.Header, rawQuery string, body []byte, hosts []string) (secretID, service string, err error) {
	authz := v.headerValue(header, "Authorization")
	if authz == "" {
		return "", "", NewError(CodeInvalidAuthorization)
	}
	auth, perr := parseTC3(authz)
	if perr != nil {
		return "", "", NewError(CodeInvalidAuthorization)
	}
	return v.VerifyTC3Auth(auth, method, header, rawQuery, body, hosts)
}

// VerifyTC3Auth is VerifyTC3 for a caller that has parsed the
// Authorization header already (ParseTC3Authorization), for example to
// look its SecretId up before reading the body.
func (v Verifier) VerifyTC3Auth(auth TC3Auth, method string, header http.Header, rawQuery string, body []byte, hosts []string) (secretID, service string, err error) {
	tsText := v.headerValue(header, "X-Tc-Timestamp")
	if tsText == "" {
		return "", "", missing("X-TC-Timestamp")
	}
	ts, perr := strconv.ParseInt(tsText, 10, 64)
	if perr != nil {
		return "", "", Errorf(CodeInvalidParameter, "The parameter `X-TC-Timestamp` must be an integer.")
	}
	secretKey, err := v.secret(auth.SecretID)
	if err != nil {
		return "", "", err
	}
	if err := v.checkSkew(ts); err != nil {
		return "", "", err
	}
	if tc3Date(ts) != auth.Date {
		return "", "", Errorf(CodeSignatureFailure, "The credential date %s is not the UTC date of the request timestamp.", auth.Date)
	}
	if !slices.Contains(auth.SignedHeaders, "content-type") || !slices.Contains(auth.SignedHeaders, "host") {
		return "", "", Errorf(CodeSignatureFailure, "SignedHeaders must include content-type and host.")
	}
	got, herr := hex.DecodeString(auth.Signature)
	if herr != nil || len(got) != sha256.Size {
		return "", "", NewError(CodeSignatureFailure)
	}
	if len(hosts) == 0 {
		hosts = Candidates(v.headerValue(header, "Host"))
	}

	var payloadHash [2 * sha256.Size]byte
	tc3PayloadHash(&payloadHash, body, v.headerValue(header, "X-Tc-Content-Sha256") == UnsignedPayload)
	signedHeaders := SignedHeaders
	if len(auth.SignedHeaders) != 2 || auth.SignedHeaders[0] != "content-type" || auth.SignedHeaders[1] != "host" {
		signedHeaders = strings.Join(auth.SignedHeaders, ";")
	}
	signer, cached := cachedTC3Signer(secretKey, auth.Date, auth.Service)

	// Header values as sent (what the SDKs sign) and, if different,
	// lowercased (what Tencent's docs prescribe); the host slot is filled
	// with each candidate in turn.
	values := make([]string, len(auth.SignedHeaders))
	var lowered []string
	hostAt := -1
	for i, name := range auth.SignedHeaders {
		if name == "host" {
			hostAt = i
			continue
		}
		values[i] = strings.TrimSpace(v.headerValue(header, textproto.CanonicalMIMEHeaderKey(name)))
		if lowered == nil && strings.ToLower(values[i]) != values[i] {
			lowered = make([]string, len(values))
		}
	}
	for i := range lowered {
		lowered[i] = strings.ToLower(values[i])
	}
	cr := make([]byte, 0, 512) // an ordinary POST's canonical request fits
	for _, vals := range [][]string{values, lowered} {
		if vals == nil {
			continue
		}
		for _, host := range hosts {
			vals[hostAt] = host
			cr = appendCanonicalRequest(cr[:0], method, rawQuery, auth.SignedHeaders, vals, signedHeaders, payloadHash[:])
			if hmac.Equal(got, signer.sign(cr, tsText)) {
				if !cached {
					signer.remember(secretKey)
				}
				return auth.SecretID, auth.Service, nil
			}
		}
	}
	return "", "", NewError(CodeSignatureFailure)
}

// VerifyV1 checks a legacy v1 request: params are the decoded form or
// query parameters, Signature included. It tries each candidate host (v1
// signs the configured domain with its port; see Candidates; no hosts
// means DefaultHost alone). It returns
// the SecretId or an *APIError: a missing SecretId, Signature, Timestamp
// or Nonce gives CodeMissingParameter, a non-integer Timestamp
// CodeInvalidParameter, an unknown SecretId CodeSecretIDNotFound, a stale
// Timestamp CodeSignatureExpire, and anything else CodeSignatureFailure.
func (v Verifier) VerifyV1(method string, params url.Values, hosts []string) (secretID string, err error) {
	for _, name := range []string{"SecretId", "Signature", "Timestamp", "Nonce"} {
		if params.Get(name) == "" {
			return "", missing(name)
		}
	}
	secretID = params.Get("SecretId")
	ts, perr := strconv.ParseInt(params.Get("Timestamp"), 10, 64)
	if perr != nil {
		return "", Errorf(CodeInvalidParameter, "The parameter `Timestamp` must be an integer.")
	}
	secretKey, err := v.secret(secretID)
	if err != nil {
		return "", err
	}
	if err := v.checkSkew(ts); err != nil {
		return "", err
	}
	got, perr := base64.StdEncoding.DecodeString(params.Get("Signature"))
	if perr != nil {
		return "", NewError(CodeSignatureFailure)
	}
	sigMethod := params.Get("SignatureMethod")
	if len(hosts) == 0 {
		hosts = Candidates("")
	}
	for _, host := range hosts {
		want, err := signV1(secretKey, sigMethod, V1StringToSign(method, host, params))
		if err != nil {
			return "", err
		}
		if hmac.Equal(got, want) {
			return secretID, nil
		}
	}
	return "", NewError(CodeSignatureFailure)
}

// secret looks up the key of secretID.
func (v Verifier) secret(secretID string) (string, error) {
	if v.Secret == nil {
		return "", NewError(CodeSecretIDNotFound)
	}
	key, ok := v.Secret(secretID)
	if !ok {
		return "", NewError(CodeSecretIDNotFound)
	}
	return key, nil
}

// checkSkew applies the MaxSkew rule to a Unix-seconds timestamp.
func (v Verifier) checkSkew(ts int64) error {
	if v.MaxSkew < 0 {
		return nil
	}
	maxSkew := v.MaxSkew
	if maxSkew == 0 {
		maxSkew = DefaultMaxSkew
	}
	var now time.Time
	if v.Now != nil {
		now = v.Now()
	} else {
		now = time.Now()
	}
	// Compare without subtracting ts, which could overflow for hostile input.
	n, limit := now.Unix(), int64(maxSkew/time.Second)
	if ts < n-limit || ts > n+limit {
		return Errorf(CodeSignatureExpire, "Signature expired. Timestamp date: %s, server date: %s",
			time.Unix(ts, 0).UTC().Format(time.DateTime), now.UTC().Format(time.DateTime))
	}
	return nil
}

func missing(name string) *APIError {
	return Errorf(CodeMissingParameter, "The request is missing a required parameter `%s`.", name)
}

// headerValue returns the first value of name, which must be in canonical
// form (textproto.CanonicalMIMEHeaderKey), matching it case-insensitively
// even in a header map whose keys were not canonicalised.
func (v Verifier) headerValue(h http.Header, name string) string {
	if vs, ok := h[name]; ok && len(vs) > 0 {
		return vs[0]
	}
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, name) {
			return vs[0]
		}
	}
	return ""
}
