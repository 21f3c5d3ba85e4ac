package actions

import (
	"strconv"

	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func init() {
	register(V20190711, "PullSmsSendStatus", pullSmsSendStatus2019)
	register(V20190711, "SendStatusStatistics", sendStatusStatistics2019)
}

// stats2019 spells the statistics actions' parameters as 2019-07-11 does:
// the hour window is StartDateTime and EndDataTime (sic, the SDK's and
// Tencent's spelling).
var stats2019 = dialect2019{params: map[string]string{
	"SmsSdkAppId": "SmsSdkAppid",
	"BeginTime":   "StartDateTime",
	"EndTime":     "EndDataTime",
}}

// pullSmsSendStatus2019 implements PullSmsSendStatus of 2019-07-11
// through pullSmsSendStatus: the same receipts, each returned once by
// either version.
func pullSmsSendStatus2019(c *Context, p *sms2019.PullSmsSendStatusRequestParams) (any, error) {
	r, err := via2021[sms.PullSmsSendStatusResponseParams](c, dialect2019{params: appParam2019}, pullSmsSendStatus,
		&sms.PullSmsSendStatusRequestParams{Limit: p.Limit, SmsSdkAppId: p.SmsSdkAppid})
	if err != nil {
		return nil, err
	}
	return &sms2019.PullSmsSendStatusResponseParams{PullSmsSendStatusSet: pullStatuses2019(r.PullSmsSendStatusSet)}, nil
}

// pullStatuses2019 converts receipts to 2019-07-11's PullSmsSendStatus.
// Its PurePhoneNumber is the E.164 number and its PhoneNumber the number
// without country code, as the SDK's field comments say (2021-01-11 calls
// them PhoneNumber and SubscriberNumber); UserReceiveTime is a date-time
// string (see dateTime2019) and UserReceiveUnixTime the Unix seconds.
// 2019-07-11 has no SessionContext in a receipt.
func pullStatuses2019(in []*sms.PullSmsSendStatus) []*sms2019.PullSmsSendStatus {
	out := make([]*sms2019.PullSmsSendStatus, len(in))
	for i, s := range in {
		out[i] = &sms2019.PullSmsSendStatus{
			UserReceiveTime:     dateTime2019(s.UserReceiveTime),
			UserReceiveUnixTime: s.UserReceiveTime,
			NationCode:          s.CountryCode,
			PurePhoneNumber:     s.PhoneNumber,
			PhoneNumber:         s.SubscriberNumber,
			SerialNo:            s.SerialNo,
			ReportStatus:        s.ReportStatus,
			Description:         s.Description,
		}
	}
	return out
}

// sendStatusStatistics2019 implements SendStatusStatistics of 2019-07-11
// through sendStatusStatistics.
func sendStatusStatistics2019(c *Context, p *sms2019.SendStatusStatisticsRequestParams) (any, error) {
	r, err := via2021[sms.SendStatusStatisticsResponseParams](c, stats2019, sendStatusStatistics, &sms.SendStatusStatisticsRequestParams{
		BeginTime:   hour2019(p.StartDateTime),
		EndTime:     hour2019(p.EndDataTime),
		SmsSdkAppId: p.SmsSdkAppid,
		Limit:       p.Limit,
		Offset:      p.Offset,
	})
	if err != nil {
		return nil, err
	}
	s := r.SendStatusStatistics
	return &sms2019.SendStatusStatisticsResponseParams{SendStatusStatistics: &sms2019.SendStatusStatistics{
		FeeCount:            s.FeeCount,
		RequestCount:        s.RequestCount,
		RequestSuccessCount: s.RequestSuccessCount,
	}}, nil
}

// hour2019 turns a 2019-07-11 yyyymmddhh hour, an integer there, into the
// string 2021-01-11 takes, so one parser (parseHourWindow) checks both:
// 2019071100 becomes "2019071100", and an integer that is not ten digits
// fails its format check the same way.
func hour2019(h *uint64) *string {
	if h == nil {
		return nil
	}
	return ptr(strconv.FormatUint(*h, 10))
}
