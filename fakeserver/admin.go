package fakeserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/notifykit/notifier/fakeserver/internal/store"
	"io"
	"net/http"
	"strconv"
	"time"
)

// The admin API lives under /_fake/ and speaks plain JSON with ordinary
// HTTP status codes (unlike the Tencent API, which always answers 200).
// It is documented in doc.go.

const (
	maxAdminBody       = 1 << 20
	defaultWaitTimeout = 10 * time.Second
	maxWaitTimeout     = 5 * time.Minute
)

func (s *Server) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_fake/healthz", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /_fake/{$}", s.adminInbox)
	mux.HandleFunc("GET /_fake/ui", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/_fake/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /_fake/assets/{name}", s.adminInboxAsset)
	mux.HandleFunc("GET /_fake/events", s.adminEvents)
	mux.HandleFunc("GET /_fake/messages", s.adminMessages)
	mux.HandleFunc("GET /_fake/messages/wait", s.adminWait)
	mux.HandleFunc("GET /_fake/messages/{serialNo}", s.adminMessage)
	mux.HandleFunc("DELETE /_fake/messages/{serialNo}", s.adminDeleteMessage)
	mux.HandleFunc("GET /_fake/conversations/{number}", s.adminConversation)
	mux.HandleFunc("GET /_fake/stats", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Stats())
	})
	mux.HandleFunc("DELETE /_fake/messages", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("POST /_fake/apps", adminRegister(s.AddApp))
	mux.HandleFunc("POST /_fake/signs", adminRegister(s.AddSign))
	mux.HandleFunc("POST /_fake/templates", adminRegister(s.AddTemplate))
	mux.HandleFunc("GET /_fake/templates", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, map[string]any{"templates": nonNil(s.Templates())})
	})
	mux.HandleFunc("GET /_fake/signs", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, map[string]any{"signs": nonNil(s.Signs())})
	})
	registerReview(mux, "/_fake/templates", "template", s.ApproveTemplate, s.RejectTemplate)
	s.registerFaultAdmin(mux)
	s.registerCallbackAdmin(mux)
	mux.HandleFunc("/_fake/", func(w http.ResponseWriter, _ *http.Request) {
		adminError(w, http.StatusNotFound, errors.New("no such admin endpoint; see GET /_fake/"))
	})
	return mux
}

// adminMessages answers one page of held messages:
// {"messages":[...],"total":N,"next":"<cursor>"}. Query parameters: the
// filters of filterFromQuery, limit (default 100, at most 10,000), order
// (asc, the default, or desc), and the cursors after and before (a
// SerialNo, usually the previous page's next).
func (s *Server) adminMessages(w http.ResponseWriter, r *http.Request) {
	q, err := queryFromRequest(r)
	if err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	p, err := s.storePage(q)
	if err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	writePage(w, p)
}

// writePage answers p as {"messages":[...],"total":N,"next":"..."}, the
// bytes json.Marshal of the matching Page would give, converting and
// encoding it a message at a time straight to the connection, so that a
// page of 10,000 (some 3.5 MB of JSON) is never held a second time, as
// public Messages or as one buffer.
func writePage(w http.ResponseWriter, p store.Page) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString(`{"messages":[`)
	// One encoder and buffer for every message: json.Marshal would return
	// each message in a new slice, 10,000 of them for a full page.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	var m Message // one, as Encode makes what it is given escape
	for i := range p.Messages {
		if i > 0 {
			bw.WriteByte(',')
		}
		buf.Reset()
		m = Message(p.Messages[i])
		if err := enc.Encode(&m); err != nil {
			panic(http.ErrAbortHandler) // the status is sent: cut the answer short
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))) // Encode ends each value with a newline
	}
	bw.WriteString(`],"total":` + strconv.Itoa(p.Total))
	if p.Next != "" {
		next, _ := json.Marshal(p.Next)
		bw.WriteString(`,"next":`)
		bw.Write(next)
	}
	bw.WriteString("}\n")
	_ = bw.Flush()
}

// queryFromRequest reads a Query from r's query string.
func queryFromRequest(r *http.Request) (Query, error) {
	f, err := filterFromQuery(r)
	if err != nil {
		return Query{}, err
	}
	v := r.URL.Query()
	q := Query{Filter: f, After: v.Get("after"), Before: v.Get("before")}
	switch order := v.Get("order"); order {
	case "", "asc":
	case "desc":
		q.Newest = true
	default:
		return q, fmt.Errorf("order %q is not asc or desc", order)
	}
	if l := v.Get("limit"); l != "" {
		if q.Limit, err = strconv.Atoi(l); err != nil || q.Limit < 1 || q.Limit > MaxPageLimit {
			return q, fmt.Errorf("limit %q is not a number from 1 to %d", l, MaxPageLimit)
		}
	}
	return q, nil
}

// adminWait long-polls until at least count (default 1) held messages match
// the filter, or timeout (default 10s, Go duration or seconds) passes: 200
// with the matches, or 408.
func (s *Server) adminWait(w http.ResponseWriter, r *http.Request) {
	f, err := filterFromQuery(r)
	if err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	q := r.URL.Query()
	count := 1
	if c := q.Get("count"); c != "" {
		if count, err = strconv.Atoi(c); err != nil || count < 1 {
			adminError(w, http.StatusBadRequest, fmt.Errorf("count %q is not a positive integer", c))
			return
		}
	}
	timeout := defaultWaitTimeout
	if t := q.Get("timeout"); t != "" {
		if timeout, err = parseTimeout(t); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	ms, err := s.waitN(ctx, f.query(), count, nil)
	switch {
	case err == nil:
		adminJSON(w, http.StatusOK, map[string]any{"messages": ms})
	case errors.Is(err, context.DeadlineExceeded):
		adminError(w, http.StatusRequestTimeout, fmt.Errorf("no %d matching messages within %s", count, timeout))
	default:
		adminError(w, http.StatusServiceUnavailable, err)
	}
}

func parseTimeout(t string) (time.Duration, error) {
	d, err := time.ParseDuration(t)
	if err != nil {
		secs, err2 := strconv.ParseFloat(t, 64)
		if err2 != nil {
			return 0, fmt.Errorf("timeout %q is neither a duration nor seconds", t)
		}
		d = time.Duration(secs * float64(time.Second))
	}
	if d <= 0 || d > maxWaitTimeout {
		return 0, fmt.Errorf("timeout must be between 0 and %s", maxWaitTimeout)
	}
	return d, nil
}

// filterFromQuery reads a Filter from r's query string: number, template,
// tag, app, text, and since and until (RFC 3339 or Unix seconds).
func filterFromQuery(r *http.Request) (Filter, error) {
	q := r.URL.Query()
	f := Filter{Number: q.Get("number"), Template: q.Get("template"), Tag: q.Get("tag"), App: q.Get("app"), Text: q.Get("text")}
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"since", &f.Since}, {"until", &f.Until}} {
		v := q.Get(t.name)
		if v == "" {
			continue
		}
		if tm, err := time.Parse(time.RFC3339Nano, v); err == nil {
			*t.dst = tm
		} else if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
			*t.dst = time.Unix(secs, 0)
		} else {
			return f, fmt.Errorf("%s %q is neither RFC 3339 nor Unix seconds", t.name, v)
		}
	}
	return f, nil
}

// adminRegister handles POST of one object or an array of them.
func adminRegister[T any](add func(T) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		items, err := decodeOneOrMany[T](r)
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		for _, it := range items {
			if err := add(it); err != nil {
				adminError(w, http.StatusBadRequest, err)
				return
			}
		}
		adminJSON(w, http.StatusCreated, map[string]int{"registered": len(items)})
	}
}

// decodeOneOrMany decodes a JSON body holding one T or an array of them.
func decodeOneOrMany[T any](r *http.Request) ([]T, error) {
	var raw json.RawMessage
	if err := decodeAdmin(r, &raw, false); err != nil {
		return nil, err
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		var items []T
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, err
		}
		return items, nil
	}
	var one T
	if err := json.Unmarshal(raw, &one); err != nil {
		return nil, err
	}
	return []T{one}, nil
}

// registerReview adds POST prefix/{id}/approve and prefix/{id}/reject
// (optional body {"reviewReply": ...}) for one kind of reviewed item,
// named what in the 404 of an unknown id.
func registerReview(mux *http.ServeMux, prefix, what string, approve func(id string) bool, reject func(id, reply string) bool) {
	mux.HandleFunc("POST "+prefix+"/{id}/approve", func(w http.ResponseWriter, r *http.Request) {
		adminReviewed(w, what, approve(r.PathValue("id")))
	})
	mux.HandleFunc("POST "+prefix+"/{id}/reject", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			ReviewReply string `json:"reviewReply"`
		}
		if err := decodeAdmin(r, &body, true); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		adminReviewed(w, what, reject(r.PathValue("id"), body.ReviewReply))
	})
}

func adminReviewed(w http.ResponseWriter, what string, found bool) {
	if !found {
		adminError(w, http.StatusNotFound, errors.New("no such "+what))
		return
	}
	adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// decodeAdmin decodes a JSON body; an empty body is allowed when optional.
func decodeAdmin(r *http.Request, v any, optional bool) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxAdminBody+1))
	if err != nil {
		return err
	}
	if len(b) > maxAdminBody {
		return errBodyTooLarge
	}
	if len(bytes.TrimSpace(b)) == 0 {
		if optional {
			return nil
		}
		return errors.New("empty body")
	}
	return json.Unmarshal(b, v)
}

func adminJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// adminError answers {"error": err}. A body over the admin limit
// (errBodyTooLarge) is always 413, whatever status the caller chose.
func adminError(w http.ResponseWriter, status int, err error) {
	if errors.Is(err, errBodyTooLarge) {
		status = http.StatusRequestEntityTooLarge
	}
	adminJSON(w, status, map[string]string{"error": err.Error()})
}

// errBodyTooLarge is decodeAdmin's error for a body over maxAdminBody.
var errBodyTooLarge = fmt.Errorf("body too large (at most %d bytes)", maxAdminBody)

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
