package actions

import (
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func init() {
	register(V20190711, "PullSmsReplyStatus", pullSmsReplyStatus2019)
	register(V20190711, "PullSmsReplyStatusByPhoneNumber", pullSmsReplyStatusByPhoneNumber2019)
}

// pullSmsReplyStatus2019 implements PullSmsReplyStatus of 2019-07-11
// through pullSmsReplyStatus: a reply pulled by either version is not
// returned again.
func pullSmsReplyStatus2019(c *Context, p *sms2019.PullSmsReplyStatusRequestParams) (any, error) {
	r, err := via2021[sms.PullSmsReplyStatusResponseParams](c, dialect2019{params: appParam2019}, pullSmsReplyStatus,
		&sms.PullSmsReplyStatusRequestParams{Limit: p.Limit, SmsSdkAppId: p.SmsSdkAppid})
	if err != nil {
		return nil, err
	}
	return &sms2019.PullSmsReplyStatusResponseParams{PullSmsReplyStatusSet: replies2019(r.PullSmsReplyStatusSet)}, nil
}

// pullSmsReplyStatusByPhoneNumber2019 implements
// PullSmsReplyStatusByPhoneNumber of 2019-07-11 through
// pullSmsReplyStatusByPhoneNumber.
func pullSmsReplyStatusByPhoneNumber2019(c *Context, p *sms2019.PullSmsReplyStatusByPhoneNumberRequestParams) (any, error) {
	r, err := via2021[sms.PullSmsReplyStatusByPhoneNumberResponseParams](c, byPhone2019, pullSmsReplyStatusByPhoneNumber,
		&sms.PullSmsReplyStatusByPhoneNumberRequestParams{
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
	return &sms2019.PullSmsReplyStatusByPhoneNumberResponseParams{PullSmsReplyStatusSet: replies2019(r.PullSmsReplyStatusSet)}, nil
}

// replies2019 converts replies to 2019-07-11's PullSmsReplyStatus:
// NationCode for CountryCode, Sign for SignName, ReplyTime a date-time
// string (see dateTime2019) beside ReplyUnixTime, PhoneNumber E.164 as in
// 2021-01-11, and no SubscriberNumber.
func replies2019(in []*sms.PullSmsReplyStatus) []*sms2019.PullSmsReplyStatus {
	out := make([]*sms2019.PullSmsReplyStatus, len(in))
	for i, r := range in {
		out[i] = &sms2019.PullSmsReplyStatus{
			ExtendCode:    r.ExtendCode,
			NationCode:    r.CountryCode,
			PhoneNumber:   r.PhoneNumber,
			Sign:          r.SignName,
			ReplyContent:  r.ReplyContent,
			ReplyTime:     dateTime2019(r.ReplyTime),
			ReplyUnixTime: r.ReplyTime,
		}
	}
	return out
}
