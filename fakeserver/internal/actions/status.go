package actions

import (
	"strconv"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "PullSmsSendStatus", pullSmsSendStatus)
	register(V20210111, "SendStatusStatistics", sendStatusStatistics)
}

// maxPullLimit is the largest Limit of the pull actions.
const maxPullLimit = 100

// pullSmsSendStatus implements PullSmsSendStatus: the reported receipts of
// the app's held messages, oldest first, each returned once. Receipts not
// reported yet stay for a later pull.
func pullSmsSendStatus(c *Context, p *sms.PullSmsSendStatusRequestParams) (any, error) {
	if err := checkPull(p.Limit, p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := []*sms.PullSmsSendStatus{}
	err := c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		for _, rep := range tx.PullReports(*p.SmsSdkAppId, int(*p.Limit), c.Now) {
			out = append(out, pullStatus(rep))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.PullSmsSendStatusResponseParams{PullSmsSendStatusSet: out}, nil
}

// pullStatus is a receipt report as the SDK's PullSmsSendStatus.
func pullStatus(rep store.Report) *sms.PullSmsSendStatus {
	return &sms.PullSmsSendStatus{
		UserReceiveTime:  ptr(unixSeconds(rep.At)),
		CountryCode:      ptr(rep.CountryCode),
		SubscriberNumber: ptr(rep.Subscriber),
		PhoneNumber:      ptr(rep.Number),
		SerialNo:         ptr(rep.SerialNo),
		ReportStatus:     ptr(rep.Status),
		Description:      ptr(rep.Code),
		SessionContext:   ptr(rep.Tag),
	}
}

// sendStatusStatistics implements SendStatusStatistics over the hours
// [BeginTime, EndTime], both yyyymmddhh in Beijing time.
func sendStatusStatistics(c *Context, p *sms.SendStatusStatisticsRequestParams) (any, error) {
	from, to, err := parseHourWindow(p.BeginTime, p.EndTime)
	if err != nil {
		return nil, err
	}
	if err := checkStats(p.SmsSdkAppId, p.Limit, p.Offset); err != nil {
		return nil, err
	}
	var sum store.Counts
	err = c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		sum = tx.Sum(*p.SmsSdkAppId, from.Unix()/3600, to.Unix()/3600)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.SendStatusStatisticsResponseParams{SendStatusStatistics: &sms.SendStatusStatistics{
		FeeCount:            &sum.Fee,
		RequestCount:        &sum.Requests,
		RequestSuccessCount: &sum.Success,
	}}, nil
}

// parseHourWindow parses BeginTime and EndTime (yyyymmddhh, Beijing time)
// and returns the start of each hour.
func parseHourWindow(begin, end *string) (from, to time.Time, err error) {
	if begin == nil {
		return from, to, MissingParam("BeginTime")
	}
	if end == nil {
		return from, to, MissingParam("EndTime")
	}
	if from, err = parseHour(*begin); err != nil {
		return from, to, tcsms.Errorf(tcsms.CodeBeginTimeVerifyFail, "BeginTime %q is not in yyyymmddhh format.", Sanitize(*begin))
	}
	if to, err = parseHour(*end); err != nil {
		return from, to, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime %q is not in yyyymmddhh format.", Sanitize(*end))
	}
	if to.Before(from) {
		return from, to, tcsms.Errorf(tcsms.CodeInvalidStartTime, "BeginTime is after EndTime.")
	}
	return from, to, nil
}

func parseHour(s string) (time.Time, error) {
	if len(s) != 10 {
		return time.Time{}, strconv.ErrSyntax
	}
	return time.ParseInLocation(tcsms.HourLayout, s, tcsms.Beijing)
}

// checkPull validates the Limit (at most 100) and SmsSdkAppId that the
// consuming pull actions take.
func checkPull(limit *uint64, app *string) error {
	switch {
	case limit == nil:
		return MissingParam("Limit")
	case deref(app) == "":
		return MissingParam("SmsSdkAppId")
	case *limit > maxPullLimit:
		return tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be at most %d.", maxPullLimit)
	}
	return nil
}

// checkStats validates the SmsSdkAppId, Limit and Offset of the
// statistics actions, which answer one total whatever the paging. The
// reference calls Limit and Offset "fixed 0", but Tencent's own SDK example
// sends Limit 10, and the fake never refuses what Tencent's examples send:
// Limit may be anything up to maxPullLimit, the largest Limit any of the
// SMS pull and statistics actions documents short of the package list.
// Offset stays 0, as in both.
func checkStats(app *string, limit, offset *uint64) error {
	switch {
	case deref(app) == "":
		return MissingParam("SmsSdkAppId")
	case limit == nil:
		return MissingParam("Limit")
	case *limit > maxPullLimit:
		return tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be between 0 and %d.", maxPullLimit)
	case offset == nil:
		return MissingParam("Offset")
	case *offset != 0:
		return tcsms.Errorf(tcsms.CodeOffsetVerifyFail, "Offset must be 0.")
	}
	return nil
}
