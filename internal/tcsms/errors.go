package tcsms

import "fmt"

// APIError is a Tencent Cloud API error as it travels in
// Response.Error: a code from the table (CodeSignatureFailure, ...) and a
// human-readable message. The fake server writes it into the envelope (the
// adapter classifies the SDK's own errors with KindOf instead).
//
// An APIError never carries credentials or expected signatures, so it is
// safe to log and to return to a client. errors.Is(err, notifier.ErrX)
// holds when KindOf(Code) is notifier.ErrX.
type APIError struct {
	// Code is Tencent's error code, for example "AuthFailure.SignatureFailure".
	Code string
	// Message is the explanation sent with the code.
	Message string
}

// Error returns "Code: Message" (just Code when Message is empty).
func (e *APIError) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// Kind returns the notifier sentinel for e's code (see KindOf).
func (e *APIError) Kind() error { return KindOf(e.Code) }

// Is reports whether target is the notifier sentinel for e's code, so
// errors.Is(err, notifier.ErrUnauthorized) works on an *APIError.
func (e *APIError) Is(target error) bool {
	k := KindOf(e.Code)
	return k != nil && k == target
}

// NewError returns an *APIError for code with the table's default message
// (the code itself when the code is not in the table).
func NewError(code string) *APIError {
	if info, ok := Lookup(code); ok {
		return &APIError{Code: code, Message: info.Message}
	}
	return &APIError{Code: code, Message: code}
}

// Errorf returns an *APIError for code whose message is formatted from
// format and args. Callers must not format secrets into it.
func Errorf(code, format string, args ...any) *APIError {
	return &APIError{Code: code, Message: fmt.Sprintf(format, args...)}
}
