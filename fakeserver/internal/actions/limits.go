package actions

import (
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Limits are Tencent's per-number frequency limits and per-app quotas
// (reference §6), resolved: 0 turns a limit off.
type Limits struct {
	On             bool
	SameContent30s int // LimitExceeded.PhoneNumberThirtySecondLimit
	PerHour        int // LimitExceeded.PhoneNumberOneHourLimit, rolling hour
	PerDay         int // LimitExceeded.PhoneNumberDailyLimit, Beijing calendar day
	SameContentDay int // LimitExceeded.PhoneNumberSameContentDailyLimit
	AppPerDay      int // LimitExceeded.AppDailyLimit
	Package        int // billed segments per app: FailedOperation.InsufficientBalanceInSmsPackage
}

// admit checks number's limits for one message of req. The limits need no
// state of their own: they count the held messages to the number, newest
// first, back to the start of the longest window that is on.
func (l *Limits) admit(tx *store.Tx, req *sendRequest, number string, fee int, now time.Time) *tcsms.APIError {
	if !l.On {
		return nil
	}
	at := now.UnixNano()
	y, m, d := now.In(tcsms.Beijing).Date()
	dayStart := time.Date(y, m, d, 0, 0, 0, 0, tcsms.Beijing).UnixNano()
	var oldest int64 = at
	if l.SameContent30s > 0 {
		oldest = at - int64(30*time.Second)
	}
	if l.PerHour > 0 {
		oldest = min(oldest, at-int64(time.Hour))
	}
	if l.PerDay > 0 || l.SameContentDay > 0 {
		oldest = min(oldest, dayStart)
	}
	var same30, hour, day, sameDay int
	if oldest < at {
		tx.ToNumber(number, "", false, func(h store.Held) bool {
			t := h.Time().UnixNano()
			if t < oldest {
				return false
			}
			if t > at {
				return true // the clock went back: ignore sends "from the future"
			}
			same := h.SameContent(req.template, req.params)
			if same && at-t < int64(30*time.Second) {
				same30++
			}
			if at-t < int64(time.Hour) {
				hour++
			}
			if t >= dayStart {
				day++
				if same {
					sameDay++
				}
			}
			return true
		})
	}
	switch {
	case l.SameContent30s > 0 && same30 >= l.SameContent30s:
		return tcsms.NewError(tcsms.CodePhoneNumberThirtySecondLimit)
	case l.PerHour > 0 && hour >= l.PerHour:
		return tcsms.NewError(tcsms.CodePhoneNumberOneHourLimit)
	case l.PerDay > 0 && day >= l.PerDay:
		return tcsms.NewError(tcsms.CodePhoneNumberDailyLimit)
	case l.SameContentDay > 0 && sameDay >= l.SameContentDay:
		return tcsms.NewError(tcsms.CodePhoneNumberSameContentDailyLimit)
	case l.AppPerDay > 0 && int(tx.DaySum(req.app, now).Success) >= l.AppPerDay:
		return tcsms.NewError(tcsms.CodeAppDailyLimit)
	case l.Package > 0 && int(tx.FeeTotal(req.app))+fee > l.Package:
		return tcsms.NewError(tcsms.CodeInsufficientBalanceInSmsPackage)
	}
	return nil
}
