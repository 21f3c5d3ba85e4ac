package fakeserver

import (
	"strconv"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("PullSmsSendStatus", (*Server).pullSmsSendStatus)
	registerAction("SendStatusStatistics", (*Server).sendStatusStatistics)
}

// maxPullLimit is the largest Limit of the pull actions.
const maxPullLimit = 100

// pullSmsSendStatus implements PullSmsSendStatus: the reported receipts
// of the app's accepted messages, oldest first, each returned once.
// Receipts not reported yet (see receiptOf) stay for a later pull.
func (s *Server) pullSmsSendStatus(_ *apiCall, p *sms.PullSmsSendStatusRequestParams) (any, error) {
	if err := checkPull(p.Limit, p.SmsSdkAppId); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	out := []*sms.PullSmsSendStatus{}
	app, known := s.st.strs.lookup(*p.SmsSdkAppId)
	if !known {
		return &sms.PullSmsSendStatusResponseParams{PullSmsSendStatusSet: out}, nil
	}
	limit, now := int(*p.Limit), s.clock.Now()
	// The cursor moves past records that are pulled, of other apps, or
	// never reported; it stops at the first receipt still to come.
	cursor, contiguous := s.st.cursor[app], true
	for i := cursor; i < s.st.len() && len(out) < limit; i++ {
		r := s.st.at(i)
		if r.app == app && r.flags&flagPulled == 0 {
			if e, rc, ok := s.receiptLocked(r, now); ok {
				r.flags |= flagPulled
				out = append(out, e)
			} else if !rc.never {
				contiguous = false
			}
		}
		if contiguous {
			cursor = i + 1
		}
	}
	s.st.cursor[app] = cursor
	return &sms.PullSmsSendStatusResponseParams{PullSmsSendStatusSet: out}, nil
}

// receiptLocked builds the PullSmsSendStatus entry of r's receipt (see
// receiptOf) and reports whether the receipt is reported at now; when it
// is not, the entry is nil.
func (s *Server) receiptLocked(r *record, now time.Time) (*sms.PullSmsSendStatus, receipt, bool) {
	rc, reported := s.receiptOf(r, now)
	if !reported {
		return nil, rc, false
	}
	number, cc, sub := r.numberParts()
	return &sms.PullSmsSendStatus{
		UserReceiveTime:  ptr(uint64(max(rc.at.Unix(), 0))),
		CountryCode:      &cc,
		SubscriberNumber: &sub,
		PhoneNumber:      &number,
		SerialNo:         ptr(s.serials.serialOf(r)),
		ReportStatus:     ptr(rc.status),
		Description:      ptr(rc.code),
		SessionContext:   ptr(r.tag),
	}, rc, true
}

// sendStatusStatistics implements SendStatusStatistics over the hours
// [BeginTime, EndTime], both yyyymmddhh in Beijing time.
func (s *Server) sendStatusStatistics(_ *apiCall, p *sms.SendStatusStatisticsRequestParams) (any, error) {
	from, to, err := parseHourWindow(p.BeginTime, p.EndTime)
	if err != nil {
		return nil, err
	}
	if err := checkStats(p.SmsSdkAppId, p.Limit, p.Offset); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkAppLocked(*p.SmsSdkAppId); err != nil {
		return nil, err
	}
	var c statCounts
	if app, ok := s.st.strs.lookup(*p.SmsSdkAppId); ok {
		c = s.st.sum(app, from.Unix()/3600, to.Unix()/3600)
	}
	return &sms.SendStatusStatisticsResponseParams{SendStatusStatistics: &sms.SendStatusStatistics{
		FeeCount:            &c.fee,
		RequestCount:        &c.requests,
		RequestSuccessCount: &c.success,
	}}, nil
}

// parseHourWindow parses BeginTime and EndTime (yyyymmddhh, Beijing time)
// and returns the start of each hour.
func parseHourWindow(begin, end *string) (from, to time.Time, err error) {
	if begin == nil {
		return from, to, missingParam("BeginTime")
	}
	if end == nil {
		return from, to, missingParam("EndTime")
	}
	if from, err = parseHour(*begin); err != nil {
		return from, to, tcsms.Errorf(tcsms.CodeBeginTimeVerifyFail, "BeginTime %q is not in yyyymmddhh format.", sanitize(*begin))
	}
	if to, err = parseHour(*end); err != nil {
		return from, to, tcsms.Errorf(tcsms.CodeEndTimeVerifyFail, "EndTime %q is not in yyyymmddhh format.", sanitize(*end))
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
		return missingParam("Limit")
	case deref(app) == "":
		return missingParam("SmsSdkAppId")
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
		return missingParam("SmsSdkAppId")
	case limit == nil:
		return missingParam("Limit")
	case *limit > maxPullLimit:
		return tcsms.Errorf(tcsms.CodeLimitVerifyFail, "Limit must be between 0 and %d.", maxPullLimit)
	case offset == nil:
		return missingParam("Offset")
	case *offset != 0:
		return tcsms.Errorf(tcsms.CodeOffsetVerifyFail, "Offset must be 0.")
	}
	return nil
}

// checkAppLocked enforces, in strict mode, that an app is registered.
// Permissive mode accepts any app without looking it up.
func (s *Server) checkAppLocked(app string) error {
	if !s.opts.Strict {
		return nil
	}
	if _, ok := s.cat.apps[app]; !ok {
		return tcsms.Errorf(tcsms.CodeSdkAppIDNotExist, "The SmsSdkAppId %s does not exist.", sanitize(app))
	}
	return nil
}
