package tencent

import (
	"errors"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/internal/tcsms"
)

// mapError turns an error from an SDK call into a *notifier.Error whose Kind
// comes from the tcsms code table and whose Err is the SDK's
// *errors.TencentCloudSDKError (with any URL query, which can carry v1
// signatures and tokens, removed from its cause). recipient is empty for
// request-level errors.
func mapError(err error, recipient string) *notifier.Error {
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		// Not from Tencent: transport plumbing such as an unsupported
		// Content-Encoding. Whether the request was processed is unknown.
		return &notifier.Error{Kind: notifier.ErrUnavailable, Message: clip(redactURLs(err).Error()), Recipient: recipient, Err: redactURLs(err)}
	}
	if cause := errors.Unwrap(sdkErr); cause != nil || len(sdkErr.Message) > maxErrorMessage {
		sdkErr = tcerr.NewTencentCloudSDKErrorWithCause(sdkErr.Code, clip(sdkErr.Message), sdkErr.RequestId, redactURLs(cause)).(*tcerr.TencentCloudSDKError)
	}
	e := &notifier.Error{
		Kind:      kindOf(sdkErr.Code),
		Code:      sdkErr.Code,
		Message:   sdkErr.Message,
		RequestID: sdkErr.RequestId,
		Recipient: recipient,
		Err:       sdkErr,
	}
	if sdkErr.Code == tcsms.CodeClientNetworkError {
		// The table makes it ErrUnavailable; the cause says what failed.
		if cause := errors.Unwrap(sdkErr); cause != nil {
			e.Message = sdkErr.Message + ": " + cause.Error()
		}
	}
	return e
}

// maxErrorMessage bounds the message an error takes from an answer, in
// bytes. The SDK puts a whole non-JSON body (a gateway's error page, which
// may be megabytes) into ClientError.ParseJsonError's message; the start
// says what it was, and logs and err.Error() stay small.
const maxErrorMessage = 512

// clip returns s cut to maxErrorMessage bytes, on a character boundary,
// with a note of how much was cut.
func clip(s string) string {
	if len(s) <= maxErrorMessage {
		return s
	}
	cut := maxErrorMessage
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "... (" + strconv.Itoa(len(s)-cut) + " more bytes)"
}

// statusError is the error of one number that Tencent did not accept
// (SendStatus.Code or PhoneNumberInfo.Code other than "Ok"). Its Err is an
// SDK error carrying the same code, so callers can treat per-number and
// request-level failures alike.
func statusError(code, message, requestID, recipient string) *notifier.Error {
	if message == "" {
		if info, ok := tcsms.Lookup(code); ok {
			message = info.Message
		}
	}
	return &notifier.Error{
		Kind:      kindOf(code),
		Code:      code,
		Message:   message,
		RequestID: requestID,
		Recipient: recipient,
		Err:       &tcerr.TencentCloudSDKError{Code: code, Message: message, RequestId: requestID},
	}
}

// setRetryAfter sets e.RetryAfter for Tencent's daily caps
// (tcsms.DailyLimit): the time left until the next midnight in Beijing,
// when they lift, so that notifier.Retry does not resend them.
func setRetryAfter(e *notifier.Error, now time.Time) {
	if tcsms.DailyLimit(e.Code) {
		e.RetryAfter = tcsms.NextDailyReset(now).Sub(now)
	}
}

// kindOf is tcsms.KindOf for codes known to be failures: a failure never
// maps to nil.
func kindOf(code string) error {
	if k := tcsms.KindOf(code); k != nil {
		return k
	}
	return notifier.ErrUnavailable
}

// redactURLs returns err with the query string of any *url.Error's URL
// removed: with the v1 signature and GET, the query holds the SecretId,
// the signature and a session token.
func redactURLs(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	if perr != nil {
		return &url.Error{Op: ue.Op, URL: "(unparsable URL)", Err: ue.Err}
	}
	if u.RawQuery == "" && u.User == nil {
		return err
	}
	u.RawQuery, u.User = "", nil
	return &url.Error{Op: ue.Op, URL: u.String(), Err: ue.Err}
}
