package fakeserver

import (
	"cmp"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

// errResponseLost is what dispatchWithFaults returns when a fault already
// answered at the HTTP level, or made sure no answer is given; serveAPI then
// writes nothing. It is compared by identity and never reaches a client.
var errResponseLost = &tcsms.APIError{Code: "fakeserver.ResponseLost", Message: "the answer was lost on purpose"}

// defaultFaultPage is the body of HTTPStatus and HTTPMalformed answers
// without Fault.Body: what a gateway in front of the API sends.
const defaultFaultPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n"

// faultsArmed reports whether a whole-request rule or chaos is active, so
// serveAPI takes the plain path when neither is.
func (s *Server) faultsArmed() bool {
	return s.faults.requestRules.Load() > 0 || s.chaos.active.Load()
}

// dispatchWithFaults is dispatch with whole-request fault rules and chaos
// applied (see Fault for the effects and phases).
func (s *Server) dispatchWithFaults(w http.ResponseWriter, r *http.Request, c *apiCall, requestID string) (any, *tcsms.APIError) {
	f, ok := s.faults.takeRequest(c.action, func() []string { return requestNumbers(c) })
	if !ok {
		f, ok = s.chaos.draw(c.action)
	}
	if !ok {
		return s.dispatch(c)
	}
	after := f.Phase == PhaseAfter
	var result any
	var apiErr *tcsms.APIError
	if after {
		result, apiErr = s.dispatch(c)
	}
	if !sleepCtx(r.Context(), time.Duration(f.Latency)) {
		return nil, errResponseLost // the client gave up waiting
	}
	switch {
	case f.Code != "":
		return nil, f.apiError()
	case f.HTTP != "":
		failHTTP(w, r, f, func(w http.ResponseWriter) {
			// Before the action there is no answer: an internal error is cut.
			if !after || apiErr != nil || writeResult(w, requestID, result) != nil {
				writeError(w, requestID, cmp.Or(apiErr, tcsms.NewError(tcsms.CodeInternalError)))
			}
		})
		return nil, errResponseLost
	case !after:
		return s.dispatch(c)
	}
	return result, apiErr
}

// failHTTP answers r with f's HTTP-level failure; answer writes the
// envelope a truncated answer is cut from.
func failHTTP(w http.ResponseWriter, r *http.Request, f Fault, answer func(http.ResponseWriter)) {
	switch f.HTTP {
	case HTTPReset:
		resetConn(w)
	case HTTPStatus:
		status := f.Status
		if status == 0 {
			status = http.StatusBadGateway
		}
		writeRaw(w, status, "text/html; charset=utf-8", f.bodyOr(defaultFaultPage))
	case HTTPMalformed:
		writeRaw(w, http.StatusOK, "application/json", f.bodyOr(defaultFaultPage))
	case HTTPTruncate:
		rec := httptest.NewRecorder()
		answer(rec)
		full := rec.Body.Bytes()
		// Declaring the full length and writing half makes net/http close
		// the connection after the handler, so the client reads a short body.
		h := w.Header()
		h["Content-Type"] = []string{"application/json"}
		h["Content-Length"] = []string{strconv.Itoa(len(full))}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(full[:len(full)/2])
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
	case HTTPHang:
		<-r.Context().Done() // the client gave up, or Close closed the connection
	}
}

func (f Fault) bodyOr(def string) string {
	if f.Body != "" {
		return f.Body
	}
	return def
}

func writeRaw(w http.ResponseWriter, status int, contentType, body string) {
	h := w.Header()
	h["Content-Type"] = []string{contentType}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// resetConn closes the client's connection without an answer: a TCP reset
// when the server listens, ErrAbortHandler otherwise (Transport turns it
// into a transport error).
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // net/http's sanctioned way to abort a response
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // RST rather than FIN
	}
	_ = conn.Close()
}

// sleepCtx waits d unless ctx ends first, and reports whether d passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// requestNumbers returns the E.164 numbers a call names (or the given
// spelling of one that does not parse), for rules with a Number.
func requestNumbers(c *apiCall) []string {
	h, ok := actions[c.action]
	if !ok {
		return nil
	}
	p := h.newParams()
	if decodeParams(c, p) != nil {
		return nil
	}
	var given []string
	switch p := p.(type) {
	case *sms.SendSmsRequestParams:
		given = derefAll(p.PhoneNumberSet)
	case *sms.SendMultiGlobalSmsRequestParams:
		for _, m := range p.MultiSmsInfoSet {
			if m != nil {
				given = append(given, deref(m.PhoneNumber))
			}
		}
	case *sms.PullSmsSendStatusByPhoneNumberRequestParams:
		given = []string{deref(p.PhoneNumber)}
	case *sms.PullSmsReplyStatusByPhoneNumberRequestParams:
		given = []string{deref(p.PhoneNumber)}
	case *sms.DescribePhoneNumberInfoRequestParams:
		given = derefAll(p.PhoneNumberSet)
	}
	for i, g := range given {
		if n, err := tcsms.ParseNumber(g); err == nil {
			given[i] = n.E164
		}
	}
	return given
}
