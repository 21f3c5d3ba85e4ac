package fakeserver

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// The admin endpoints behind the inbox page (inbox.go): one message in
// full, deleting one, a number's conversation, and the signs list. Each
// answers from bounded lookups, never from a copy of every held message.

// messageDetail is the answer of GET /_fake/messages/{serialNo}.
type messageDetail struct {
	Message Message `json:"message"`
	// Segments is Message.Text cut into its billed segments.
	Segments []string `json:"segments"`
	// Request is the send request the message came from, or nil when the
	// send log no longer keeps it.
	Request *SendRequest `json:"request"`
	// Callbacks are the receipt pushes carrying the message.
	Callbacks []CallbackPush `json:"callbacks"`
	// Replies counts the held replies from the message's number.
	Replies int `json:"replies"`
}

// adminMessage answers one held message with what the inbox's detail view
// shows, or 404.
func (s *Server) adminMessage(w http.ResponseWriter, r *http.Request) {
	serial := r.PathValue("serialNo")
	m, ok := s.Message(serial)
	if !ok {
		adminError(w, http.StatusNotFound, errors.New("no such message: it was deleted, evicted or never sent"))
		return
	}
	d := messageDetail{Message: m, Segments: tcsms.SplitSegments(m.Text, m.Mainland), Callbacks: s.callbacksOf(serial)}
	if req, ok := s.SendRequest(serial); ok {
		d.Request = &req
	}
	_, d.Replies = s.store.RepliesOf(m.Number, 1)
	adminJSON(w, http.StatusOK, d)
}

// callbacksOf returns copies of the pushes whose receipts include the
// message with the given SerialNo.
func (s *Server) callbacksOf(serial string) []CallbackPush {
	if s.push == nil {
		return []CallbackPush{}
	}
	return callbackPushes(s.push.List(serial))
}

// adminDeleteMessage forgets one held message: 200, or 404 when it is not
// held.
func (s *Server) adminDeleteMessage(w http.ResponseWriter, r *http.Request) {
	if !s.DeleteMessage(r.PathValue("serialNo")) {
		adminError(w, http.StatusNotFound, errors.New("no such message"))
		return
	}
	adminJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Conversation sizes.
const (
	defaultConversationLimit = 100
	maxConversationLimit     = 1000
)

// conversationItem is a sent message or a reply, in a conversation.
type conversationItem struct {
	Kind    string    `json:"kind"` // "sent" or "reply"
	Time    time.Time `json:"time"`
	Message *Message  `json:"message,omitempty"`
	Reply   *Reply    `json:"reply,omitempty"`
}

// adminConversation answers the newest messages to a number and replies
// from it, oldest first: {"number","items":[...],"messages":N,
// "replies":N,"truncated":bool}, where messages and replies count all
// held ones and truncated says that older ones were left out. The limit
// query parameter (default 100, at most 1,000) bounds the items.
func (s *Server) adminConversation(w http.ResponseWriter, r *http.Request) {
	num, err := tcsms.ParseNumber(r.PathValue("number"))
	if err != nil {
		adminError(w, http.StatusBadRequest, fmt.Errorf("%q is not a phone number", r.PathValue("number")))
		return
	}
	limit := defaultConversationLimit
	if l := r.URL.Query().Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > maxConversationLimit {
			adminError(w, http.StatusBadRequest, fmt.Errorf("limit %q is not a number from 1 to %d", l, maxConversationLimit))
			return
		}
	}
	p, err := s.Page(Query{Filter: Filter{Number: num.E164}, Newest: true, Limit: limit})
	if err != nil {
		adminError(w, http.StatusInternalServerError, err)
		return
	}
	replies, replyTotal := s.store.RepliesOf(num.E164, limit)
	items := make([]conversationItem, 0, len(p.Messages)+len(replies))
	for i := range p.Messages {
		items = append(items, conversationItem{Kind: "sent", Time: p.Messages[i].Time, Message: &p.Messages[i]})
	}
	for _, rp := range replies {
		items = append(items, conversationItem{Kind: "reply", Time: rp.Time, Reply: &Reply{
			Number: rp.Number, Text: rp.Text, Sign: rp.Sign, ExtendCode: rp.ExtendCode, App: rp.App, Time: rp.Time, Pulled: rp.Pulled}})
	}
	// Oldest first; a message before a reply at the same instant.
	slices.SortStableFunc(items, func(a, b conversationItem) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Kind, b.Kind)*-1)
	})
	truncated := p.Total+replyTotal > limit
	if len(items) > limit {
		items = items[len(items)-limit:]
	}
	adminJSON(w, http.StatusOK, map[string]any{"number": num.E164, "items": items,
		"messages": p.Total, "replies": replyTotal, "truncated": truncated})
}
