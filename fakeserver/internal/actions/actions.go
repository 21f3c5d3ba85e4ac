package actions

import (
	"errors"
	"slices"
	"strings"
	"time"

	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Versions of the API the actions implement.
const (
	V20210111 = "2021-01-11"
	V20190711 = "2019-07-11"
)

// Context is what an action sees besides its request parameters. The
// server fills one per call.
type Context struct {
	// Store is the server's state.
	Store *store.Store
	// Now is the server clock's time when the call started.
	Now time.Time
	// Action and Version name the call.
	Action, Version string
	// Policy holds the server's configured rules.
	Policy *Policy
}

// Policy is the part of the server's configuration that actions apply.
type Policy struct {
	// Strict requires registered apps, templates and (mainland) signs.
	Strict bool
	// Review decides the status of a submitted template or sign.
	Review Review
	// Limits are the frequency limits and quotas.
	Limits Limits
	// Faults fail chosen recipients of the send actions; nil for none.
	Faults NumberFaults
}

// Review is the review desk's decision for new templates and signs.
type Review int

// Review decisions.
const (
	ReviewApprove Review = iota
	ReviewHold
	ReviewReject
)

// Status codes of templates and signs (DescribeSmsTemplateList's StatusCode).
const (
	StatusApproved    = 0
	StatusUnderReview = 1
	StatusRejected    = -1
)

// RejectedByReviewDesk is the ReviewReply of a template or sign the review
// policy rejects.
const RejectedByReviewDesk = "rejected by the fake server's review desk"

// outcome returns the status and ReviewReply the policy gives a submitted
// or modified template or sign.
func (p *Policy) outcome() (status int, reply string) {
	switch p.Review {
	case ReviewHold:
		return StatusUnderReview, ""
	case ReviewReject:
		return StatusRejected, RejectedByReviewDesk
	}
	return StatusApproved, ""
}

// NumberFaults fails chosen recipients of a send action: the fault rules
// that name a number and a code only.
type NumberFaults interface {
	// FailNumber returns the error to fail number (E.164) with in action,
	// counting the rule's hit, or false.
	FailNumber(action, number string) (*tcsms.APIError, bool)
}

// Handler is one action of one API version.
type Handler struct {
	// NewParams returns a pointer to a fresh request params struct of the
	// SDK (or of this package, for DescribeSendRecordList), which the
	// wire layer decodes the request into.
	NewParams func() any
	// Serve runs the action on decoded params. It returns a response params
	// struct without RequestId (the envelope adds it), or an error, an
	// *tcsms.APIError for Tencent errors.
	Serve func(c *Context, params any) (any, error)
}

// registry maps version and action names to handlers. It is written only
// by init functions, so reading it needs no lock.
var registry = map[string]map[string]Handler{}

// register adds the handler of action name in version; P is its request
// params struct.
func register[P any](version, name string, serve func(c *Context, p *P) (any, error)) {
	byName := registry[version]
	if byName == nil {
		byName = map[string]Handler{}
		registry[version] = byName
	}
	if _, dup := byName[name]; dup {
		panic("actions: " + version + " " + name + " registered twice") // a programming error, at init
	}
	byName[name] = Handler{
		NewParams: func() any { return new(P) },
		Serve:     func(c *Context, p any) (any, error) { return serve(c, p.(*P)) },
	}
}

// Lookup returns the handler of action in version. knownVersion is false
// when the version is not implemented at all.
func Lookup(version, action string) (h Handler, knownVersion, ok bool) {
	byName, known := registry[version]
	if !known {
		return Handler{}, false, false
	}
	h, ok = byName[action]
	return h, true, ok
}

// Names returns the actions of version, sorted.
func Names(version string) []string {
	var out []string
	for name := range registry[version] {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Versions returns the implemented versions, newest first.
func Versions() []string { return []string{V20210111, V20190711} }

// Sanitize bounds client-chosen text echoed in messages and logs.
func Sanitize(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// MissingParam is Tencent's error for a missing required parameter.
func MissingParam(name string) *tcsms.APIError {
	return tcsms.Errorf(tcsms.CodeMissingParameter, "The request is missing a required parameter `%s`.", name)
}

// AsAPIError turns any action error into a Tencent error; anything that is
// not already one is an internal error, reported without its text.
func AsAPIError(err error) *tcsms.APIError {
	var e *tcsms.APIError
	if errors.As(err, &e) {
		return e
	}
	return tcsms.NewError(tcsms.CodeInternalError)
}

func ptr[T any](v T) *T { return &v }

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func derefUint(p *uint64) uint64 {
	if p == nil {
		return 0
	}
	return *p
}

func derefAll(ps []*string) []string {
	if len(ps) == 0 {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = deref(p)
	}
	return out
}

// unixSeconds returns t as the uint64 Unix seconds of Tencent's models.
func unixSeconds(t time.Time) uint64 { return uint64(max(t.Unix(), 0)) }

// RequestNumbers returns the E.164 numbers a request names (or the given
// spelling of one that does not parse), for fault rules with a Number.
func RequestNumbers(params any) []string {
	var given []string
	switch p := params.(type) {
	case *sms.SendSmsRequestParams:
		given = derefAll(p.PhoneNumberSet)
	case *sms.SendMultiGlobalSmsRequestParams:
		for _, m := range p.MultiSmsInfoSet {
			if m != nil {
				given = append(given, deref(m.PhoneNumber))
			}
		}
	case *sms.PullSmsSendStatusByPhoneNumberRequestParams:
		given = []string{deref(p.PhoneNumber)}
	case *sms.PullSmsReplyStatusByPhoneNumberRequestParams:
		given = []string{deref(p.PhoneNumber)}
	case *sms.DescribePhoneNumberInfoRequestParams:
		given = derefAll(p.PhoneNumberSet)
	case *describeSendRecordListRequest:
		given = []string{deref(p.PhoneNumber)}
	case *sms2019.SendSmsRequestParams:
		given = derefAll(p.PhoneNumberSet)
	case *sms2019.PullSmsSendStatusByPhoneNumberRequestParams:
		given = []string{deref(p.PhoneNumber)}
	case *sms2019.PullSmsReplyStatusByPhoneNumberRequestParams:
		given = []string{deref(p.PhoneNumber)}
	}
	for i, g := range given {
		if n, err := tcsms.ParseNumber(g); err == nil {
			given[i] = n.E164
		}
	}
	return given
}

// NumberOutcome is one number's result in a send action's answer.
type NumberOutcome struct {
	Number   string // as the answer gives it: normalised when accepted
	Code     string // tcsms.CodeOk or the failure's code
	SerialNo string // the held message's, or "" when it failed
}

// NumberOutcomes returns the per-number outcomes of a send action's
// answer, in order, or nil for any other answer.
func NumberOutcomes(result any) []NumberOutcome {
	var out []NumberOutcome
	switch r := result.(type) {
	case *sms.SendSmsResponseParams:
		for _, st := range r.SendStatusSet {
			if st != nil {
				out = append(out, NumberOutcome{deref(st.PhoneNumber), deref(st.Code), deref(st.SerialNo)})
			}
		}
	case *sms.SendMultiGlobalSmsResponseParams:
		for _, st := range r.SendMultiStatusSet {
			if st != nil {
				out = append(out, NumberOutcome{deref(st.PhoneNumber), deref(st.Code), deref(st.SerialNo)})
			}
		}
	case *sms2019.SendSmsResponseParams:
		for _, st := range r.SendStatusSet {
			if st != nil {
				out = append(out, NumberOutcome{deref(st.PhoneNumber), deref(st.Code), deref(st.SerialNo)})
			}
		}
	}
	return out
}
