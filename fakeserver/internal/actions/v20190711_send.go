package actions

import (
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func init() {
	register(V20190711, "SendSms", sendSms2019)
}

// send2019 spells SendSms's parameters as 2019-07-11 does.
var send2019 = dialect2019{params: map[string]string{
	"SmsSdkAppId": "SmsSdkAppid",
	"TemplateId":  "TemplateID",
	"SignName":    "Sign",
}}

// sendSms2019 implements SendSms of 2019-07-11 through sendSms: the same
// request-level errors, per-number statuses, limits, faults and held
// messages. Its SendStatus has the same fields as 2021-01-11's.
func sendSms2019(c *Context, p *sms2019.SendSmsRequestParams) (any, error) {
	r, err := via2021[sms.SendSmsResponseParams](c, send2019, sendSms, &sms.SendSmsRequestParams{
		PhoneNumberSet:   p.PhoneNumberSet,
		SmsSdkAppId:      p.SmsSdkAppid,
		TemplateId:       p.TemplateID,
		SignName:         p.Sign,
		TemplateParamSet: p.TemplateParamSet,
		ExtendCode:       p.ExtendCode,
		SessionContext:   p.SessionContext,
		SenderId:         p.SenderId,
	})
	if err != nil {
		return nil, err
	}
	out := make([]*sms2019.SendStatus, len(r.SendStatusSet))
	for i, st := range r.SendStatusSet {
		out[i] = &sms2019.SendStatus{
			SerialNo:       st.SerialNo,
			PhoneNumber:    st.PhoneNumber,
			Fee:            st.Fee,
			SessionContext: st.SessionContext,
			Code:           st.Code,
			Message:        st.Message,
			IsoCode:        st.IsoCode,
		}
	}
	return &sms2019.SendSmsResponseParams{SendStatusSet: out}, nil
}
