package fakeserver

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/fakeserver/internal/wire"
)

// The send log keeps the raw SendSms and SendMultiGlobalSms requests that
// held messages, and the answers they got, so the inbox can show where a
// message came from. It is bounded (store.MaxSendRecords requests, at most
// store.MaxSendLogBytes); older messages show that their request is no
// longer kept. What it keeps is redacted first: the TC3 Signature, the v1
// Signature parameter and every session token; SecretIds stay, since they
// name a credential without revealing it.

// SendRequest is a send request that held messages, as the server
// received and answered it, with signatures and tokens redacted.
type SendRequest struct {
	// RequestID is the RequestId of the answer.
	RequestID string `json:"requestId"`
	// Time is when the server answered it, by the server clock.
	Time time.Time `json:"time"`
	// Action and Version name the call.
	Action  string `json:"action"`
	Version string `json:"version"`
	// Method and Target are the HTTP method and request URI (path and
	// query), with v1 signature parameters redacted.
	Method string `json:"method"`
	Target string `json:"target"`
	// Header holds the request's Host, Content-Type, User-Agent,
	// Authorization and X-TC-* headers, redacted, one "Name: value" a
	// line.
	Header string `json:"header"`
	// Body is the request body, redacted, and BodyCut reports that it was
	// cut to 64 KiB.
	Body    string `json:"body"`
	BodyCut bool   `json:"bodyCut,omitempty"`
	// Response is the JSON envelope answered, and ResponseCut reports that
	// it was cut to 64 KiB. It is "" when a fault rule or chaos answered
	// at the HTTP level instead; Note then says so.
	Response    string `json:"response"`
	ResponseCut bool   `json:"responseCut,omitempty"`
	Note        string `json:"note,omitempty"`
	// SerialNos are the messages the request held.
	SerialNos []string `json:"serialNos"`
}

// Redacted is what replaces a signature or token in the send log.
const Redacted = "[redacted]"

// SendRequest returns the kept send request that held the message with the
// given SerialNo, or false when none is kept: the message is older than the
// last store.MaxSendRecords send requests (or never existed).
func (s *Server) SendRequest(serialNo string) (SendRequest, bool) {
	r, ok := s.store.SendRecordOf(serialNo)
	if !ok {
		return SendRequest{}, false
	}
	return SendRequest{RequestID: r.RequestID, Time: r.Time, Action: r.Action, Version: r.Version,
		Method: r.Method, Target: r.Target, Header: r.Header, Body: string(r.Body), BodyCut: r.BodyCut,
		Response: string(r.Response), ResponseCut: r.ResponseCut, Note: r.Note, SerialNos: nonNil(r.SerialNos)}, true
}

// logSend keeps a send request that held messages in the send log. answer
// is the envelope written, or nil when a fault answered at the HTTP level.
func (s *Server) logSend(r *http.Request, call *wire.Call, requestID string, result any, answer []byte) {
	var serials []string
	for _, o := range actions.NumberOutcomes(result) {
		if o.SerialNo != "" {
			serials = append(serials, o.SerialNo)
		}
	}
	if len(serials) == 0 {
		return
	}
	// The body and the answer are kept as they are, not copied: nothing
	// else holds or changes them once the request is answered.
	rec := store.SendRecord{
		RequestID: requestID, Time: s.clock.Now(), Action: call.Action, Version: call.Version,
		Method: r.Method, Target: r.URL.Path, Header: redactHeader(r),
		Body: call.Body, Response: answer, SerialNos: serials,
	}
	if q := r.URL.RawQuery; q != "" {
		rec.Target += "?" + redactForm(q)
	}
	if wire.Header(r, "Authorization") == "" && len(rec.Body) > 0 {
		rec.Body = []byte(redactForm(string(rec.Body))) // a v1 form body carries its signature
	}
	if answer == nil {
		rec.Note = "a fault rule or chaos answered at the HTTP level after the action ran: the client got no envelope"
	}
	s.store.LogSend(rec)
}

// shownHeaders are the request headers the send log keeps, in order, by
// their canonical key (looked up without canonicalising, which allocates)
// and the name shown: what the SDKs send, less cookies and anything a
// proxy added.
var shownHeaders = [...]struct{ key, name string }{
	{"Content-Type", "Content-Type"}, {"User-Agent", "User-Agent"}, {"Authorization", "Authorization"},
	{"X-Tc-Action", "X-TC-Action"}, {"X-Tc-Version", "X-TC-Version"}, {"X-Tc-Timestamp", "X-TC-Timestamp"},
	{"X-Tc-Region", "X-TC-Region"}, {"X-Tc-Language", "X-TC-Language"}, {"X-Tc-Requestclient", "X-TC-RequestClient"},
	{"X-Tc-Traceid", "X-TC-Traceid"}, {"X-Tc-Token", "X-TC-Token"},
}

// redactHeader returns r's Host and shownHeaders, one "Name: value" a line,
// with the TC3 signature and the session token redacted.
func redactHeader(r *http.Request) string {
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

// redactForm replaces the values of the v1 Signature and Token parameters
// in a URL-encoded form, keeping everything else byte for byte.
func redactForm(form string) string {
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
