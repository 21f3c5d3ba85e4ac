package tencent

import (
	"context"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier"
)

// pullPage is the most records Tencent returns per pull request.
const pullPage = 100

// PullReceipts fetches up to limit delivery receipts with
// PullSmsSendStatus (limit <= 0 means 100). It pages past Tencent's 100
// records per request until a page comes back short or limit is reached.
//
// Tencent hands out each receipt once (pulling must be enabled for the
// account by Tencent support). If a later page fails, PullReceipts returns
// the receipts already pulled together with the error, so none are lost.
func (c *Client) PullReceipts(ctx context.Context, limit int) ([]notifier.Receipt, error) {
	var out []notifier.Receipt
	err := c.pull(ctx, limit, "PullSmsSendStatus", func(ctx context.Context, n uint64) (int, *string, error) {
		req := sms.NewPullSmsSendStatusRequest()
		req.Limit = &n
		req.SmsSdkAppId = &c.cfg.appID
		resp, err := c.sdk.PullSmsSendStatusWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return 0, nil, noResponse(err)
		}
		for _, st := range resp.Response.PullSmsSendStatusSet {
			if st != nil {
				out = append(out, receiptFromPull(st))
			}
		}
		return len(resp.Response.PullSmsSendStatusSet), resp.Response.RequestId, nil
	})
	return out, err
}

// PullReplies fetches up to limit inbound replies with PullSmsReplyStatus
// (limit <= 0 means 100), paging like PullReceipts.
func (c *Client) PullReplies(ctx context.Context, limit int) ([]notifier.Reply, error) {
	var out []notifier.Reply
	err := c.pull(ctx, limit, "PullSmsReplyStatus", func(ctx context.Context, n uint64) (int, *string, error) {
		req := sms.NewPullSmsReplyStatusRequest()
		req.Limit = &n
		req.SmsSdkAppId = &c.cfg.appID
		resp, err := c.sdk.PullSmsReplyStatusWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return 0, nil, noResponse(err)
		}
		for _, st := range resp.Response.PullSmsReplyStatusSet {
			if st != nil {
				out = append(out, replyFromPull(st))
			}
		}
		return len(resp.Response.PullSmsReplyStatusSet), resp.Response.RequestId, nil
	})
	return out, err
}

// pull calls page with page sizes of at most 100 until a page returns
// fewer records than asked for or limit records have been fetched.
func (c *Client) pull(ctx context.Context, limit int, action string, page func(ctx context.Context, n uint64) (got int, requestID *string, err error)) error {
	if limit <= 0 {
		limit = pullPage
	}
	for fetched := 0; fetched < limit; {
		n := min(limit-fetched, pullPage)
		var got int
		err := c.do(ctx, action, func(ctx context.Context) (id *string, err error) {
			got, id, err = page(ctx, uint64(n))
			return id, err
		})
		if err != nil {
			return err
		}
		fetched += got
		if got < n {
			return nil
		}
	}
	return nil
}

func receiptFromPull(st *sms.PullSmsSendStatus) notifier.Receipt {
	return notifier.Receipt{
		MessageID: deref(st.SerialNo),
		Number:    e164(deref(st.PhoneNumber), deref(st.CountryCode), deref(st.SubscriberNumber)),
		Status:    receiptStatus(deref(st.ReportStatus)),
		Code:      deref(st.Description),
		Tag:       deref(st.SessionContext),
		Time:      unixTime(st.UserReceiveTime),
	}
}

func replyFromPull(st *sms.PullSmsReplyStatus) notifier.Reply {
	return notifier.Reply{
		Number:     e164(deref(st.PhoneNumber), deref(st.CountryCode), deref(st.SubscriberNumber)),
		Text:       deref(st.ReplyContent),
		Sign:       deref(st.SignName),
		ExtendCode: deref(st.ExtendCode),
		Time:       unixTime(st.ReplyTime),
	}
}

// receiptStatus maps Tencent's "SUCCESS"/"FAIL": anything but SUCCESS is
// not a delivery.
func receiptStatus(s string) notifier.ReceiptStatus {
	if s == "SUCCESS" {
		return notifier.Delivered
	}
	return notifier.Undelivered
}

// e164 returns phone if it is already E.164, else +country+subscriber.
func e164(phone, country, subscriber string) string {
	switch {
	case len(phone) > 0 && phone[0] == '+':
		return phone
	case country != "" && subscriber != "":
		return "+" + country + subscriber
	}
	return phone
}
