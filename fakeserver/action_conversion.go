package fakeserver

import (
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("ReportConversion", (*Server).reportConversion)
}

// Success values of ReportConversionStatus. The API docs say the code is
// "ok"; their example shows "OK" with "success", which the fake follows.
const (
	conversionOK      = "OK"
	conversionSuccess = "success"
)

// reportConversion implements ReportConversion: the SerialNo must be a
// message the server holds, sent by the same SmsSdkAppId, and
// ConversionTime (Unix seconds, optional) must not be before it was sent.
//
// Tencent lists only InternalError.SendAndRecvFail and
// UnauthorizedOperation.SmsSdkAppIdVerifyFail for this action. The fake
// answers UnauthorizedOperation.SmsSdkAppIdVerifyFail when the message
// belongs to another app (or, in strict mode, the app is unknown), and
// InvalidParameterValue for a SerialNo it does not hold or a
// ConversionTime before the send. The conversion itself is validated, not
// recorded.
func (s *Server) reportConversion(_ *apiCall, p *sms.ReportConversionRequestParams) (any, error) {
	if deref(p.SmsSdkAppId) == "" {
		return nil, missingParam("SmsSdkAppId")
	}
	if deref(p.SerialNo) == "" {
		return nil, missingParam("SerialNo")
	}
	unknown := tcsms.Errorf(tcsms.CodeInvalidParameterValue, "SerialNo %q is not a message this server holds.", sanitize(*p.SerialNo))
	seq, ok := s.serials.seqOf(*p.SerialNo)

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, known := s.cat.apps[*p.SmsSdkAppId]; s.opts.Strict && !known {
		return nil, tcsms.Errorf(tcsms.CodeSmsSdkAppIDVerifyFail, "The SmsSdkAppId %s does not exist.", sanitize(*p.SmsSdkAppId))
	}
	if !ok {
		return nil, unknown
	}
	i, ok := s.st.indexOfSeq(seq)
	if !ok {
		return nil, unknown
	}
	r := s.st.at(i)
	if s.st.strs.str(r.app) != *p.SmsSdkAppId {
		return nil, tcsms.Errorf(tcsms.CodeSmsSdkAppIDVerifyFail, "The message %s was not sent by SmsSdkAppId %s.",
			sanitize(*p.SerialNo), sanitize(*p.SmsSdkAppId))
	}
	if p.ConversionTime != nil && *p.ConversionTime < uint64(max(r.time().Unix(), 0)) {
		return nil, tcsms.Errorf(tcsms.CodeInvalidParameterValue, "ConversionTime %d is before the message was sent.", *p.ConversionTime)
	}
	return &sms.ReportConversionResponseParams{ReportConversionStatus: &sms.ReportConversionStatus{
		Code:    ptr(conversionOK),
		Message: ptr(conversionSuccess),
	}}, nil
}
