package fakeserver

import (
	"net/http"
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
const Redacted = wire.Redacted

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
		Method: r.Method, Target: r.URL.Path, Header: wire.RedactHeader(r),
		Body: call.Body, Response: answer, SerialNos: serials,
	}
	if q := r.URL.RawQuery; q != "" {
		rec.Target += "?" + wire.RedactForm(q)
	}
	if wire.Header(r, "Authorization") == "" && len(rec.Body) > 0 {
		rec.Body = []byte(wire.RedactForm(string(rec.Body))) // a v1 form body carries its signature
	}
	if answer == nil {
		rec.Note = "a fault rule or chaos answered at the HTTP level after the action ran: the client got no envelope"
	}
	s.store.LogSend(rec)
}
