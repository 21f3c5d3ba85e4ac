package actions

import (
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func init() {
	register(V20190711, "CallbackStatusStatistics", callbackStatusStatistics2019)
	register(V20190711, "SmsPackagesStatistics", smsPackagesStatistics2019)
}

// packageMonths2019 is how many calendar months of gift packages
// SmsPackagesStatistics of 2019-07-11 reports: the current month's and
// the 11 before it. That version's request has no time window (2021-01-11
// added BeginTime and EndTime), and the fake's packages, one a month, go
// back forever, so it needs a bound; a year is what an app checking its
// balance looks at.
const packageMonths2019 = 12

// callbackStatusStatistics2019 implements CallbackStatusStatistics of
// 2019-07-11 through callbackStatusStatistics; the answer has the same
// fields in both versions.
func callbackStatusStatistics2019(c *Context, p *sms2019.CallbackStatusStatisticsRequestParams) (any, error) {
	r, err := via2021[sms.CallbackStatusStatisticsResponseParams](c, stats2019, callbackStatusStatistics,
		&sms.CallbackStatusStatisticsRequestParams{
			BeginTime:   hour2019(p.StartDateTime),
			EndTime:     hour2019(p.EndDataTime),
			SmsSdkAppId: p.SmsSdkAppid,
			Limit:       p.Limit,
			Offset:      p.Offset,
		})
	if err != nil {
		return nil, err
	}
	s := r.CallbackStatusStatistics
	return &sms2019.CallbackStatusStatisticsResponseParams{CallbackStatusStatistics: &sms2019.CallbackStatusStatistics{
		CallbackCount:        s.CallbackCount,
		RequestSuccessCount:  s.RequestSuccessCount,
		CallbackFailCount:    s.CallbackFailCount,
		CallbackSuccessCount: s.CallbackSuccessCount,
		InternalErrorCount:   s.InternalErrorCount,
		InvalidNumberCount:   s.InvalidNumberCount,
		ShutdownErrorCount:   s.ShutdownErrorCount,
		BlackListCount:       s.BlackListCount,
		FrequencyLimitCount:  s.FrequencyLimitCount,
	}}, nil
}

// smsPackagesStatistics2019 implements SmsPackagesStatistics of
// 2019-07-11: the gift packages of the last packageMonths2019 months,
// newest first, paged by Offset and Limit as in 2021-01-11 (giftPackages).
// Each time is given twice, as a date-time string (see dateTime2019) and
// as Unix seconds (Package*UnixTime); PackageAmount and PackageType are
// AmountOfPackage and TypeOfPackage there.
func smsPackagesStatistics2019(c *Context, p *sms2019.SmsPackagesStatisticsRequestParams) (any, error) {
	d := dialect2019{params: appParam2019}
	if err := checkPackagesPage(p.SmsSdkAppid, p.Limit, p.Offset); err != nil {
		return nil, d.err(err)
	}
	from := monthStart(c.Now).AddDate(0, 1-packageMonths2019, 0)
	pkgs, err := giftPackages(c, *p.SmsSdkAppid, from, c.Now, *p.Offset, *p.Limit)
	if err != nil {
		return nil, d.err(err)
	}
	out := make([]*sms2019.SmsPackagesStatistics, len(pkgs))
	for i, k := range pkgs {
		out[i] = &sms2019.SmsPackagesStatistics{
			PackageCreateTime:        dateTime2019(k.PackageCreateTime),
			PackageCreateUnixTime:    k.PackageCreateTime,
			PackageEffectiveTime:     dateTime2019(k.PackageEffectiveTime),
			PackageEffectiveUnixTime: k.PackageEffectiveTime,
			PackageExpiredTime:       dateTime2019(k.PackageExpiredTime),
			PackageExpiredUnixTime:   k.PackageExpiredTime,
			AmountOfPackage:          k.PackageAmount,
			TypeOfPackage:            k.PackageType,
			PackageId:                k.PackageId,
			CurrentUsage:             k.CurrentUsage,
		}
	}
	return &sms2019.SmsPackagesStatisticsResponseParams{SmsPackagesStatisticsSet: out}, nil
}
