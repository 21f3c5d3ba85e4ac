package fakeserver

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// registerCallbackAdmin adds the admin endpoints of receipts, replies,
// callback pushes, the clock and sign review (documented in doc.go).
func (s *Server) registerCallbackAdmin(mux *http.ServeMux) {
	mux.HandleFunc("GET /_fake/callbacks", func(w http.ResponseWriter, r *http.Request) {
		status, kind := r.URL.Query().Get("status"), r.URL.Query().Get("kind")
		switch status {
		case "", PushPending, PushDelivered, PushFailed:
		default:
			adminError(w, http.StatusBadRequest, fmt.Errorf("status %q is not %s, %s or %s", status, PushPending, PushDelivered, PushFailed))
			return
		}
		if kind != "" && kind != CallbackReceipts && kind != CallbackReply {
			adminError(w, http.StatusBadRequest, fmt.Errorf("kind %q is not %s or %s", kind, CallbackReceipts, CallbackReply))
			return
		}
		out := []CallbackPush{}
		for _, p := range s.Callbacks() {
			if (status == "" || p.Status == status) && (kind == "" || p.Kind == kind) {
				out = append(out, p)
			}
		}
		adminJSON(w, http.StatusOK, map[string]any{"callbacks": out})
	})
	mux.HandleFunc("DELETE /_fake/callbacks", func(w http.ResponseWriter, _ *http.Request) {
		s.ClearCallbacks()
		adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /_fake/replies", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, map[string]any{"replies": s.Replies()})
	})
	mux.HandleFunc("POST /_fake/replies", s.adminInjectReplies)
	mux.HandleFunc("GET /_fake/clock", func(w http.ResponseWriter, _ *http.Request) {
		s.adminClockState(w)
	})
	mux.HandleFunc("POST /_fake/clock", s.adminMoveClock)
	registerReview(mux, "/_fake/signs", "sign", s.ApproveSign, s.RejectSign)
}

// adminInjectReplies injects one Reply or an array of them: 201
// {"injected":n}. Replies before a malformed one are injected.
func (s *Server) adminInjectReplies(w http.ResponseWriter, r *http.Request) {
	replies, err := decodeOneOrMany[Reply](r)
	if err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	for i, rp := range replies {
		if err := s.InjectReply(rp); err != nil {
			adminJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error(), "injected": i})
			return
		}
	}
	adminJSON(w, http.StatusCreated, map[string]int{"injected": len(replies)})
}

// adminClockState answers {"now": RFC 3339, "manual": bool}.
func (s *Server) adminClockState(w http.ResponseWriter) {
	_, manual := s.Clock().(*ManualClock)
	adminJSON(w, http.StatusOK, map[string]any{"now": s.clock.Now().Format(time.RFC3339Nano), "manual": manual})
}

// adminMoveClock sets ({"set": RFC 3339}) or advances ({"advance": Go
// duration}) the server clock and answers the new time. A server on the
// system clock switches to a ManualClock starting now; a custom Clock
// answers 409.
func (s *Server) adminMoveClock(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Set     string `json:"set"`
		Advance string `json:"advance"`
	}
	if err := decodeAdmin(r, &body, false); err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	if (body.Set == "") == (body.Advance == "") {
		adminError(w, http.StatusBadRequest, errors.New(`give exactly one of "set" (RFC 3339) and "advance" (a duration such as "90s")`))
		return
	}
	var err error
	if body.Set != "" {
		t, perr := time.Parse(time.RFC3339Nano, body.Set)
		if perr != nil {
			adminError(w, http.StatusBadRequest, errors.New(`"set" is not an RFC 3339 time`))
			return
		}
		if !encodableYear(t) {
			adminError(w, http.StatusBadRequest, errors.New(`"set" is outside the years 1-9999`))
			return
		}
		_, err = s.SetTime(t)
	} else {
		d, perr := time.ParseDuration(body.Advance)
		if perr != nil {
			adminError(w, http.StatusBadRequest, errors.New(`"advance" is not a duration such as "90s" or "1h"`))
			return
		}
		if !encodableYear(s.clock.Now().Add(d)) {
			adminError(w, http.StatusBadRequest, errors.New(`"advance" would move the clock outside the years 1-9999`))
			return
		}
		_, err = s.AdvanceTime(d)
	}
	if err != nil {
		adminError(w, http.StatusConflict, err)
		return
	}
	s.adminClockState(w)
}

// encodableYear reports whether t, in UTC, lies in the years 1-9999, which
// RFC 3339 and JSON times carry; the clock is kept there so that every
// admin answer holding a time still encodes.
func encodableYear(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 1 && y <= 9999
}
