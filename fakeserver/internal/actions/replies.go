package actions

import (
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
)

func init() {
	register(V20210111, "PullSmsReplyStatus", pullSmsReplyStatus)
	register(V20210111, "PullSmsReplyStatusByPhoneNumber", pullSmsReplyStatusByPhoneNumber)
}

// pullSmsReplyStatus implements PullSmsReplyStatus: the app's replies not
// pulled before, in injection order, at most Limit (≤ 100), each returned
// once.
func pullSmsReplyStatus(c *Context, p *sms.PullSmsReplyStatusRequestParams) (any, error) {
	if err := checkPull(p.Limit, p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := []*sms.PullSmsReplyStatus{}
	err := c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		for _, r := range tx.PullReplies(*p.SmsSdkAppId, int(*p.Limit)) {
			out = append(out, replyStatus(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.PullSmsReplyStatusResponseParams{PullSmsReplyStatusSet: out}, nil
}

// pullSmsReplyStatusByPhoneNumber implements
// PullSmsReplyStatusByPhoneNumber: one number's replies to the app in
// [BeginTime, EndTime] (Unix seconds, at most 7 days back; EndTime defaults
// to now), in injection order, at most Limit; Offset must be 0. It does not
// consume them.
func pullSmsReplyStatusByPhoneNumber(c *Context, p *sms.PullSmsReplyStatusByPhoneNumberRequestParams) (any, error) {
	num, from, to, err := checkPullByPhone(p.BeginTime, p.EndTime, p.Offset, p.Limit, p.PhoneNumber, p.SmsSdkAppId, c.Now)
	if err != nil {
		return nil, err
	}
	out := []*sms.PullSmsReplyStatus{}
	err = c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		for _, r := range tx.RepliesFrom(num.E164, *p.SmsSdkAppId, from, to, int(*p.Limit)) {
			out = append(out, replyStatus(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.PullSmsReplyStatusByPhoneNumberResponseParams{PullSmsReplyStatusSet: out}, nil
}

// replyStatus is a held reply as the SDK's PullSmsReplyStatus.
func replyStatus(r store.Reply) *sms.PullSmsReplyStatus {
	return &sms.PullSmsReplyStatus{
		ExtendCode:       ptr(r.ExtendCode),
		CountryCode:      ptr(r.CountryCode),
		PhoneNumber:      ptr(r.Number),
		SignName:         ptr(r.Sign),
		ReplyContent:     ptr(r.Text),
		ReplyTime:        ptr(unixSeconds(r.Time)),
		SubscriberNumber: ptr(r.Subscriber),
	}
}
