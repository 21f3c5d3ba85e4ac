package fakeserver

import (
	"slices"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("DescribeSendRecordList", (*Server).describeSendRecordList)
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
func (s *Server) describeSendRecordList(_ *apiCall, p *describeSendRecordListRequest) (any, error) {
	switch {
	case deref(p.PhoneNumber) == "":
		return nil, missingParam("PhoneNumber")
	case deref(p.SmsSdkAppId) == "":
		return nil, missingParam("SmsSdkAppId")
	case p.BeginTime == nil:
		return nil, missingParam("BeginTime")
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
	now := s.clock.Now()
	if p.EndTime != nil && *p.EndTime > uint64(max(now.Unix(), 0)) {
		return nil, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime may not be after the current time.")
	}
	from, to, err := unixWindow(p.BeginTime, p.EndTime, now, maxSendRecordAge)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	var held []*record
	s.eachRecordLocked(*p.SmsSdkAppId, num.E164, from, to, func(r *record) bool {
		held = append(held, r)
		return true
	})
	slices.Reverse(held) // newest first
	held = held[:min(len(held), maxSendRecordTotal)]
	out := &describeSendRecordListResponse{SendRecordSet: []*sendRecord{}, TotalCount: uint64(len(held))}
	page := held[min(offset, uint64(len(held))):]
	for _, r := range page[:min(limit, uint64(len(page)))] {
		out.SendRecordSet = append(out.SendRecordSet, s.sendRecordLocked(r, num.IsoCode, now))
	}
	return out, nil
}

// sendRecordLocked builds the SendRecord of r from its receipt at now: a
// message whose receipt is not reported yet is still sending.
func (s *Server) sendRecordLocked(r *record, iso string, now time.Time) *sendRecord {
	rc, reported := s.receiptOf(r, now)
	rec := &sendRecord{
		PhoneNumber: r.e164(),
		SerialNo:    s.serials.serialOf(r),
		SendStatus:  sendRecordSending,
		RequestCode: tcsms.CodeOk,
		IsoCode:     iso,
		Content:     s.maskedTextLocked(r),
		SendTime:    uint64(max(r.time().Unix(), 0)),
	}
	switch {
	case !reported:
	case rc.status == ReceiptSuccess:
		rec.SendStatus, rec.StatusCode, rec.UserReceiveTime = sendRecordDelivered, rc.code, uint64(max(rc.at.Unix(), 0))
	case rc.status == ReceiptFail:
		rec.SendStatus, rec.StatusCode = sendRecordFailed, rc.code
	}
	return rec
}

// maskedTextLocked is r's text with the digits of its params masked.
func (s *Server) maskedTextLocked(r *record) string {
	params := r.paramList()
	for i, p := range params {
		b := []byte(p)
		for j, c := range b {
			if c >= '0' && c <= '9' {
				b[j] = '*'
			}
		}
		params[i] = string(b)
	}
	strs := &s.st.strs
	return renderText(strs.str(r.sign), strs.str(r.content), r.flags&flagRawText != 0, params)
}
