package actions

import (
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "ReportConversion", reportConversion)
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
func reportConversion(c *Context, p *sms.ReportConversionRequestParams) (any, error) {
	if deref(p.SmsSdkAppId) == "" {
		return nil, MissingParam("SmsSdkAppId")
	}
	if deref(p.SerialNo) == "" {
		return nil, MissingParam("SerialNo")
	}
	err := c.Store.Update(func(tx *store.Tx) error {
		if _, known := tx.App(*p.SmsSdkAppId); c.Policy.Strict && !known {
			return tcsms.Errorf(tcsms.CodeSmsSdkAppIDVerifyFail, "The SmsSdkAppId %s does not exist.", Sanitize(*p.SmsSdkAppId))
		}
		h, ok := tx.Held(*p.SerialNo)
		if !ok {
			return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "SerialNo %q is not a message this server holds.", Sanitize(*p.SerialNo))
		}
		if h.App() != *p.SmsSdkAppId {
			return tcsms.Errorf(tcsms.CodeSmsSdkAppIDVerifyFail, "The message %s was not sent by SmsSdkAppId %s.",
				Sanitize(*p.SerialNo), Sanitize(*p.SmsSdkAppId))
		}
		if p.ConversionTime != nil && *p.ConversionTime < unixSeconds(h.Time()) {
			return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "ConversionTime %d is before the message was sent.", *p.ConversionTime)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.ReportConversionResponseParams{ReportConversionStatus: &sms.ReportConversionStatus{
		Code:    ptr(conversionOK),
		Message: ptr(conversionSuccess),
	}}, nil
}
