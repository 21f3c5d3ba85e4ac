package fakeserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/store"
)

// The event stream, GET /_fake/events, tells a browser (or any client)
// what changed without polling: Server-Sent Events, so that EventSource
// reconnects by itself and resumes after the last message it saw.

const (
	// eventBurst is the most message events one round sends; a larger
	// burst becomes one "changed" event, and the client reloads its page.
	eventBurst = 100
	// eventPause lets a burst of sends land before a round looks, so a
	// busy server costs a stream a few rounds a second, not one per send.
	eventPause = 50 * time.Millisecond
	// eventHeartbeat keeps proxies and the browser from timing out an
	// idle stream.
	eventHeartbeat = 15 * time.Second
)

// adminEvents streams events: "message" (a new held message matching the
// filters of filterFromQuery, as Message JSON, with its SerialNo as the
// event id), "changed" (messages were deleted or reset, replies injected,
// receipts pulled, or too many messages arrived at once: reload),
// "stats" (Stats JSON, after every round) and a comment every 15 s. It
// starts after the Last-Event-ID header's message, the after query
// parameter's, or now, and ends when the client goes or the server
// closes.
func (s *Server) adminEvents(w http.ResponseWriter, r *http.Request) {
	f, err := filterFromQuery(r)
	if err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	q := f.query()
	cursor := r.Header.Get("Last-Event-ID")
	if cursor == "" {
		cursor = r.URL.Query().Get("after")
	}
	// A cursor this server did not issue (the page costs one record) means
	// from now on.
	if _, err := s.store.Page(store.Query{After: cursor, Limit: 1, NoTotal: true}); err != nil || cursor == "" {
		cursor = s.store.Cursor()
	}
	changes, cancel := s.store.Subscribe()
	defer cancel()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, "retry: 2000\n\n")
	s.writeEvent(w, "stats", "", s.Stats())
	if rc.Flush() != nil {
		return
	}
	version := s.store.Version()
	version.Next = 0 // look at once: a resumed stream may be behind
	heartbeat := time.NewTicker(eventHeartbeat)
	defer heartbeat.Stop()
	for first := true; ; first = false {
		if !first {
			select {
			case <-r.Context().Done():
				return
			case _, open := <-changes:
				if !open { // the server is closing
					return
				}
			case <-heartbeat.C:
				if _, err := io.WriteString(w, ": heartbeat\n\n"); err != nil || rc.Flush() != nil {
					return
				}
				continue
			}
			if !sleepCtx(r.Context(), s.base.Done(), eventPause) {
				return
			}
		}
		now := s.store.Version()
		changed := now.Other != version.Other
		if now.Next != version.Next {
			ms, next, more, err := s.store.Added(q, cursor, eventBurst)
			switch {
			case err != nil || more:
				changed, cursor = true, s.store.Cursor()
			default:
				for _, m := range ms {
					s.writeEvent(w, "message", m.SerialNo, Message(m))
				}
				cursor = next
			}
		}
		version = now
		if changed {
			s.writeEvent(w, "changed", cursor, map[string]string{})
		}
		s.writeEvent(w, "stats", "", s.Stats())
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes one event; its data is v as one line of JSON.
func (s *Server) writeEvent(w io.Writer, event, id string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(`{}`)
	}
	if id != "" {
		_, _ = fmt.Fprintf(w, "id: %s\n", id)
	}
	_, _ = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
}
