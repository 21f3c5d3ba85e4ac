package notifier

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

//go:generate go run go.uber.org/mock/mockgen@v0.6.0 -typed -destination=notifiermock/notifier.go -package=notifiermock github.com/notifykit/notifier Notifier,ReceiptPuller,ReplyPuller

// Notifier sends SMS messages through some provider.
//
// The contract every implementation keeps (notifiertest checks it):
//
//   - Send is safe for concurrent use by multiple goroutines.
//   - ctx must not be nil; implementations return ErrNilContext for a nil
//     ctx rather than panic, and send nothing.
//   - Send honours ctx: if ctx is done before the provider accepted the
//     request, nothing is sent and the returned error satisfies
//     errors.Is(err, ctx.Err()).
//   - Result.Recipients has exactly one entry per Message.To number, in the
//     same order, whatever happened. A number the provider accepted has a
//     MessageID and a nil Err; a number that was not accepted has a non-nil
//     Err.
//   - err is non-nil whenever any recipient was not accepted. With one
//     failed recipient err is that recipient's error; with several it is a
//     *BatchError wrapping each of them, so errors.Is and errors.As reach
//     every failure. Result still reports the accepted recipients.
//     Result.Err builds exactly this error from the recipients.
//   - When the request as a whole fails (invalid message, bad credentials,
//     network failure, cancelled context), every recipient carries that same
//     error and Send returns it directly.
//   - Send never retries on its own: SMS providers have no idempotency key,
//     so a blind retry can text a person twice. Retrying is the caller's
//     explicit decision (see Error.Temporary, and Retry for a decorator that
//     resends only the rate-limited recipients).
//   - Provider failures are reported as *Error values whose Kind is one of
//     the sentinel errors of this package.
type Notifier interface {
	Send(ctx context.Context, m Message) (Result, error)
}

// Message is one SMS request: the same content to one or more recipients.
type Message struct {
	// To lists the recipients as E.164 numbers ("+8613800000000").
	To []string
	// Template is the provider's template ID. Either Template or Body is required.
	Template string
	// Params are the template's positional parameters: Params[0] fills {1}.
	Params []string
	// Body is a free-text message, for providers that allow one.
	Body string
	// Sign is the sender signature (Tencent's SignName), if the provider uses one.
	Sign string
	// SenderID is the alphanumeric sender ID, for international messages.
	SenderID string
	// Tag is an opaque caller value echoed in Result, receipts and replies
	// (Tencent's SessionContext). At most MaxTagBytes bytes.
	Tag string
}

// MaxTagBytes is the largest Message.Tag every implementation accepts.
const MaxTagBytes = 511

// Validate checks the provider-neutral rules of a message.
//
// Message-level problems (no recipients, neither template nor body,
// parameters without a template, an oversized tag) come back alone as an
// error matching ErrInvalidMessage. Otherwise every malformed number is
// reported, each as an *Error matching ErrInvalidRecipient (joined in a
// *BatchError when there are several). Implementations treat the first
// kind as a failure of the whole request and the second per recipient.
func (m Message) Validate() error {
	switch {
	case len(m.To) == 0:
		return invalidMessage("message has no recipients")
	case m.Template == "" && m.Body == "":
		return invalidMessage("message has neither a template nor a body")
	case m.Template == "" && len(m.Params) > 0:
		return invalidMessage("message has template parameters but no template")
	case len(m.Tag) > MaxTagBytes:
		return invalidMessage(fmt.Sprintf("message tag is %d bytes; the limit is %d", len(m.Tag), MaxTagBytes))
	}
	var errs []error
	for _, n := range m.To {
		if err := CheckNumber(n); err != nil {
			errs = append(errs, err)
		}
	}
	return joinRecipientErrors(errs, len(m.To))
}

func invalidMessage(msg string) error {
	return &Error{Kind: ErrInvalidMessage, Message: msg}
}

// CheckNumber reports whether number is a syntactically valid E.164 number:
// a "+", a non-zero digit, and 7 to 15 digits in all. It returns nil or an
// *Error matching ErrInvalidRecipient. Whether the number exists is for the
// provider to say.
func CheckNumber(number string) error {
	if isE164(number) {
		return nil
	}
	// Error prints Recipient already; the message says only what is wrong,
	// quoting the number only when printing it bare would hide it.
	msg := "not an E.164 number (a \"+\" and 7 to 15 digits, the first not 0)"
	if hiddenWhenBare(number) {
		msg = fmt.Sprintf("%q is %s", number, msg)
	}
	return &Error{Kind: ErrInvalidRecipient, Recipient: number, Message: msg}
}

// hiddenWhenBare reports whether s printed without quotes could be misread:
// empty, with white space at either end, or with invisible characters.
func hiddenWhenBare(s string) bool {
	if s == "" || strings.TrimSpace(s) != s || !utf8.ValidString(s) {
		return true
	}
	return strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsGraphic(r) })
}

func isE164(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9' {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Result reports what happened to each recipient of one Send.
type Result struct {
	// Recipients has one entry per Message.To number, in request order.
	Recipients []Recipient
	// Tag echoes Message.Tag.
	Tag string
}

// Recipient is the outcome for one number.
type Recipient struct {
	// Number is the number as the caller gave it in Message.To.
	Number string
	// MessageID is the provider's ID for the message to this number (Tencent's
	// SerialNo); empty when Err is non-nil.
	MessageID string
	// Segments is the number of billed SMS segments; 0 when Err is non-nil.
	Segments int
	// Err is nil when the provider accepted the message for this number.
	Err error
}

// Accepted returns the recipients the provider accepted, in request order.
func (r Result) Accepted() []Recipient {
	var out []Recipient
	for _, rc := range r.Recipients {
		if rc.Err == nil {
			out = append(out, rc)
		}
	}
	return out
}

// Failed returns the recipients that were not accepted, in request order.
func (r Result) Failed() []Recipient {
	var out []Recipient
	for _, rc := range r.Recipients {
		if rc.Err != nil {
			out = append(out, rc)
		}
	}
	return out
}

// Err returns the error Send must return for this result: nil when every
// recipient was accepted, the recipient's own error when exactly one failed,
// and a *BatchError wrapping every failure otherwise.
func (r Result) Err() error {
	var errs []error
	for _, rc := range r.Recipients {
		if rc.Err != nil {
			errs = append(errs, rc.Err)
		}
	}
	return joinRecipientErrors(errs, len(r.Recipients))
}

// FailAll returns the Result for a message whose request failed as a whole:
// every recipient carries err.
func FailAll(m Message, err error) Result {
	res := Result{Recipients: make([]Recipient, len(m.To)), Tag: m.Tag}
	for i, n := range m.To {
		res.Recipients[i] = Recipient{Number: n, Err: err}
	}
	return res
}

func joinRecipientErrors(errs []error, total int) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return &BatchError{Errs: errs, Total: total}
}

// BatchError reports that several recipients of one Send were not accepted.
// errors.Is and errors.As reach each recipient's error through Unwrap.
type BatchError struct {
	// Errs holds the failed recipients' errors, in request order.
	Errs []error
	// Total is the number of recipients in the request.
	Total int
}

// Error summarises the failures.
func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "notifier: %d of %d recipients failed", len(e.Errs), e.Total)
	for i, err := range e.Errs {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errs)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(err.Error())
	}
	return b.String()
}

// Unwrap returns every recipient's error.
func (e *BatchError) Unwrap() []error { return e.Errs }

// ReceiptStatus is the final state a provider reported for a message.
type ReceiptStatus int

const (
	// Delivered means the handset received the message.
	Delivered ReceiptStatus = iota + 1
	// Undelivered means the carrier gave up on the message.
	Undelivered
)

// String returns "delivered" or "undelivered".
func (s ReceiptStatus) String() string {
	switch s {
	case Delivered:
		return "delivered"
	case Undelivered:
		return "undelivered"
	}
	return fmt.Sprintf("ReceiptStatus(%d)", int(s))
}

// Receipt is a delivery report for one message to one number.
type Receipt struct {
	// MessageID is the Recipient.MessageID of the message it reports on.
	MessageID string
	// Number is the E.164 recipient.
	Number string
	// Status says whether the message was delivered.
	Status ReceiptStatus
	// Code is the carrier or provider status code ("DELIVRD" on success).
	Code string
	// Description is the provider's text for Code.
	Description string
	// Tag echoes Message.Tag, when the provider keeps it.
	Tag string
	// Time is when the handset received the message, or when delivery failed.
	Time time.Time
}

// ReceiptPuller is implemented by notifiers that can fetch delivery receipts.
// Discover it with a type assertion:
//
//	if p, ok := n.(notifier.ReceiptPuller); ok { receipts, err := p.PullReceipts(ctx, 100) }
//
// PullReceipts returns at most limit receipts not returned before (a limit
// of 0 or less means the implementation's default). It is safe for
// concurrent use.
type ReceiptPuller interface {
	PullReceipts(ctx context.Context, limit int) ([]Receipt, error)
}

// Reply is an inbound SMS a recipient sent back.
type Reply struct {
	// Number is the E.164 number that replied.
	Number string
	// Text is the reply's content.
	Text string
	// Sign is the sender signature the reply answered.
	Sign string
	// ExtendCode is the provider's extension code, if enabled.
	ExtendCode string
	// Time is when the reply was received.
	Time time.Time
}

// ReplyPuller is implemented by notifiers that can fetch inbound replies.
// PullReplies returns at most limit replies not returned before (0 or less:
// the implementation's default). It is safe for concurrent use.
type ReplyPuller interface {
	PullReplies(ctx context.Context, limit int) ([]Reply, error)
}

// ErrNilContext is ContextError's answer for a nil context: a bug in the
// caller, reported as an error rather than a panic.
var ErrNilContext = errors.New("notifier: nil context.Context (use context.Background() or a request's context)")

// ContextError returns ctx's error when ctx is done, ErrNilContext when ctx
// is nil, else nil. Implementations call it before sending so a cancelled
// (or missing) context sends nothing.
func ContextError(ctx context.Context) error {
	if ctx == nil {
		return ErrNilContext
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
		return nil
	}
}
