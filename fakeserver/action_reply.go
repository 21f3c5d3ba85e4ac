package fakeserver

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("PullSmsReplyStatus", (*Server).pullSmsReplyStatus)
	registerAction("PullSmsReplyStatusByPhoneNumber", (*Server).pullSmsReplyStatusByPhoneNumber)
}

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

// replyEntry is a held reply with its parsed number.
type replyEntry struct {
	Reply
	num tcsms.Number
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
// fails when the number is malformed or the text is empty. It is safe for
// concurrent use.
func (s *Server) InjectReply(r Reply) error {
	num, err := tcsms.ParseNumber(r.Number)
	if err != nil {
		return fmt.Errorf("fakeserver: reply number %q is not a phone number", r.Number)
	}
	if r.Text == "" {
		return errors.New("fakeserver: reply has no text")
	}
	r.Number, r.Pulled = num.E164, false
	if r.Time.IsZero() {
		r.Time = s.clock.Now()
	}
	s.mu.Lock()
	if r.App == "" {
		r.App = s.lastAppLocked(num.E164)
	}
	s.st.replies = append(s.st.replies, replyEntry{Reply: r, num: num})
	s.mu.Unlock()

	if p := s.push; p != nil && p.replyURL != "" {
		body, err := json.Marshal(replyCallback{
			Extend: r.ExtendCode, Mobile: num.Subscriber, Nationcode: num.CountryCode,
			Sign: r.Sign, Text: r.Text, Time: r.Time.Unix(),
		})
		if err != nil {
			return err
		}
		p.enqueue(CallbackReply, p.replyURL, body, nil, s.clock.Now())
	}
	return nil
}

// lastAppLocked returns the app of the newest held message to number, or "".
func (s *Server) lastAppLocked(number string) string {
	digits, compact := e164Digits(number)
	for i := s.st.len() - 1; i >= 0; i-- {
		r := s.st.at(i)
		if r.sentTo(number, digits, compact) {
			return s.st.strs.str(r.app)
		}
	}
	return ""
}

// Replies returns copies of the held replies, in injection order.
func (s *Server) Replies() []Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Reply, len(s.st.replies))
	for i, e := range s.st.replies {
		out[i] = e.Reply
	}
	return out
}

// pullSmsReplyStatus implements PullSmsReplyStatus: the app's replies not
// pulled before, in injection order, at most Limit (≤ 100), each returned
// once.
func (s *Server) pullSmsReplyStatus(_ *apiCall, p *sms.PullSmsReplyStatusRequestParams) (any, error) {
	if err := checkPull(p.Limit, p.SmsSdkAppId); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := []*sms.PullSmsReplyStatus{}
	for i := range s.st.replies {
		e := &s.st.replies[i]
		if len(out) >= int(*p.Limit) {
			break
		}
		if e.Pulled || (e.App != "" && e.App != *p.SmsSdkAppId) {
			continue
		}
		e.Pulled = true
		out = append(out, e.sdk())
	}
	return &sms.PullSmsReplyStatusResponseParams{PullSmsReplyStatusSet: out}, nil
}

// pullSmsReplyStatusByPhoneNumber implements
// PullSmsReplyStatusByPhoneNumber: one number's replies to the app in
// [BeginTime, EndTime] (Unix seconds, at most 7 days back; EndTime defaults
// to now), in injection order, at most Limit; Offset must be 0. It does
// not consume them.
func (s *Server) pullSmsReplyStatusByPhoneNumber(_ *apiCall, p *sms.PullSmsReplyStatusByPhoneNumberRequestParams) (any, error) {
	num, from, to, err := checkPullByPhone(p.BeginTime, p.EndTime, p.Offset, p.Limit, p.PhoneNumber, p.SmsSdkAppId, s.clock.Now())
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := []*sms.PullSmsReplyStatus{}
	lo, hi := from.Unix(), to.Unix()
	for _, e := range s.st.replies {
		if len(out) >= int(*p.Limit) {
			break
		}
		sec := e.Time.Unix()
		if e.num.E164 != num.E164 || (e.App != "" && e.App != *p.SmsSdkAppId) || sec < lo || sec > hi {
			continue
		}
		out = append(out, e.sdk())
	}
	return &sms.PullSmsReplyStatusByPhoneNumberResponseParams{PullSmsReplyStatusSet: out}, nil
}

// sdk returns the reply as the SDK's PullSmsReplyStatus.
func (e *replyEntry) sdk() *sms.PullSmsReplyStatus {
	return &sms.PullSmsReplyStatus{
		ExtendCode:       ptr(e.ExtendCode),
		CountryCode:      ptr(e.num.CountryCode),
		PhoneNumber:      ptr(e.num.E164),
		SignName:         ptr(e.Sign),
		ReplyContent:     ptr(e.Text),
		ReplyTime:        ptr(uint64(max(e.Time.Unix(), 0))),
		SubscriberNumber: ptr(e.num.Subscriber),
	}
}
