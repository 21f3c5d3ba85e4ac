package fakeserver

import (
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("PullSmsSendStatusByPhoneNumber", (*Server).pullSmsSendStatusByPhoneNumber)
}

// maxPullByPhoneAge is how far back PullSmsSendStatusByPhoneNumber's
// BeginTime may lie: 7 days before the server clock.
const maxPullByPhoneAge = 7 * 24 * time.Hour

// pullSmsSendStatusByPhoneNumber implements PullSmsSendStatusByPhoneNumber:
// the receipts of one number's messages sent by the app in
// [BeginTime, EndTime] (Unix seconds; EndTime defaults to now), oldest
// first, at most Limit, skipping receipts not reported yet. Unlike
// PullSmsSendStatus it does not consume them.
func (s *Server) pullSmsSendStatusByPhoneNumber(_ *apiCall, p *sms.PullSmsSendStatusByPhoneNumberRequestParams) (any, error) {
	now := s.clock.Now()
	num, from, to, err := checkPullByPhone(p.BeginTime, p.EndTime, p.Offset, p.Limit, p.PhoneNumber, p.SmsSdkAppId, now)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := []*sms.PullSmsSendStatus{}
	limit := int(*p.Limit)
	s.eachRecordLocked(*p.SmsSdkAppId, num.E164, from, to, func(r *record) bool {
		if len(out) >= limit {
			return false
		}
		if e, _, ok := s.receiptLocked(r, now); ok {
			out = append(out, e)
		}
		return true
	})
	return &sms.PullSmsSendStatusByPhoneNumberResponseParams{PullSmsSendStatusSet: out}, nil
}

// checkPullByPhone validates the parameters both by-number pull actions
// take (BeginTime, EndTime, Offset fixed at 0, Limit at most 100,
// PhoneNumber, SmsSdkAppId) and returns the parsed number and the
// [BeginTime, EndTime] window, at most 7 days back from now.
func checkPullByPhone(begin, end, offset, limit *uint64, phone, app *string, now time.Time) (num tcsms.Number, from, to time.Time, err error) {
	switch {
	case begin == nil:
		return num, from, to, missingParam("BeginTime")
	case offset == nil:
		return num, from, to, missingParam("Offset")
	case limit == nil:
		return num, from, to, missingParam("Limit")
	case deref(phone) == "":
		return num, from, to, missingParam("PhoneNumber")
	case deref(app) == "":
		return num, from, to, missingParam("SmsSdkAppId")
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

// eachRecordLocked calls fn, oldest first, for each held message of app to
// number (E.164) accepted within [from, to] at whole-second resolution, as
// Tencent's Unix-second windows are, until fn returns false. s.mu must be
// held.
func (s *Server) eachRecordLocked(app, number string, from, to time.Time, fn func(*record) bool) {
	ref, ok := s.st.strs.lookup(app)
	if !ok {
		return
	}
	digits, compact := e164Digits(number)
	lo, hi := from.Unix(), to.Unix()
	for i := 0; i < s.st.len(); i++ {
		r := s.st.at(i)
		if r.app != ref || !r.sentTo(number, digits, compact) {
			continue
		}
		if sec := r.time().Unix(); sec < lo || sec > hi {
			continue
		}
		if !fn(r) {
			return
		}
	}
}
