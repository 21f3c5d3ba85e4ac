package fakeserver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Message is one accepted SMS to one number, as the server holds it.
type Message struct {
	// SerialNo is the ID the server returned in SendStatus.SerialNo.
	SerialNo string `json:"serialNo"`
	// Number is the normalised E.164 recipient.
	Number string `json:"number"`
	// App is the SmsSdkAppId.
	App string `json:"app"`
	// Template is the TemplateId.
	Template string `json:"template"`
	// Params are the TemplateParamSet values.
	Params []string `json:"params"`
	// Sign is the SignName.
	Sign string `json:"sign,omitempty"`
	// Tag is the SessionContext.
	Tag string `json:"tag,omitempty"`
	// SenderID is the SenderId, for international messages.
	SenderID string `json:"senderId,omitempty"`
	// ExtendCode is the ExtendCode.
	ExtendCode string `json:"extendCode,omitempty"`
	// Text is the rendered message as the handset would show it: the sign
	// in 【】 followed by the template with its placeholders filled. For an
	// unregistered template (permissive mode) it is the sign followed by the
	// params joined with spaces.
	Text string `json:"text"`
	// Fee is the number of billed segments.
	Fee int `json:"fee"`
	// Time is when the server accepted the message, by its clock.
	Time time.Time `json:"time"`
	// Mainland reports whether Number is a mainland China number.
	Mainland bool `json:"mainland"`
	// Country is the ISO 3166-1 alpha-2 code of Number's country calling
	// code, as SendStatus.IsoCode gives it ("CN", "US", ...).
	Country string `json:"country"`
	// ReceiptStatus is the delivery report status: "SUCCESS" or "FAIL",
	// or "" while the receipt is not reported (ReceiptDelay, a delayed or
	// never-reported magic test number).
	ReceiptStatus string `json:"receiptStatus"`
	// ReceiptCode is the carrier's code of a reported receipt, for example
	// "DELIVRD" or "EMPTY_NUMBER" (PullSmsSendStatus.Description).
	ReceiptCode string `json:"receiptCode,omitempty"`
	// ReceiptTime is when the receipt is (or will be) reported, by the
	// server clock; zero for a number that never reports.
	ReceiptTime time.Time `json:"receiptTime,omitzero"`
	// ReceiptPulled reports whether PullSmsSendStatus returned the receipt.
	ReceiptPulled bool `json:"receiptPulled"`
}

// Filter selects messages; empty fields match everything. A filter naming
// a number, tag, template or app costs O(the messages with that key),
// whatever the server holds.
type Filter struct {
	Number   string    // the recipient, in any form SendSms accepts
	Template string    // exact TemplateId
	Tag      string    // exact SessionContext
	App      string    // exact SmsSdkAppId
	Since    time.Time // accepted at or after
	Until    time.Time // accepted before
	Text     string    // a case-insensitive substring of the rendered text
}

// Match reports whether m passes the filter.
func (f Filter) Match(m Message) bool {
	q := f.query()
	return (q.Number == "" || q.Number == m.Number) &&
		(f.Template == "" || f.Template == m.Template) &&
		(f.Tag == "" || f.Tag == m.Tag) &&
		(f.App == "" || f.App == m.App) &&
		(f.Since.IsZero() || !m.Time.Before(f.Since)) &&
		(f.Until.IsZero() || m.Time.Before(f.Until)) &&
		(f.Text == "" || containsFold(m.Text, f.Text))
}

// query is the store's form of the filter, with the number normalised.
func (f Filter) query() store.Query {
	number := f.Number
	if n, err := tcsms.ParseNumber(number); err == nil {
		number = n.E164
	}
	return store.Query{Number: number, App: f.App, Template: f.Template, Tag: f.Tag, Text: f.Text, Since: f.Since, Until: f.Until}
}

// Query selects one page of held messages (see Server.Page).
type Query struct {
	Filter
	// After and Before are cursors: a SerialNo (usually a Page's Next)
	// after or before which the page starts. The message need not still be
	// held.
	After, Before string
	// Newest orders the page newest first; the default is oldest first.
	Newest bool
	// Limit is the page size: 0 means DefaultPageLimit, and it is at most
	// MaxPageLimit.
	Limit int
}

// Page sizes.
const (
	DefaultPageLimit = 100
	MaxPageLimit     = 10_000
)

// Page is one page of held messages.
type Page struct {
	// Messages are the page, in the query's order.
	Messages []Message `json:"messages"`
	// Total counts the held messages matching the query's filter.
	Total int `json:"total"`
	// Next is the cursor of the following page (pass it as After, or as
	// Before when Newest), or "" after the last page.
	Next string `json:"next,omitempty"`
}

// ErrBadCursor is returned by Page for an After or Before that is not a
// SerialNo of this server.
var ErrBadCursor = errors.New("fakeserver: cursor is not a SerialNo of this server")

// Page returns one page of the held messages matching q. It never copies
// more than the page, and never holds the server's lock while it renders
// or encodes, so paging through a million messages does not stall sends.
func (s *Server) Page(q Query) (Page, error) {
	p, err := s.storePage(q)
	if err != nil {
		return Page{}, err
	}
	return Page{Messages: messages(p.Messages), Total: p.Total, Next: p.Next}, nil
}

// storePage is Page with the store's messages, which GET /_fake/messages
// converts one at a time as it writes them.
func (s *Server) storePage(q Query) (store.Page, error) {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultPageLimit
	case q.Limit < 0 || q.Limit > MaxPageLimit:
		return store.Page{}, errors.New("fakeserver: page limit must be between 1 and 10000")
	}
	sq := q.Filter.query()
	sq.After, sq.Before, sq.Newest, sq.Limit = q.After, q.Before, q.Newest, q.Limit
	p, err := s.store.Page(sq)
	if errors.Is(err, store.ErrBadCursor) {
		return store.Page{}, ErrBadCursor
	}
	return p, err
}

// messages converts the store's messages.
func messages(ms []store.Message) []Message {
	out := make([]Message, len(ms))
	for i, m := range ms {
		out[i] = Message(m)
	}
	return out
}

// Messages returns copies of every held message, in acceptance order. For
// a server holding many, Page returns them a page at a time.
func (s *Server) Messages() []Message { return messages(s.store.Find(store.Query{})) }

// Find returns copies of the held messages that match f, in acceptance order.
func (s *Server) Find(f Filter) []Message { return messages(s.store.Find(f.query())) }

// Message returns the held message with the given SerialNo.
func (s *Server) Message(serialNo string) (Message, bool) {
	m, ok := s.store.Message(serialNo)
	return Message(m), ok
}

// DeleteMessage forgets the held message with the given SerialNo and
// reports whether it was held.
func (s *Server) DeleteMessage(serialNo string) bool { return s.store.Delete(serialNo) }

// Reset forgets every held message, receipt, reply and statistic.
// Registered apps, signs, templates and fault rules stay. Serial numbers
// keep counting, so they never repeat.
func (s *Server) Reset() { s.store.Reset() }

// WaitFor returns the first held message for which match returns true,
// waiting for one to arrive until ctx is done or the server closes
// (ErrClosed). A nil match accepts any message. When ctx has no deadline,
// WaitFor gives up after Options.WaitTimeout (DefaultWaitTimeout, 10
// seconds, by default), so that a test waiting for a message that never
// comes fails in seconds. Giving up, it returns an error that says how many
// messages the server held and wraps ctx.Err() or
// context.DeadlineExceeded.
func (s *Server) WaitFor(ctx context.Context, match func(Message) bool) (Message, error) {
	if ctx == nil {
		return Message{}, errors.New("fakeserver: WaitFor: nil context.Context")
	}
	var timeout time.Duration // the default applied, for the error message
	if _, ok := ctx.Deadline(); !ok {
		timeout = s.opts.WaitTimeout
		if timeout == 0 {
			timeout = DefaultWaitTimeout
		}
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	ms, err := s.waitN(ctx, store.Query{}, 1, match)
	switch {
	case err == nil:
		return ms[0], nil
	case errors.Is(err, ErrClosed):
		return Message{}, err
	}
	held := s.Stats().Held
	if timeout > 0 && errors.Is(err, context.DeadlineExceeded) {
		return Message{}, fmt.Errorf("fakeserver: WaitFor: no matching message among the %d held after %v "+
			"(the wait when ctx has no deadline; see Options.WaitTimeout): %w", held, timeout, err)
	}
	return Message{}, fmt.Errorf("fakeserver: WaitFor: no matching message among the %d held: %w", held, err)
}

// waitN waits until at least n held messages match q and keep (nil keeps
// all) and returns them all.
func (s *Server) waitN(ctx context.Context, q store.Query, n int, keep func(Message) bool) ([]Message, error) {
	var storeKeep func(store.Message) bool
	if keep != nil {
		storeKeep = func(m store.Message) bool { return keep(Message(m)) }
	}
	ms, err := s.store.Wait(ctx, q, n, storeKeep)
	if errors.Is(err, store.ErrClosed) {
		return nil, ErrClosed
	}
	if err != nil {
		return nil, err
	}
	return messages(ms), nil
}

// Stats are the server's sizes.
type Stats struct {
	// Held is the number of held messages.
	Held int `json:"held"`
	// Evicted counts the messages evicted to stay within MaxMessages.
	Evicted uint64 `json:"evicted"`
	// MaxMessages is the retention cap; 0 means none.
	MaxMessages int `json:"maxMessages"`
	// Replies, Templates and Signs count the held replies and registrations.
	Replies   int `json:"replies"`
	Templates int `json:"templates"`
	Signs     int `json:"signs"`
}

// Stats returns the server's sizes.
func (s *Server) Stats() Stats { return Stats(s.store.Sizes()) }
