package actions

import (
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "PullSmsSendStatusByPhoneNumber", pullSmsSendStatusByPhoneNumber)
}

// maxPullByPhoneAge is how far back the by-number pulls' BeginTime may lie.
const maxPullByPhoneAge = 7 * 24 * time.Hour

// pullSmsSendStatusByPhoneNumber implements PullSmsSendStatusByPhoneNumber:
// the receipts of one number's messages sent by the app in [BeginTime,
// EndTime] (Unix seconds; EndTime defaults to now), oldest first, at most
// Limit, skipping receipts not reported yet. It does not consume them.
func pullSmsSendStatusByPhoneNumber(c *Context, p *sms.PullSmsSendStatusByPhoneNumberRequestParams) (any, error) {
	num, from, to, err := checkPullByPhone(p.BeginTime, p.EndTime, p.Offset, p.Limit, p.PhoneNumber, p.SmsSdkAppId, c.Now)
	if err != nil {
		return nil, err
	}
	out := []*sms.PullSmsSendStatus{}
	err = c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		eachInWindow(tx, *p.SmsSdkAppId, num.E164, from, to, true, func(h store.Held) bool {
			if len(out) >= int(*p.Limit) {
				return false
			}
			if rep, ok := h.Report(c.Now); ok {
				out = append(out, pullStatus(rep))
			}
			return true
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.PullSmsSendStatusByPhoneNumberResponseParams{PullSmsSendStatusSet: out}, nil
}

// eachInWindow calls fn for app's held messages to number accepted within
// [from, to] at whole-second resolution, as Tencent's Unix-second windows
// are, oldest first when forward is set, until fn returns false.
func eachInWindow(tx *store.Tx, app, number string, from, to time.Time, forward bool, fn func(store.Held) bool) {
	lo, hi := from.Unix(), to.Unix()
	tx.ToNumber(number, app, forward, func(h store.Held) bool {
		if sec := h.Time().Unix(); sec < lo || sec > hi {
			return true
		}
		return fn(h)
	})
}

// checkPullByPhone validates the parameters both by-number pull actions
// take (BeginTime, EndTime, Offset fixed at 0, Limit at most 100,
// PhoneNumber, SmsSdkAppId) and returns the parsed number and the
// [BeginTime, EndTime] window, at most 7 days back from now.
func checkPullByPhone(begin, end, offset, limit *uint64, phone, app *string, now time.Time) (num tcsms.Number, from, to time.Time, err error) {
	switch {
	case begin == nil:
		return num, from, to, MissingParam("BeginTime")
	case offset == nil:
		return num, from, to, MissingParam("Offset")
	case limit == nil:
		return num, from, to, MissingParam("Limit")
	case deref(phone) == "":
		return num, from, to, MissingParam("PhoneNumber")
	case deref(app) == "":
		return num, from, to, MissingParam("SmsSdkAppId")
	case *offset != 0:
		return num, from, to, tcsms.Errorf(tcsms.CodeOffsetVerifyFail, "Offset must be 0.")
	case *limit > maxPullLimit:
		return num, from, to, tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be at most %d.", maxPullLimit)
	}
	if num, err = tcsms.ParseNumber(*phone); err != nil {
		return num, from, to, err
	}
	from, to, err = unixWindow(begin, end, now, maxPullByPhoneAge)
	return num, from, to, err
}

// unixWindow checks a [BeginTime, EndTime] window in Unix seconds: begin
// at most maxAge before now (BeginTimeVerifyFail), end not before begin
// (InvalidStartTime). A nil end means now.
func unixWindow(begin, end *uint64, now time.Time, maxAge time.Duration) (from, to time.Time, err error) {
	const maxUnix = 1 << 40 // far beyond any date the fake deals with; keeps int64 conversions safe
	if *begin > maxUnix {
		return from, to, tcsms.Errorf(tcsms.CodeBeginTimeVerifyFail, "BeginTime %d is not a Unix time in seconds.", *begin)
	}
	from = time.Unix(int64(*begin), 0)
	if from.Before(now.Add(-maxAge)) {
		return from, to, tcsms.Errorf(tcsms.CodeBeginTimeVerifyFail,
			"BeginTime may be at most %s before the current time.", maxAge)
	}
	to = now
	if end != nil {
		if *end > maxUnix {
			return from, to, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime %d is not a Unix time in seconds.", *end)
		}
		to = time.Unix(int64(*end), 0)
	}
	if to.Before(from) {
		return from, to, tcsms.Errorf(tcsms.CodeInvalidStartTime, "BeginTime is after EndTime.")
	}
	return from, to, nil
}
