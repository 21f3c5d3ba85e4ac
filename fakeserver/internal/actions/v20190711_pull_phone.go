package actions

import (
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func init() {
	register(V20190711, "PullSmsSendStatusByPhoneNumber", pullSmsSendStatusByPhoneNumber2019)
}

// byPhone2019 spells the by-number pulls' parameters as 2019-07-11 does:
// the Unix-second window is SendDateTime and EndDateTime.
var byPhone2019 = dialect2019{params: map[string]string{
	"SmsSdkAppId": "SmsSdkAppid",
	"BeginTime":   "SendDateTime",
	"EndTime":     "EndDateTime",
}}

// pullSmsSendStatusByPhoneNumber2019 implements
// PullSmsSendStatusByPhoneNumber of 2019-07-11 through
// pullSmsSendStatusByPhoneNumber; receipts are shaped as
// pullStatuses2019 says.
func pullSmsSendStatusByPhoneNumber2019(c *Context, p *sms2019.PullSmsSendStatusByPhoneNumberRequestParams) (any, error) {
	r, err := via2021[sms.PullSmsSendStatusByPhoneNumberResponseParams](c, byPhone2019, pullSmsSendStatusByPhoneNumber,
		&sms.PullSmsSendStatusByPhoneNumberRequestParams{
			BeginTime:   p.SendDateTime,
			EndTime:     p.EndDateTime,
			Offset:      p.Offset,
			Limit:       p.Limit,
			PhoneNumber: p.PhoneNumber,
			SmsSdkAppId: p.SmsSdkAppid,
		})
	if err != nil {
		return nil, err
	}
	return &sms2019.PullSmsSendStatusByPhoneNumberResponseParams{PullSmsSendStatusSet: pullStatuses2019(r.PullSmsSendStatusSet)}, nil
}
