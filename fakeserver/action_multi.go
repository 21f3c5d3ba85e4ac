package fakeserver

import (
	"fmt"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("SendMultiGlobalSms", (*Server).sendMultiGlobalSms)
}

// sendMultiGlobalSms implements SendMultiGlobalSms (reference §4): up to
// 200 international numbers, each with its own template, params, SenderId
// and SessionContext. Request-level problems (empty or oversized set, a
// mainland number, a missing field, an unknown app in strict mode) are
// Response.Error; everything SendSms reports per request (template or
// sign unapproved, wrong region) is reported here per entry, because each
// entry names its own template. Accepted entries are stored exactly like
// SendSms messages, so inspection, receipts and statistics see them.
func (s *Server) sendMultiGlobalSms(_ *apiCall, p *sms.SendMultiGlobalSmsRequestParams) (any, error) {
	reqs, err := newMultiRequests(p)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := make([]*sms.SendMultiStatus, len(reqs))
	for i, req := range reqs {
		var st *sms.SendStatus
		if req.numbers[0].err != nil {
			// A malformed number fails alone, before its template is looked at.
			st = s.deliverOneLocked("SendMultiGlobalSms", req, nil, now)
		} else if tmpl, err := s.checkSendLocked(req); err != nil {
			st = &sms.SendStatus{PhoneNumber: &req.numbers[0].given, SessionContext: &req.tag}
			setSendFailure(st, asAPIError(err))
			s.st.count(s.st.strs.ref(req.app), now, false, 0)
		} else {
			st = s.deliverOneLocked("SendMultiGlobalSms", req, tmpl, now)
		}
		out[i] = &sms.SendMultiStatus{
			SerialNo:       st.SerialNo,
			PhoneNumber:    st.PhoneNumber,
			Fee:            st.Fee,
			SessionContext: st.SessionContext,
			Code:           st.Code,
			Message:        st.Message,
			IsoCode:        st.IsoCode,
		}
	}
	return &sms.SendMultiGlobalSmsResponseParams{SendMultiStatusSet: out}, nil
}

// newMultiRequests checks the request's shape and turns each MultiSmsInfo
// into a one-number sendRequest.
func newMultiRequests(p *sms.SendMultiGlobalSmsRequestParams) ([]*sendRequest, error) {
	if deref(p.SmsSdkAppId) == "" {
		return nil, missingParam("SmsSdkAppId")
	}
	switch n := len(p.MultiSmsInfoSet); {
	case n == 0:
		return nil, tcsms.NewError(tcsms.CodeMultiSmsInfoSetEmpty)
	case n > tcsms.MaxNumbers:
		return nil, tcsms.Errorf(tcsms.CodePhoneNumberCountLimit,
			"At most %d phone numbers may be sent at once; got %d.", tcsms.MaxNumbers, n)
	}
	reqs := make([]*sendRequest, len(p.MultiSmsInfoSet))
	for i, info := range p.MultiSmsInfoSet {
		if info == nil {
			info = &sms.MultiSmsInfo{}
		}
		if deref(info.PhoneNumber) == "" {
			return nil, missingParam(fmt.Sprintf("MultiSmsInfoSet.%d.PhoneNumber", i))
		}
		if deref(info.TemplateId) == "" {
			return nil, missingParam(fmt.Sprintf("MultiSmsInfoSet.%d.TemplateId", i))
		}
		if err := checkSessionContext(fmt.Sprintf("MultiSmsInfoSet.%d.SessionContext", i), info.SessionContext); err != nil {
			return nil, err
		}
		n := parsedNumber{given: *info.PhoneNumber}
		if num, err := tcsms.ParseNumber(n.given); err != nil {
			n.err = asAPIError(err)
		} else if num.Mainland {
			return nil, tcsms.Errorf(tcsms.CodeContainDomesticPhoneNumber,
				"SendMultiGlobalSms sends to international numbers only; MultiSmsInfoSet.%d is a mainland China number.", i)
		} else {
			n.num = num
		}
		reqs[i] = &sendRequest{
			app:      *p.SmsSdkAppId,
			template: *info.TemplateId,
			tag:      deref(info.SessionContext),
			senderID: deref(info.SenderId),
			params:   derefAll(info.TemplateParamSet),
			numbers:  []parsedNumber{n},
		}
	}
	return reqs, nil
}
