package fakeserver

import (
	"fmt"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
)

// Limits are Tencent's frequency limits and quotas (reference §6). They
// are answered per number, in that number's SendStatus (SerialNo "", Fee
// 0), by SendSms and SendMultiGlobalSms alike; only accepted messages
// count towards them, and their windows run on the server's Clock.
//
// Each count's zero value means Tencent's documented default, and a
// negative value turns that limit off.
type Limits struct {
	// Enforce decides whether limits apply at all. The default,
	// LimitsAuto, applies them in strict mode only.
	Enforce LimitMode `json:"enforce,omitempty"`
	// SameContent30s is how many messages with the same template and
	// params one number may get within 30 seconds
	// (LimitExceeded.PhoneNumberThirtySecondLimit); default 1.
	SameContent30s int `json:"sameContent30s,omitempty"`
	// PerHour is how many messages one number may get within an hour
	// (LimitExceeded.PhoneNumberOneHourLimit); default off, because
	// Tencent's default policy has no hourly limit.
	PerHour int `json:"perHour,omitempty"`
	// PerDay is how many messages one number may get per calendar day,
	// Beijing time (LimitExceeded.PhoneNumberDailyLimit); default 10.
	PerDay int `json:"perDay,omitempty"`
	// SameContentPerDay is how many messages with the same template and
	// params one number may get per calendar day
	// (LimitExceeded.PhoneNumberSameContentDailyLimit); default off, as
	// Tencent documents no default for it.
	SameContentPerDay int `json:"sameContentPerDay,omitempty"`
	// AppPerDay is how many messages one SmsSdkAppId may send per calendar
	// day (LimitExceeded.AppDailyLimit); default off (a console setting).
	AppPerDay int `json:"appPerDay,omitempty"`
	// PackageSegments is each SmsSdkAppId's package: billed segments (Fee)
	// it may use in the server's life; a message that does not fit fails
	// with FailedOperation.InsufficientBalanceInSmsPackage. Default off.
	PackageSegments int `json:"packageSegments,omitempty"`
}

// LimitMode says whether Limits apply.
type LimitMode string

const (
	// LimitsAuto applies limits in strict mode and not in permissive mode.
	LimitsAuto LimitMode = ""
	// LimitsOn applies limits in both modes.
	LimitsOn LimitMode = "on"
	// LimitsOff never applies them.
	LimitsOff LimitMode = "off"
)

// Documented default limits (reference §6).
const (
	DefaultSameContent30s = 1
	DefaultPerDay         = 10
)

func (l Limits) validate() error {
	switch l.Enforce {
	case LimitsAuto, LimitsOn, LimitsOff:
		return nil
	}
	return fmt.Errorf("fakeserver: Limits.Enforce %q is not \"\", \"on\" or \"off\"", l.Enforce)
}

// resolve turns l into the actions' form: defaults applied, off as 0.
func (l Limits) resolve(strict bool) actions.Limits {
	pick := func(v, def int) int {
		switch {
		case v < 0:
			return 0
		case v == 0:
			return def
		}
		return v
	}
	return actions.Limits{
		On:             l.Enforce == LimitsOn || (l.Enforce == LimitsAuto && strict),
		SameContent30s: pick(l.SameContent30s, DefaultSameContent30s),
		PerHour:        pick(l.PerHour, 0),
		PerDay:         pick(l.PerDay, DefaultPerDay),
		SameContentDay: pick(l.SameContentPerDay, 0),
		AppPerDay:      pick(l.AppPerDay, 0),
		Package:        pick(l.PackageSegments, 0),
	}
}

// WithLimits sets the frequency limits and quotas (see Options.Limits).
func WithLimits(l Limits) Option { return func(o *Options) { o.Limits = l } }
