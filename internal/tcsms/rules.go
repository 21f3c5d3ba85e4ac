package tcsms

import (
	"time"

	"github.com/notifykit/notifier"
)

// MaxSessionContext is the longest SessionContext SendSms keeps, in bytes:
// Tencent documents "under 512 bytes".
const MaxSessionContext = 511

// Rules returns what SendSms accepts, as notifier.Rules: templates only
// (no free text), approved templates only, one template per market
// (mainland China, "+86", or international), a SignName for mainland
// numbers, SenderId for international numbers, SessionContext up to
// MaxSessionContext bytes, numbers as ParseNumber reads them, and the
// content limits (MaxParamChars per parameter, MaxContentChars for the
// text with its sign; see content.go for the generous reading of Tencent's
// docs the fake server shares). The batch limit is the adapter's to set
// (tencent.Rules adds it): one request takes MaxNumbers, and an adapter may
// split a message into several.
func Rules() notifier.Rules {
	mainland := []string{"+" + MainlandCountryCode}
	return notifier.Rules{
		Provider:       "Tencent Cloud SMS",
		NoBody:         true,
		MaxTagBytes:    MaxSessionContext,
		KnownTemplates: true,
		MaxParamRunes:  MaxParamChars,
		MaxTextRunes:   MaxContentChars,
		Domestic:       mainland,
		SignRequired:   mainland,
		CheckNumber:    checkNumber,
	}
}

// checkNumber is Rules' CheckNumber: the number check SendSms applies
// (ParseNumber), reported as the adapter reports it.
func checkNumber(number string) error {
	_, err := ParseNumber(number)
	if err == nil {
		return nil
	}
	e := asAPIError(err)
	return &notifier.Error{Kind: KindOf(e.Code), Code: e.Code, Message: e.Message, Recipient: number}
}

// asAPIError returns err as an *APIError; ParseNumber returns no other kind.
func asAPIError(err error) *APIError {
	if e, ok := err.(*APIError); ok {
		return e
	}
	return &APIError{Code: CodeIncorrectPhoneNumber, Message: err.Error()}
}

// dailyCodes are the limits that last until the end of Tencent's day
// (midnight, Beijing time) once hit.
var dailyCodes = map[string]bool{
	CodePhoneNumberDailyLimit:            true,
	CodePhoneNumberSameContentDailyLimit: true,
	CodeAppDailyLimit:                    true,
	CodeAppCountryOrRegionDailyLimit:     true,
	CodeAppGlobalDailyLimit:              true,
	CodeAppMainlandChinaDailyLimit:       true,
	CodeDailyLimit:                       true,
}

// DailyLimit reports whether code is a daily cap: a limit that, once hit,
// holds until the next midnight in Beijing (see NextDailyReset), so no
// retry within seconds or minutes can succeed.
func DailyLimit(code string) bool { return dailyCodes[code] }

// NextDailyReset returns the first midnight in Beijing after t, when
// Tencent's daily limits start counting again.
func NextDailyReset(t time.Time) time.Time {
	b := t.In(Beijing)
	return time.Date(b.Year(), b.Month(), b.Day()+1, 0, 0, 0, 0, Beijing)
}
