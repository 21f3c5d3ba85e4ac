package actions

import (
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "DescribeSendRecordList", describeSendRecordList)
}

// DescribeSendRecordList is newer than sms v1.3.155 of the Go SDK, which
// has no model for it, so its request and response are defined here with
// exactly the fields and types of Node SDK 4.1.306 (sms_models.d.ts).
const (
	maxSendRecordAge     = 72 * time.Hour
	defaultSendRecordMax = 20
	maxSendRecordLimit   = 50
	maxSendRecordOffset  = 1000
	maxSendRecordTotal   = 1000 // records beyond the newest 1000 are cut off
)

// SendRecord.SendStatus values. 1 (submit failed) never occurs: the fake
// holds only accepted messages.
const (
	sendRecordDelivered = 2 // submitted, delivered
	sendRecordSending   = 3 // submitted, no delivery report yet
	sendRecordFailed    = 4 // submitted, delivery failed
)

// describeSendRecordListRequest is DescribeSendRecordList's request.
type describeSendRecordListRequest struct {
	PhoneNumber *string `json:"PhoneNumber,omitempty" name:"PhoneNumber"`
	SmsSdkAppId *string `json:"SmsSdkAppId,omitempty" name:"SmsSdkAppId"`
	BeginTime   *uint64 `json:"BeginTime,omitempty" name:"BeginTime"`
	EndTime     *uint64 `json:"EndTime,omitempty" name:"EndTime"`
	Limit       *uint64 `json:"Limit,omitempty" name:"Limit"`
	Offset      *uint64 `json:"Offset,omitempty" name:"Offset"`
}

// describeSendRecordListResponse is DescribeSendRecordList's response,
// without the RequestId the envelope adds.
type describeSendRecordListResponse struct {
	SendRecordSet []*sendRecord `json:"SendRecordSet"`
	TotalCount    uint64        `json:"TotalCount"`
}

// sendRecord is one SendRecord.
type sendRecord struct {
	PhoneNumber     string `json:"PhoneNumber"`
	SerialNo        string `json:"SerialNo"`
	SendStatus      uint64 `json:"SendStatus"`
	RequestCode     string `json:"RequestCode"`
	StatusCode      string `json:"StatusCode"`
	IsoCode         string `json:"IsoCode"`
	Content         string `json:"Content"`
	SendTime        uint64 `json:"SendTime"`
	UserReceiveTime uint64 `json:"UserReceiveTime"`
}

// describeSendRecordList implements DescribeSendRecordList: one number's
// messages from the app sent in [BeginTime, EndTime] (Unix seconds;
// BeginTime at most 72 hours back, EndTime not after now and defaulting to
// it), newest first, at most the newest 1000, paged by Offset (0–1000) and
// Limit (1–50, default 20). Content is the text with every digit of the
// params masked as '*', as Tencent stores it.
func describeSendRecordList(c *Context, p *describeSendRecordListRequest) (any, error) {
	switch {
	case deref(p.PhoneNumber) == "":
		return nil, MissingParam("PhoneNumber")
	case deref(p.SmsSdkAppId) == "":
		return nil, MissingParam("SmsSdkAppId")
	case p.BeginTime == nil:
		return nil, MissingParam("BeginTime")
	}
	limit, offset := uint64(defaultSendRecordMax), derefUint(p.Offset)
	if p.Limit != nil {
		limit = *p.Limit
	}
	if limit < 1 || limit > maxSendRecordLimit {
		return nil, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be between 1 and %d.", maxSendRecordLimit)
	}
	if offset > maxSendRecordOffset {
		return nil, tcsms.Errorf(tcsms.CodeOffsetVerifyFail, "Offset must be between 0 and %d.", maxSendRecordOffset)
	}
	num, err := tcsms.ParseNumber(*p.PhoneNumber)
	if err != nil {
		return nil, err
	}
	now := c.Now
	if p.EndTime != nil && *p.EndTime > uint64(max(now.Unix(), 0)) {
		return nil, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime may not be after the current time.")
	}
	from, to, err := unixWindow(p.BeginTime, p.EndTime, now, maxSendRecordAge)
	if err != nil {
		return nil, err
	}

	out := &describeSendRecordListResponse{SendRecordSet: []*sendRecord{}}
	err = c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		// Newest first; at most the newest maxSendRecordTotal count.
		n := uint64(0)
		eachInWindow(tx, *p.SmsSdkAppId, num.E164, from, to, false, func(h store.Held) bool {
			if n >= maxSendRecordTotal {
				return false
			}
			if n >= offset && uint64(len(out.SendRecordSet)) < limit {
				out.SendRecordSet = append(out.SendRecordSet, sendRecordOf(h, num.IsoCode, now))
			}
			n++
			return true
		})
		out.TotalCount = n
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sendRecordOf builds the SendRecord of a held message from its receipt
// at now: a message whose receipt is not reported yet is still sending.
func sendRecordOf(h store.Held, iso string, now time.Time) *sendRecord {
	rc, reported := h.Receipt(now)
	rec := &sendRecord{
		PhoneNumber: h.Number(),
		SerialNo:    h.SerialNo(),
		SendStatus:  sendRecordSending,
		RequestCode: tcsms.CodeOk,
		IsoCode:     iso,
		Content:     h.MaskedText(),
		SendTime:    unixSeconds(h.Time()),
	}
	switch {
	case !reported:
	case rc.Status == store.ReceiptSuccess:
		rec.SendStatus, rec.StatusCode, rec.UserReceiveTime = sendRecordDelivered, rc.Code, unixSeconds(rc.At)
	case rc.Status == store.ReceiptFail:
		rec.SendStatus, rec.StatusCode = sendRecordFailed, rc.Code
	}
	return rec
}
