package actions

import (
	"strings"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "CallbackStatusStatistics", callbackStatusStatistics)
	register(V20210111, "SmsPackagesStatistics", smsPackagesStatistics)
}

const (
	// maxCallbackStatsWindow is the widest CallbackStatusStatistics window.
	maxCallbackStatsWindow = 32 * 24 * time.Hour
	// maxPackagesLimit is SmsPackagesStatistics' largest Limit.
	maxPackagesLimit = 500
)

// GiftPackageAmount is the size, in billed segments, of the gift package
// SmsPackagesStatistics reports for every calendar month (Beijing time).
// The fake has no purchased packages: each month's package is created and
// takes effect at 00:00 on the 1st, expires at the next month's start, and
// its CurrentUsage is the app's billed segments (Fee) of that month, capped
// at the amount. Its PackageId is the month as yyyymm.
const GiftPackageAmount = 1000

// callbackStatusStatistics implements CallbackStatusStatistics over the
// hours [BeginTime, EndTime] (yyyymmddhh, Beijing time, at most 32 days
// apart), computed from the receipts the server holds for messages the app
// sent in that window. RequestSuccessCount is the number of accepted
// messages; failed receipts are classed by their carrier description (see
// failureClass).
func callbackStatusStatistics(c *Context, p *sms.CallbackStatusStatisticsRequestParams) (any, error) {
	from, to, err := parseHourWindow(p.BeginTime, p.EndTime)
	if err != nil {
		return nil, err
	}
	if to.Sub(from) > maxCallbackStatsWindow {
		return nil, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime may be at most 32 days after BeginTime.")
	}
	if err := checkStats(p.SmsSdkAppId, p.Limit, p.Offset); err != nil {
		return nil, err
	}
	var cc callbackCounts
	err = c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		lo, hi := from, to.Add(time.Hour)
		tx.OfApp(*p.SmsSdkAppId, func(h store.Held) bool {
			if t := h.Time(); !t.Before(lo) && t.Before(hi) {
				if rc, reported := h.Receipt(c.Now); reported {
					cc.add(rc.Status, rc.Code)
				}
			}
			return true
		})
		cc.accepted = tx.Sum(*p.SmsSdkAppId, from.Unix()/3600, to.Unix()/3600).Success
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.CallbackStatusStatisticsResponseParams{CallbackStatusStatistics: cc.sdk()}, nil
}

// Classes of failed delivery reports, as CallbackStatusStatistics counts them.
const (
	failInternal     = iota // carrier internal error, and anything unrecognised
	failInvalid             // invalid or empty number
	failShutdown            // handset off, out of service, suspended
	failBlackList           // number on a do-not-disturb list
	failFrequency           // carrier frequency limit
	failClassesCount        // number of classes
)

// failureKeywords class a FAIL receipt by words in its description,
// checked in order, case-insensitively. Descriptions that match none are
// carrier internal errors. Magic test numbers that fail should use one of
// these words (for example "MOBILE_BLACKLIST", "EMPTY_NUMBER",
// "POWER_OFF", "FREQUENCY_LIMIT") to land in the intended counter.
var failureKeywords = []struct {
	word  string
	class int
}{
	{"BLACK", failBlackList},
	{"黑名单", failBlackList},
	{"DND", failBlackList},
	{"FREQ", failFrequency},
	{"频", failFrequency},
	{"EMPTY", failInvalid},
	{"INVALID", failInvalid},
	{"NOT_EXIST", failInvalid},
	{"NOTEXIST", failInvalid},
	{"空号", failInvalid},
	{"POWER", failShutdown},
	{"SHUTDOWN", failShutdown},
	{"SUSPEND", failShutdown},
	{"ABSENT", failShutdown},
	{"停机", failShutdown},
	{"关机", failShutdown},
}

// failureClass classes a FAIL receipt's description.
func failureClass(description string) int {
	d := strings.ToUpper(description)
	for _, k := range failureKeywords {
		if strings.Contains(d, k.word) {
			return k.class
		}
	}
	return failInternal
}

// callbackCounts accumulates CallbackStatusStatistics.
type callbackCounts struct {
	accepted, success, fail uint64
	byClass                 [failClassesCount]uint64
}

// add counts one receipt; statuses other than SUCCESS and FAIL (a receipt
// not reported yet) are not callbacks.
func (c *callbackCounts) add(status, description string) {
	switch status {
	case store.ReceiptSuccess:
		c.success++
	case store.ReceiptFail:
		c.fail++
		c.byClass[failureClass(description)]++
	}
}

func (c *callbackCounts) sdk() *sms.CallbackStatusStatistics {
	return &sms.CallbackStatusStatistics{
		CallbackCount:        ptr(c.success + c.fail),
		RequestSuccessCount:  ptr(c.accepted),
		CallbackFailCount:    ptr(c.fail),
		CallbackSuccessCount: ptr(c.success),
		InternalErrorCount:   ptr(c.byClass[failInternal]),
		InvalidNumberCount:   ptr(c.byClass[failInvalid]),
		ShutdownErrorCount:   ptr(c.byClass[failShutdown]),
		BlackListCount:       ptr(c.byClass[failBlackList]),
		FrequencyLimitCount:  ptr(c.byClass[failFrequency]),
	}
}

// smsPackagesStatistics implements SmsPackagesStatistics: the monthly gift
// packages (see GiftPackageAmount) created in [BeginTime, EndTime]
// (yyyymmddhh, Beijing time; EndTime after BeginTime and before now),
// newest first, paged by Offset and Limit (at most 500).
func smsPackagesStatistics(c *Context, p *sms.SmsPackagesStatisticsRequestParams) (any, error) {
	if err := checkPackagesPage(p.SmsSdkAppId, p.Limit, p.Offset); err != nil {
		return nil, err
	}
	from, to, err := parseHourWindow(p.BeginTime, p.EndTime)
	if err != nil {
		return nil, err
	}
	if !to.After(from) {
		return nil, tcsms.Errorf(tcsms.CodeInvalidStartTime, "EndTime must be after BeginTime.")
	}
	if !to.Before(c.Now) {
		return nil, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime must be before the current time.")
	}
	out, err := giftPackages(c, *p.SmsSdkAppId, from, to, *p.Offset, *p.Limit)
	if err != nil {
		return nil, err
	}
	return &sms.SmsPackagesStatisticsResponseParams{SmsPackagesStatisticsSet: out}, nil
}

// checkPackagesPage validates SmsPackagesStatistics' SmsSdkAppId, Limit
// (at most 500) and Offset, which both API versions take.
func checkPackagesPage(app *string, limit, offset *uint64) error {
	switch {
	case deref(app) == "":
		return MissingParam("SmsSdkAppId")
	case limit == nil:
		return MissingParam("Limit")
	case offset == nil:
		return MissingParam("Offset")
	case *limit > maxPackagesLimit:
		return tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be at most %d.", maxPackagesLimit)
	}
	return nil
}

// giftPackages returns app's gift packages created in [from, to], newest
// first, skipping offset and returning at most limit.
func giftPackages(c *Context, app string, from, to time.Time, offset, limit uint64) ([]*sms.SmsPackagesStatistics, error) {
	out := []*sms.SmsPackagesStatistics{}
	newest := monthStart(to)
	oldest := monthStart(from)
	if oldest.Before(from) {
		oldest = oldest.AddDate(0, 1, 0)
	}
	total := uint64(0)
	if !newest.Before(oldest) {
		total = uint64(monthsBetween(oldest, newest)) + 1
	}
	err := c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, app); err != nil {
			return err
		}
		for k := offset; k < total && uint64(len(out)) < limit; k++ {
			start := newest.AddDate(0, -int(k), 0)
			end := start.AddDate(0, 1, 0)
			used := tx.Sum(app, start.Unix()/3600, end.Unix()/3600-1).Fee
			out = append(out, &sms.SmsPackagesStatistics{
				PackageCreateTime:    ptr(unixSeconds(start)),
				PackageEffectiveTime: ptr(unixSeconds(start)),
				PackageExpiredTime:   ptr(unixSeconds(end)),
				PackageAmount:        ptr(uint64(GiftPackageAmount)),
				PackageType:          ptr(uint64(0)),
				PackageId:            ptr(uint64(start.Year()*100 + int(start.Month()))),
				CurrentUsage:         ptr(min(used, GiftPackageAmount)),
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// monthStart returns 00:00 Beijing time on the 1st of t's month there.
func monthStart(t time.Time) time.Time {
	t = t.In(tcsms.Beijing)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, tcsms.Beijing)
}

// monthsBetween counts whole months from a to b, both month starts, a ≤ b.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}
