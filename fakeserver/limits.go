package fakeserver

import (
	"fmt"
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
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

// limiter holds what the limits need of recent sends. Server.mu guards it.
type limiter struct {
	on                                  bool
	same30s, hour, day, sameDay, appDay int // 0 = off
	pkg                                 int
	gen                                 uint64 // Server.resets when the state was last cleared
	numbers                             map[string][]sentMark
	apps                                map[string]*appUsage
}

// sentMark is one accepted message to a number.
type sentMark struct {
	at      int64 // Unix nanoseconds
	content string
}

type appUsage struct {
	day   int64 // Beijing calendar day of count
	count int
	fee   int
}

func newLimiter(l Limits, strict bool) limiter {
	pick := func(v, def int) int {
		switch {
		case v < 0:
			return 0
		case v == 0:
			return def
		}
		return v
	}
	return limiter{
		on:      l.Enforce == LimitsOn || (l.Enforce == LimitsAuto && strict),
		same30s: pick(l.SameContent30s, DefaultSameContent30s),
		hour:    pick(l.PerHour, 0),
		day:     pick(l.PerDay, DefaultPerDay),
		sameDay: pick(l.SameContentPerDay, 0),
		appDay:  pick(l.AppPerDay, 0),
		pkg:     pick(l.PackageSegments, 0),
		numbers: map[string][]sentMark{},
		apps:    map[string]*appUsage{},
	}
}

func beijingDay(t time.Time) int64 { return (t.Unix() + 8*3600) / 86400 }

// perNumberFailLocked is deliverLocked's one hook: the per-number fault
// rule or limit that fails number, or nil when the message may go (it is
// then counted as sent). s.mu must be held.
func (s *Server) perNumberFailLocked(action string, req *sendRequest, number string, fee int, now time.Time) *tcsms.APIError {
	if f, ok := s.faults.takeNumber(action, number); ok {
		return f.apiError()
	}
	if !s.lim.on {
		return nil
	}
	return s.lim.admit(s.resets, req, number, fee, now)
}

// admit checks number's limits for one message and records it when it
// passes.
func (l *limiter) admit(gen uint64, req *sendRequest, number string, fee int, now time.Time) *tcsms.APIError {
	if gen != l.gen { // Reset forgets limit state along with messages
		l.numbers, l.apps, l.gen = map[string][]sentMark{}, map[string]*appUsage{}, gen
	}
	content := joinAll([]string{req.template}) + joinAll(req.params) // length-prefixed: no two contents collide
	at := now.UnixNano()
	dayStart := time.Unix(beijingDay(now)*86400-8*3600, 0).UnixNano()
	keep := min(dayStart, at-int64(time.Hour))
	marks := l.numbers[number]
	i := 0
	for i < len(marks) && marks[i].at < keep {
		i++
	}
	marks = marks[i:]
	var same30, hour, day, sameDay int
	for _, m := range marks {
		if m.at > at {
			continue // the clock went back: ignore sends "from the future"
		}
		same := m.content == content
		if same && at-m.at < int64(30*time.Second) {
			same30++
		}
		if at-m.at < int64(time.Hour) {
			hour++
		}
		if m.at >= dayStart {
			day++
			if same {
				sameDay++
			}
		}
	}
	app := l.apps[req.app]
	if app == nil {
		app = &appUsage{}
		l.apps[req.app] = app
	}
	if d := beijingDay(now); app.day != d {
		app.day, app.count = d, 0
	}
	switch {
	case l.same30s > 0 && same30 >= l.same30s:
		return tcsms.NewError(tcsms.CodePhoneNumberThirtySecondLimit)
	case l.hour > 0 && hour >= l.hour:
		return tcsms.NewError(tcsms.CodePhoneNumberOneHourLimit)
	case l.day > 0 && day >= l.day:
		return tcsms.NewError(tcsms.CodePhoneNumberDailyLimit)
	case l.sameDay > 0 && sameDay >= l.sameDay:
		return tcsms.NewError(tcsms.CodePhoneNumberSameContentDailyLimit)
	case l.appDay > 0 && app.count >= l.appDay:
		return tcsms.NewError(tcsms.CodeAppDailyLimit)
	case l.pkg > 0 && app.fee+fee > l.pkg:
		return tcsms.NewError(tcsms.CodeInsufficientBalanceInSmsPackage)
	}
	app.count++
	app.fee += fee
	l.numbers[number] = append(marks, sentMark{at: at, content: content})
	return nil
}

// initFaults applies the fault, chaos and limit options; New calls it.
func (s *Server) initFaults(opts Options) error {
	if err := opts.Limits.validate(); err != nil {
		return err
	}
	s.lim = newLimiter(opts.Limits, opts.Strict)
	if len(opts.Faults) > 0 {
		if _, err := s.faults.replace(opts.Faults); err != nil {
			return err
		}
	}
	return s.chaos.set(opts.Chaos)
}

// WithLimits sets the frequency limits and quotas (see Options.Limits).
func WithLimits(l Limits) Option { return func(o *Options) { o.Limits = l } }
