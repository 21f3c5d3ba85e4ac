package fakeserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Reply is an inbound SMS: a user answering a message. InjectReply (or
// POST /_fake/replies) makes the server hold it as if a handset had sent
// it; the reply pull actions serve it and it is pushed to
// Options.ReplyCallbackURL.
type Reply struct {
	// Number is the replying number, in any form SendSms accepts; the server
	// holds it normalised to E.164.
	Number string `json:"number"`
	// Text is the reply content.
	Text string `json:"text"`
	// Sign is the signature of the message replied to (SignName).
	Sign string `json:"sign,omitempty"`
	// ExtendCode is the extension code the reply came in on (ExtendCode).
	ExtendCode string `json:"extendCode,omitempty"`
	// App is the SmsSdkAppId the reply belongs to. Empty means the app of
	// the newest held message to Number, or, when there is none, any app.
	App string `json:"app,omitempty"`
	// Time is when the user replied; zero means now by the server clock.
	Time time.Time `json:"time,omitzero"`
	// Pulled reports whether PullSmsReplyStatus returned the reply
	// (read-only).
	Pulled bool `json:"pulled"`
}

// replyCallback is Tencent's reply callback (reference §7): one JSON
// object, with time in Unix seconds.
type replyCallback struct {
	Extend     string `json:"extend"`
	Mobile     string `json:"mobile"` // without the country code
	Nationcode string `json:"nationcode"`
	Sign       string `json:"sign"`
	Text       string `json:"text"`
	Time       int64  `json:"time"`
}

// InjectReply holds an inbound reply, as if the user at r.Number had
// answered, and pushes it to Options.ReplyCallbackURL when one is set. It
// fails when the number is malformed, the text is empty or longer than
// 500 characters (Tencent's longest message), or the sign, extend code or
// app is longer than 64 bytes. The server
// holds at most Options.MaxMessages replies, evicting the oldest.
func (s *Server) InjectReply(r Reply) error {
	num, err := tcsms.ParseNumber(r.Number)
	if err != nil {
		return fmt.Errorf("fakeserver: reply number %q is not a phone number", r.Number)
	}
	if r.Text == "" {
		return errors.New("fakeserver: reply has no text")
	}
	if n := tcsms.Chars(r.Text); n > tcsms.MaxContentChars {
		return fmt.Errorf("fakeserver: reply text has %d characters; at most %d are allowed", n, tcsms.MaxContentChars)
	}
	if len(r.Sign) > actions.MaxIDBytes || len(r.ExtendCode) > actions.MaxIDBytes || len(r.App) > actions.MaxIDBytes {
		return fmt.Errorf("fakeserver: a reply's sign, extend code and app may have at most %d bytes each", actions.MaxIDBytes)
	}
	if r.Time.IsZero() {
		r.Time = s.clock.Now()
	}
	held := s.store.AddReply(num, store.Reply{Text: r.Text, Sign: r.Sign, ExtendCode: r.ExtendCode, App: r.App, Time: r.Time})
	if p := s.push; p != nil && p.replyURL != "" {
		body, err := json.Marshal(replyCallback{
			Extend: held.ExtendCode, Mobile: held.Subscriber, Nationcode: held.CountryCode,
			Sign: held.Sign, Text: held.Text, Time: held.Time.Unix(),
		})
		if err != nil {
			return err
		}
		p.Enqueue(CallbackReply, p.replyURL, body, nil, s.clock.Now())
	}
	return nil
}

// Replies returns copies of the held replies, in injection order.
func (s *Server) Replies() []Reply {
	held := s.store.Replies()
	out := make([]Reply, len(held))
	for i, r := range held {
		out[i] = Reply{Number: r.Number, Text: r.Text, Sign: r.Sign, ExtendCode: r.ExtendCode, App: r.App, Time: r.Time, Pulled: r.Pulled}
	}
	return out
}
