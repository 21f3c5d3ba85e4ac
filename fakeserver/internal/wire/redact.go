package wire

import (
	"net/http"
	"net/url"
	"strings"
)

// Redacted is what replaces a signature or token when a request is kept
// for people to read (the inbox's send log).
const Redacted = "[redacted]"

// shownHeaders are the request headers the send log shows, in order, by
// their canonical key (looked up without canonicalising, which allocates)
// and the name shown: what the SDKs send, less cookies and anything a
// proxy added.
var shownHeaders = [...]struct{ key, name string }{
	{"Content-Type", "Content-Type"}, {"User-Agent", "User-Agent"}, {"Authorization", "Authorization"},
	{"X-Tc-Action", "X-TC-Action"}, {"X-Tc-Version", "X-TC-Version"}, {"X-Tc-Timestamp", "X-TC-Timestamp"},
	{"X-Tc-Region", "X-TC-Region"}, {"X-Tc-Language", "X-TC-Language"}, {"X-Tc-Requestclient", "X-TC-RequestClient"},
	{"X-Tc-Traceid", "X-TC-Traceid"}, {"X-Tc-Token", "X-TC-Token"},
}

// RedactHeader returns r's Host and shownHeaders, one "Name: value" a line,
// with the TC3 signature and the session token redacted.
func RedactHeader(r *http.Request) string {
	var b strings.Builder
	b.Grow(512)
	b.WriteString("Host: ")
	b.WriteString(r.Host)
	for _, h := range shownHeaders {
		vs := r.Header[h.key]
		if len(vs) == 0 {
			continue
		}
		v := vs[0]
		switch h.key {
		case "Authorization":
			v = redactAuthorization(v)
		case "X-Tc-Token":
			v = Redacted
		}
		b.WriteString("\n")
		b.WriteString(h.name)
		b.WriteString(": ")
		b.WriteString(v)
	}
	return b.String()
}

// redactAuthorization replaces the value of the Signature parameter of a
// TC3 Authorization header, keeping the algorithm, Credential (SecretId,
// date, service) and SignedHeaders. A header without a space (not TC3) is
// redacted whole.
func redactAuthorization(v string) string {
	if !strings.Contains(v, " ") {
		return Redacted
	}
	out := v
	for from := 0; ; {
		i := indexFold(out[from:], "signature=")
		if i < 0 {
			return out
		}
		start := from + i + len("signature=")
		if start-len("signature=") > 0 && !strings.ContainsRune(" ,", rune(out[start-len("signature=")-1])) {
			from = start // part of another name, such as "XSignature="
			continue
		}
		end := strings.IndexByte(out[start:], ',')
		if end < 0 {
			end = len(out) - start
		}
		out = out[:start] + Redacted + out[start+end:]
		from = start + len(Redacted)
	}
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, substr string) int {
	for i := 0; i+len(substr) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(substr)], substr) {
			return i
		}
	}
	return -1
}

// RedactForm replaces the values of the v1 Signature and Token parameters
// in a URL-encoded form, keeping everything else byte for byte.
func RedactForm(form string) string {
	pairs := strings.Split(form, "&")
	changed := false
	for i, p := range pairs {
		name, _, _ := strings.Cut(p, "=")
		if key, err := url.QueryUnescape(name); err == nil && (key == "Signature" || key == "Token") {
			pairs[i] = name + "=" + url.QueryEscape(Redacted)
			changed = true
		}
	}
	if !changed {
		return form
	}
	return strings.Join(pairs, "&")
}
