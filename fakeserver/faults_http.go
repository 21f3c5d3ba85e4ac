package fakeserver

import (
	"cmp"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/fakeserver/internal/wire"
	"github.com/notifykit/notifier/internal/tcsms"
)

// defaultFaultPage is the body of HTTPStatus and HTTPMalformed answers
// without Fault.Body: what a gateway in front of the API sends.
const defaultFaultPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n"

// faultsArmed reports whether a whole-request rule or chaos is active, so
// the fault point costs nothing when neither is.
func (s *Server) faultsArmed() bool {
	return s.faults.requestRules.Load() > 0 || s.chaos.active.Load()
}

// faultPoint is the one place where fault rules and chaos act on a whole
// request: after the wire layer has read it and before (PhaseBefore) or
// after (PhaseAfter) run executes its action. It returns the result or
// error to answer with, or answered true when the fault already answered
// at the HTTP level or made sure no answer is given (the action's result,
// if it ran, is then returned for the send log only). Per-number rules act
// inside the send actions instead (actions.Policy.Faults).
func (s *Server) faultPoint(w http.ResponseWriter, r *http.Request, call *wire.Call, requestID string,
	run func(*wire.Call) (any, *tcsms.APIError)) (result any, apiErr *tcsms.APIError, answered bool) {
	if !s.faultsArmed() {
		result, apiErr = run(call)
		return result, apiErr, false
	}
	f, ok := s.faults.takeRequest(call.Action, func() []string { return actions.RequestNumbers(call.Params) })
	if !ok {
		f, ok = s.chaos.draw(call.Action)
	}
	if !ok {
		result, apiErr = run(call)
		return result, apiErr, false
	}
	after := f.Phase == PhaseAfter
	if after {
		result, apiErr = run(call)
	}
	if !sleepCtx(r.Context(), s.base.Done(), time.Duration(f.Latency)) {
		s.abortIfStopping()
		return result, apiErr, true // the client gave up waiting
	}
	switch {
	case f.Code != "":
		return nil, f.apiError(), false
	case f.HTTP != "":
		failHTTP(w, r, f, s.base.Done(), func(w http.ResponseWriter) {
			// Before the action there is no answer: an internal error is cut.
			if !after || apiErr != nil || wire.WriteResult(w, requestID, result) != nil {
				wire.WriteError(w, requestID, cmp.Or(apiErr, tcsms.NewError(tcsms.CodeInternalError)))
			}
		})
		return result, apiErr, true
	case !after:
		result, apiErr = run(call)
	}
	return result, apiErr, false
}

// failHTTP answers r with f's HTTP-level failure; answer writes the
// envelope a truncated answer is cut from. A hang ends when the client
// gives up or stop is closed.
func failHTTP(w http.ResponseWriter, r *http.Request, f Fault, stop <-chan struct{}, answer func(http.ResponseWriter)) {
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
		select {
		case <-r.Context().Done(): // the client gave up, or the server stops
		case <-stop: // the server stops (a request through Transport)
		}
		if isClosed(stop) {
			panic(http.ErrAbortHandler) // no answer at all, as when the server closes the connection
		}
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

// sleepCtx waits d unless ctx ends or stop is closed first, and reports
// whether d passed.
func sleepCtx(ctx context.Context, stop <-chan struct{}, d time.Duration) bool {
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
	case <-stop:
		return false
	}
}

// isClosed reports whether ch is closed, without waiting.
func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// abortIfStopping ends a request whose fault was waiting when the server
// began to stop: with no answer at all, as when the server closes the
// connection (an empty 200 would be an answer).
func (s *Server) abortIfStopping() {
	if s.base.Err() != nil {
		panic(http.ErrAbortHandler) // net/http's sanctioned way to abort a response
	}
}
