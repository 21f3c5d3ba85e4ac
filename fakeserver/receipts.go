package fakeserver

import (
	"time"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Delivery receipts are decided here and nowhere else: every action and
// inspection method, and the callback pusher, asks receiptOf.

// Receipt statuses, as ReportStatus and report_status carry them.
const (
	ReceiptSuccess = "SUCCESS"
	ReceiptFail    = "FAIL"
)

// outcome is what the carrier reports for a message: its status, the
// carrier's code (PullSmsSendStatus.Description, the callback's errmsg),
// the callback's description text, and the delay it adds to ReceiptDelay.
type outcome struct {
	status, code, description string
	extra                     time.Duration
	never                     bool // no receipt is ever reported
}

var delivered = outcome{status: ReceiptSuccess, code: "DELIVRD", description: "用户短信送达成功"}

// magicOutcomes are the outcomes of the magic test numbers
// +86139000000NN and +1555010xxNN, by NN. Failure codes use the words
// CallbackStatusStatistics classes (failureKeywords). Unlisted NN, like
// every other number, are delivered.
var magicOutcomes = map[uint64]outcome{
	0:  delivered,
	1:  {status: ReceiptFail, code: "EMPTY_NUMBER", description: "空号"},
	2:  {status: ReceiptFail, code: "SHUTDOWN", description: "停机"},
	3:  {status: ReceiptFail, code: "BLACKLIST", description: "黑名单"},
	4:  {status: ReceiptFail, code: "FREQ_LIMIT", description: "频率限制"},
	5:  {status: ReceiptFail, code: "UNDELIV", description: "运营商内部错误"},
	10: {never: true},
	20: {status: ReceiptSuccess, code: "DELIVRD", description: "用户短信送达成功", extra: time.Minute},
	21: {status: ReceiptSuccess, code: "DELIVRD", description: "用户短信送达成功", extra: time.Hour},
	22: {status: ReceiptFail, code: "EMPTY_NUMBER", description: "空号", extra: time.Minute},
}

// The magic ranges, as record.number digits.
const (
	magicMainlandFirst = 8613900000000 // +8613900000000
	magicMainlandLast  = 8613900000099
	magicIntlFirst     = 15550100000 // +15550100000
	magicIntlLast      = 15550109999
)

// outcomeOf returns the outcome of r's number.
func outcomeOf(r *record) outcome {
	n := r.number
	if (n < magicMainlandFirst || n > magicMainlandLast) && (n < magicIntlFirst || n > magicIntlLast) {
		return delivered
	}
	if o, ok := magicOutcomes[n%100]; ok {
		return o
	}
	return delivered
}

// receipt is a message's delivery report.
type receipt struct {
	outcome
	at time.Time // when the carrier reports it: acceptance + ReceiptDelay + extra
}

// receiptOf returns r's delivery report and whether it is reported at now.
// Until then (or forever, for rc.never) the pull actions do not return it,
// DescribeSendRecordList shows it as sending and nothing is pushed.
func (s *Server) receiptOf(r *record, now time.Time) (rc receipt, reported bool) {
	rc.outcome = outcomeOf(r)
	rc.at = r.time().Add(s.opts.ReceiptDelay + rc.extra)
	return rc, !rc.never && !rc.at.After(now)
}

// numberParts returns r's number in E.164 with its country code and
// subscriber number, as receipts report them; a number that does not parse
// is reported whole as the subscriber.
func (r *record) numberParts() (number, cc, sub string) {
	number = r.e164()
	if n, err := tcsms.ParseNumber(number); err == nil {
		return number, n.CountryCode, n.Subscriber
	}
	return number, "", number
}
