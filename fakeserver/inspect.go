package fakeserver

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

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
	// params joined with single spaces. The fake package renders the same
	// text by the same rule (see Rendering in the package doc).
	Text string `json:"text"`
	// Fee is the number of billed segments.
	Fee int `json:"fee"`
	// Time is when the server accepted the message, by its clock.
	Time time.Time `json:"time"`
	// Mainland reports whether Number is a mainland China number.
	Mainland bool `json:"mainland"`
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

// Filter selects messages; empty fields match everything.
type Filter struct {
	Number   string    // exact E.164 number
	Template string    // exact TemplateId
	Tag      string    // exact SessionContext
	App      string    // exact SmsSdkAppId
	Since    time.Time // accepted at or after
}

// Match reports whether m passes the filter.
func (f Filter) Match(m Message) bool {
	return (f.Number == "" || f.Number == m.Number) &&
		(f.Template == "" || f.Template == m.Template) &&
		(f.Tag == "" || f.Tag == m.Tag) &&
		(f.App == "" || f.App == m.App) &&
		(f.Since.IsZero() || !m.Time.Before(f.Since))
}

// Messages returns copies of every held message, in acceptance order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, s.st.len())
	for i := range out {
		out[i] = s.messageLocked(i)
	}
	return out
}

// Find returns copies of the held messages that match f, in acceptance order.
func (s *Server) Find(f Filter) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.findLocked(0, f.Match)
}

// Message returns the held message with the given SerialNo.
func (s *Server) Message(serialNo string) (Message, bool) {
	seq, ok := s.serials.seqOf(serialNo)
	if !ok {
		return Message{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.st.indexOfSeq(seq)
	if !ok {
		return Message{}, false
	}
	return s.messageLocked(i), true
}

// Reset forgets every held message, receipt and statistic. Registered apps,
// signs, templates and fault rules stay. Serial numbers keep counting, so
// they never repeat.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.reset()
	s.resets++
}

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
	ms, err := s.waitN(ctx, 1, match)
	switch {
	case err == nil:
		return ms[0], nil
	case errors.Is(err, ErrClosed):
		return Message{}, err
	}
	s.mu.Lock()
	held := s.st.len()
	s.mu.Unlock()
	if timeout > 0 && errors.Is(err, context.DeadlineExceeded) {
		return Message{}, fmt.Errorf("fakeserver: WaitFor: no matching message among the %d held after %v "+
			"(the wait when ctx has no deadline; see Options.WaitTimeout): %w", held, timeout, err)
	}
	return Message{}, fmt.Errorf("fakeserver: WaitFor: no matching message among the %d held: %w", held, err)
}

// waitN waits until at least n held messages match and returns them all.
func (s *Server) waitN(ctx context.Context, n int, match func(Message) bool) ([]Message, error) {
	if match == nil {
		match = func(Message) bool { return true }
	}
	var found []Message
	from := 0
	s.mu.Lock()
	resets := s.resets
	s.mu.Unlock()
	for {
		s.mu.Lock()
		if s.resets != resets { // Reset while waiting: start over
			found, from, resets = nil, 0, s.resets
		}
		found = append(found, s.findLocked(from, match)...)
		from = s.st.len()
		notify, closed := s.notify, s.closed
		s.notifyTaken = true
		s.mu.Unlock()
		if len(found) >= n {
			return found, nil
		}
		if closed {
			return nil, ErrClosed
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-notify:
		}
	}
}

func (s *Server) findLocked(from int, match func(Message) bool) []Message {
	var out []Message
	for i := from; i < s.st.len(); i++ {
		if m := s.messageLocked(i); match(m) {
			out = append(out, m)
		}
	}
	return out
}

// messageLocked builds the Message of record i; s.mu must be held.
func (s *Server) messageLocked(i int) Message {
	r := s.st.at(i)
	strs := &s.st.strs
	m := Message{
		SerialNo: s.serials.serialOf(r),
		Number:   r.e164(),
		App:      strs.str(r.app),
		Template: strs.str(r.tmpl),
		Params:   r.paramList(),
		Sign:     strs.str(r.sign),
		Tag:      r.tag,
		Fee:      int(r.fee),
		Time:     r.time(),
		Mainland: r.flags&flagMainland != 0,
	}
	if r.extra != nil {
		m.SenderID, m.ExtendCode = r.extra.senderID, r.extra.extendCode
	}
	m.Text = renderText(m.Sign, strs.str(r.content), r.flags&flagRawText != 0, m.Params)
	if rc, reported := s.receiptOf(r, s.clock.Now()); reported {
		m.ReceiptStatus, m.ReceiptCode, m.ReceiptTime = rc.status, rc.code, rc.at
	} else if !rc.never {
		m.ReceiptTime = rc.at
	}
	m.ReceiptPulled = r.flags&flagPulled != 0
	return m
}

// renderText is the text a handset shows: 【sign】 and the rendered
// template, or the params joined by spaces when there is no template.
func renderText(sign, content string, raw bool, params []string) string {
	body := strings.Join(params, " ")
	if !raw {
		if t, err := tcsms.Render(content, params); err == nil {
			body = t
		}
	}
	if sign == "" {
		return body
	}
	return "【" + sign + "】" + body
}

// appendText appends what renderText returns, given body, the rendered
// template, unless raw: then the params joined by spaces.
func appendText(dst []byte, sign, body string, raw bool, params []string) []byte {
	if sign != "" {
		dst = append(dst, "【"...)
		dst = append(dst, sign...)
		dst = append(dst, "】"...)
	}
	if !raw {
		return append(dst, body...)
	}
	for i, p := range params {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, p...)
	}
	return dst
}
