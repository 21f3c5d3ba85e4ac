package notifier

import "strings"

// Rules describe, as data, what a provider's adapter accepts beyond
// Message.Validate, so that a stand-in for it refuses the same messages
// with the same error kinds. Adapters export theirs (tencent.Rules), and
// the in-memory fake enforces them (fake.WithRules): a unit test against
// the fake then fails where production would.
//
// Each field models one provider behaviour and says which error a message
// breaking it gets, and whether that error fails the whole request (every
// recipient carries the same error, whose Recipient is empty) or each
// recipient on its own (an error per recipient, naming it). An adapter that
// splits a message into several provider requests (Tencent: one per market
// and per 200 numbers) fails each request on its own, so a request-level
// rule that applies to some numbers only fails exactly those, with one
// shared error.
//
// Every field's zero value is the permissive one, so the zero Rules adds
// nothing to Message.Validate; fake.New without WithRules is close to it
// (see the fake package). Rules values are plain data, safe to copy and to
// share; CheckNumber is the one function among them.
type Rules struct {
	// Provider names the provider in error messages ("Tencent Cloud SMS").
	Provider string

	// NoBody reports that free-text Message.Body is not supported: a
	// message with a Body fails as a whole with ErrUnsupported before
	// anything is sent (Tencent sends approved templates only).
	NoBody bool

	// MaxRecipients is the largest len(Message.To) one Send accepts; a
	// larger message fails as a whole with ErrInvalidMessage before
	// anything is sent. 0 means no limit. For an adapter it is the
	// adapter's limit, not one provider request's (the Tencent adapter
	// splits messages into requests of 200 and accepts up to
	// tencent.Config.MaxRecipients, 1000 by default).
	MaxRecipients int

	// MaxTagBytes is the longest Message.Tag, in bytes, for a provider
	// that echoes fewer bytes than every implementation accepts (the
	// package's MaxTagBytes, 511, which is also Tencent's SessionContext
	// limit). A longer tag fails the message as a whole with
	// ErrInvalidMessage. 0, or a value above 511, means 511 (see TagLimit).
	MaxTagBytes int

	// KnownTemplates reports that the provider sends registered (for
	// Tencent: approved) templates only. A message whose template is
	// unknown fails each request with ErrInvalidMessage: every recipient
	// whose number is well-formed carries one shared error (Tencent answers
	// FailedOperation.TemplateIncorrectOrUnapproved for the request).
	// Whatever this says, a known template takes exactly as many Params as
	// its highest placeholder {n}; a wrong count fails each recipient on its
	// own with ErrInvalidMessage, as Tencent reports it in every number's
	// SendStatus (FailedOperation.TemplateParamSetNotMatchApprovedTemplate).
	KnownTemplates bool

	// MaxParamRunes is the longest template parameter, in characters
	// (Unicode code points); a longer one fails each recipient on its own
	// with ErrInvalidMessage (Tencent's
	// InvalidParameterValue.TemplateParameterLengthLimit). 0 means no limit.
	MaxParamRunes int

	// MaxTextRunes is the longest text a recipient reads, in characters
	// (Unicode code points): the 【sign】 and the rendered template (or
	// body) together. A longer message fails each recipient on its own with
	// ErrInvalidMessage (Tencent's InvalidParameterValue.ContentLengthLimit,
	// 500 characters). 0 means no limit.
	MaxTextRunes int

	// Domestic lists the calling-code prefixes ("+86") of the provider's
	// home market. Numbers starting with one are domestic, all others
	// international, and the provider keeps the two apart: a template is
	// registered for one market, and a message whose template belongs to
	// the other market fails that market's request with ErrUnsupported
	// (Tencent: UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone
	// and GlobalTemplateToChineseMainlandPhone); SenderID is sent to
	// international numbers only. Empty means one market for every number.
	Domestic []string

	// SignRequired lists the calling-code prefixes of numbers whose
	// messages need a sender signature: Message.Sign, or DefaultSign. A
	// message without one fails the request for those numbers with one
	// shared ErrInvalidMessage (Tencent requires a SignName for mainland
	// China, "+86", and answers
	// FailedOperation.SignatureIncorrectOrUnapproved). "+" means every
	// number; empty means none.
	SignRequired []string

	// DefaultSign is the sign the adapter sends when Message.Sign is empty
	// (tencent.Config.SignName), so a stand-in records and renders it too.
	DefaultSign string

	// NoSenderID reports that Message.SenderID is not supported: a message
	// with one fails as a whole with ErrUnsupported. Otherwise the sender
	// ID goes to international numbers only (see Domestic), and domestic
	// numbers get the message without it, as the Tencent adapter sends it.
	NoSenderID bool

	// CheckNumber, when not nil, is the provider's own number check, applied
	// to each number that passes CheckNumber (the E.164 syntax): it returns
	// nil or why the provider refuses the number. That recipient alone then
	// fails with ErrInvalidRecipient (an *Error returned by CheckNumber is
	// reported as is). Tencent refuses, for example, a +86 number that is
	// not 11 digits starting with 1. It must be safe for concurrent use.
	CheckNumber func(number string) error
}

// IsDomestic reports whether number starts with one of r.Domestic's
// prefixes.
func (r Rules) IsDomestic(number string) bool { return hasAnyPrefix(number, r.Domestic) }

// NeedsSign reports whether a message to number needs a sign under r
// (see SignRequired), whatever DefaultSign says.
func (r Rules) NeedsSign(number string) bool { return hasAnyPrefix(number, r.SignRequired) }

// TagLimit returns the longest Message.Tag r accepts, in bytes:
// MaxTagBytes unless r.MaxTagBytes is smaller and positive.
func (r Rules) TagLimit() int {
	if r.MaxTagBytes > 0 && r.MaxTagBytes < MaxTagBytes {
		return r.MaxTagBytes
	}
	return MaxTagBytes
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
