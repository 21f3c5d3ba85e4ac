package notifier

import (
	"errors"
	"strings"
	"time"
)

// Sentinel error kinds. Every *Error has one of them as its Kind, so callers
// test the kind with errors.Is(err, notifier.ErrRateLimited) whatever the
// provider.
var (
	// ErrInvalidRecipient: the number is malformed, unknown or cannot be reached.
	ErrInvalidRecipient = errors.New("invalid recipient")
	// ErrInvalidMessage: the message breaks a rule (missing or unapproved
	// template, wrong parameter count, too many recipients, content too long).
	ErrInvalidMessage = errors.New("invalid message")
	// ErrUnauthorized: credentials, signature or permissions were refused.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrRateLimited: a frequency limit was hit; a later retry may succeed.
	ErrRateLimited = errors.New("rate limited")
	// ErrQuotaExceeded: a daily cap, package balance or account quota is used up.
	ErrQuotaExceeded = errors.New("quota exceeded")
	// ErrRejected: the provider refused the content or recipient by policy
	// (blacklist, sensitive words, marketing hours, opted-out number).
	ErrRejected = errors.New("rejected")
	// ErrUnavailable: the provider could not be reached or failed internally;
	// whether the message went out is unknown when the failure came after the
	// request was sent.
	ErrUnavailable = errors.New("provider unavailable")
	// ErrNotFound: a referenced resource (template, signature, app) does not exist.
	ErrNotFound = errors.New("not found")
	// ErrUnsupported: the provider does not support the operation for this
	// message (for example a mainland template to an international number).
	ErrUnsupported = errors.New("unsupported")
)

// Error is a provider failure, for the whole request or for one recipient.
//
// errors.Is(err, Kind) holds, and errors.As reaches Err (for Tencent, the
// SDK's *errors.TencentCloudSDKError).
//
// # Retrying
//
// Temporary says whether the kind of failure can pass (a rate limit, an
// outage); RetryAfter says when, if the provider knows. A per-number daily
// cap is still ErrRateLimited, since it is a limit on how often one number
// is texted, and still Temporary, but it lifts only when the provider's day
// ends: the Tencent adapter sets RetryAfter to the time left until midnight,
// Beijing time, for LimitExceeded.PhoneNumberDailyLimit,
// PhoneNumberSameContentDailyLimit and the application daily limits (the
// latter are ErrQuotaExceeded). Retry sends again only when RetryAfter is
// within RetryPolicy.MaxRetryAfter, so it never resends a daily cap; code
// that schedules its own retries should look at RetryAfter as well.
type Error struct {
	// Kind is one of this package's sentinel errors.
	Kind error
	// Code is the provider's error code ("LimitExceeded.PhoneNumberDailyLimit").
	Code string
	// Message is the provider's (or the implementation's) explanation.
	Message string
	// RequestID identifies the provider request, for support tickets.
	RequestID string
	// Recipient is the number the error is about; empty for request-level errors.
	Recipient string
	// Err is the underlying cause, if any.
	Err error
	// RetryAfter, when positive, is how long after this error the provider
	// says the same send can first succeed; 0 means it gave no hint. See
	// Retrying above.
	RetryAfter time.Duration
}

// Error formats the failure on one line: kind, code, recipient, message,
// retry-after, request ID. It never includes credentials.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("notifier: ")
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	} else {
		b.WriteString("error")
	}
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	if e.Recipient != "" {
		b.WriteString(" for " + e.Recipient)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RetryAfter > 0 {
		b.WriteString(" (retry after " + e.RetryAfter.Round(time.Second).String() + ")")
	}
	if e.RequestID != "" {
		b.WriteString(" [request " + e.RequestID + "]")
	}
	return b.String()
}

// Is reports whether target is e's Kind.
func (e *Error) Is(target error) bool { return e.Kind != nil && target == e.Kind }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Temporary reports whether sending the same message again later may
// succeed: true for ErrRateLimited and ErrUnavailable. How much later is
// RetryAfter's to say: hours, for a daily cap. Temporary does not say the
// first attempt failed to deliver: after ErrUnavailable the message may have
// gone out, so retry only where a duplicate SMS is acceptable.
func (e *Error) Temporary() bool {
	return e.Kind == ErrRateLimited || e.Kind == ErrUnavailable
}

// IsTemporary reports whether err, or any error it wraps, is an *Error whose
// Temporary method returns true. For a *BatchError that is any recipient's
// error, not only the first one errors.As would find.
func IsTemporary(err error) bool {
	switch e := err.(type) {
	case nil:
		return false
	case *Error:
		return e.Temporary()
	case interface{ Unwrap() []error }:
		for _, err := range e.Unwrap() {
			if IsTemporary(err) {
				return true
			}
		}
		return false
	}
	return IsTemporary(errors.Unwrap(err))
}
