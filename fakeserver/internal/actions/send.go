package actions

import (
	"fmt"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/store"
	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	register(V20210111, "SendSms", sendSms)
	register(V20210111, "SendMultiGlobalSms", sendMultiGlobalSms)
}

// sendRequest is one send after its shape was checked: SendSms's
// numbers, or one SendMultiGlobalSms entry.
type sendRequest struct {
	app, template, sign, tag string
	senderID, extendCode     string
	params                   []string
	numbers                  []parsedNumber
	mainland                 bool // the valid numbers are mainland China numbers
}

type parsedNumber struct {
	given string
	num   tcsms.Number
	err   *tcsms.APIError // the number's own parse failure
}

// sendSms implements SendSms (reference §4): request-level problems are
// Response.Error; per-number ones are in that number's SendStatus, and the
// other numbers still go out.
func sendSms(c *Context, p *sms.SendSmsRequestParams) (any, error) {
	req, err := newSendRequest(p)
	if err != nil {
		return nil, err
	}
	statuses := make([]*sms.SendStatus, len(req.numbers))
	err = c.Store.Update(func(tx *store.Tx) error {
		tmpl, err := checkSend(c, tx, req)
		if err != nil {
			return err
		}
		deliver(c, tx, req, tmpl, statuses)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.SendSmsResponseParams{SendStatusSet: statuses}, nil
}

// newSendRequest checks a SendSms request's shape: the batch rules of
// tcsms.CheckBatch (empty, too many, mixed), required fields, and each
// number's syntax (a malformed number fails alone later).
func newSendRequest(p *sms.SendSmsRequestParams) (*sendRequest, error) {
	if n := len(p.PhoneNumberSet); n == 0 || n > tcsms.MaxNumbers {
		return nil, tcsms.CheckBatch(derefAll(p.PhoneNumberSet)) // the count error
	}
	req := &sendRequest{numbers: make([]parsedNumber, len(p.PhoneNumberSet))}
	var mainland, international bool
	for i, g := range p.PhoneNumberSet {
		n := &req.numbers[i]
		n.given = deref(g)
		num, err := tcsms.ParseNumber(n.given)
		if err != nil {
			n.err = AsAPIError(err)
			continue
		}
		n.num = num
		mainland = mainland || num.Mainland
		international = international || !num.Mainland
	}
	if mainland && international {
		return nil, tcsms.NewError(tcsms.CodeContainDomesticAndInternationalPhoneNumber)
	}
	if deref(p.SmsSdkAppId) == "" {
		return nil, MissingParam("SmsSdkAppId")
	}
	if deref(p.TemplateId) == "" {
		return nil, MissingParam("TemplateId")
	}
	if err := checkSessionContext("SessionContext", p.SessionContext); err != nil {
		return nil, err
	}
	if err := checkIDs("", p.SmsSdkAppId, p.TemplateId, p.SenderId, p.ExtendCode); err != nil {
		return nil, err
	}
	req.app, req.template = *p.SmsSdkAppId, *p.TemplateId
	req.sign, req.tag = deref(p.SignName), deref(p.SessionContext)
	req.senderID, req.extendCode = deref(p.SenderId), deref(p.ExtendCode)
	req.params = derefAll(p.TemplateParamSet)
	req.mainland = !international // all alike; true when none is valid
	return req, nil
}

// maxSessionContext is the largest SessionContext, in bytes: Tencent
// documents "under 512 bytes". Its code for a longer one is not
// documented; the fake answers the bare InvalidParameterValue rather than
// keep (and echo, and show) arbitrarily large values.
const maxSessionContext = 511

// checkSessionContext enforces maxSessionContext on the field named name.
func checkSessionContext(name string, v *string) error {
	if v != nil && len(*v) > maxSessionContext {
		return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "%s must be under 512 bytes; it has %d.", name, len(*v))
	}
	return nil
}

// MaxIDBytes bounds the identifiers a send names: SmsSdkAppId, TemplateId,
// SenderId and ExtendCode. Tencent's are short (a ten-digit app ID, a
// decimal template ID, a sender ID of at most 11 characters, an extension
// code of a few digits) but documents no limit; the fake refuses longer
// ones rather than hold them with every message, so that a held message
// has a bounded size.
const MaxIDBytes = 64

// checkIDs enforces MaxIDBytes on a send's identifiers; prefix names the
// entry of SendMultiGlobalSms ("MultiSmsInfoSet.3.") or is "". An app or
// template ID that long cannot exist, and is answered as one that does not.
func checkIDs(prefix string, app, template, senderID, extendCode *string) error {
	switch {
	case len(deref(app)) > MaxIDBytes:
		return tcsms.Errorf(tcsms.CodeSdkAppIDNotExist, "The SmsSdkAppId %s does not exist.", Sanitize(*app))
	case len(deref(template)) > MaxIDBytes:
		return tcsms.Errorf(tcsms.CodeTemplateIncorrectOrUnapproved, "The template %s does not exist.", Sanitize(*template))
	case len(deref(senderID)) > MaxIDBytes:
		return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "%sSenderId has more than %d bytes.", prefix, MaxIDBytes)
	case len(deref(extendCode)) > MaxIDBytes:
		return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "%sExtendCode has more than %d bytes.", prefix, MaxIDBytes)
	}
	return nil
}

// checkApp enforces, in strict mode, that app is registered.
func checkApp(c *Context, tx *store.Tx, app string) error {
	if !c.Policy.Strict {
		return nil
	}
	if _, ok := tx.App(app); !ok {
		return tcsms.Errorf(tcsms.CodeSdkAppIDNotExist, "The SmsSdkAppId %s does not exist.", Sanitize(app))
	}
	return nil
}

// checkSend applies the app, template and sign rules. Registered templates
// and signs must be approved in both modes, and a request with a mainland
// number must have a SignName in both modes, as Tencent requires one for
// mainland SMS; strict mode also requires the app, template and sign to be
// registered. It returns the registered template, or nil.
func checkSend(c *Context, tx *store.Tx, req *sendRequest) (*store.Template, error) {
	if err := checkApp(c, tx, req.app); err != nil {
		return nil, err
	}
	strict := c.Policy.Strict
	tmpl, registered := tx.Template(req.template)
	switch {
	case !registered && strict:
		return nil, tcsms.Errorf(tcsms.CodeTemplateIncorrectOrUnapproved,
			"The template %s does not exist.", Sanitize(req.template))
	case registered && tmpl.Status != StatusApproved:
		return nil, tcsms.Errorf(tcsms.CodeTemplateIncorrectOrUnapproved,
			"The template %s is not approved.", req.template)
	case registered && tmpl.International && req.mainland:
		return nil, tcsms.NewError(tcsms.CodeGlobalTemplateToChineseMainlandPhone)
	case registered && !tmpl.International && !req.mainland:
		return nil, tcsms.NewError(tcsms.CodeChineseMainlandTemplateToGlobalPhone)
	}
	sign, signRegistered := tx.Sign(req.sign)
	switch {
	case req.sign == "" && hasMainland(req.numbers):
		// Tencent's code for a missing sign is the one for a wrong one
		// (legacy result 1012, "signature incorrect or unapproved").
		return nil, tcsms.Errorf(tcsms.CodeSignatureIncorrectOrUnapproved, "A SignName is required for mainland China numbers.")
	case req.sign != "" && !signRegistered && strict:
		return nil, tcsms.Errorf(tcsms.CodeSignatureIncorrectOrUnapproved, "The signature %q does not exist.", Sanitize(req.sign))
	case signRegistered && sign.Status != StatusApproved:
		return nil, tcsms.Errorf(tcsms.CodeSignatureIncorrectOrUnapproved, "The signature %q is not approved.", req.sign)
	}
	if !registered {
		return nil, nil
	}
	return &tmpl, nil
}

// hasMainland reports whether a valid mainland number is among ns.
func hasMainland(ns []parsedNumber) bool {
	for i := range ns {
		if ns[i].err == nil && ns[i].num.Mainland {
			return true
		}
	}
	return false
}

// deliver sends a checked request to each of its numbers: it renders the
// text, applies per-number faults and limits, holds the accepted messages
// and counts statistics. It sets out[i] for each number, in request order.
func deliver(c *Context, tx *store.Tx, req *sendRequest, tmpl *store.Template, out []*sms.SendStatus) {
	fee, paramErr := feeOf(req, tmpl)
	d := store.Delivery{
		App: req.app, Template: req.template, Sign: req.sign, Tag: req.tag,
		SenderID: req.senderID, ExtendCode: req.extendCode,
		Raw: tmpl == nil, Params: req.params, Fee: fee, At: c.Now,
	}
	if tmpl != nil {
		d.Content = tmpl.Content
	}
	for i, n := range req.numbers {
		// One allocation holds a number's answer and the values its
		// pointers refer to.
		v := &statusValues{number: n.given, tag: req.tag}
		st := &v.st
		st.PhoneNumber, st.SessionContext = &v.number, &v.tag
		out[i] = st
		var fail *tcsms.APIError
		switch {
		case n.err != nil:
			fail = n.err
		case paramErr != nil:
			fail = paramErr
		default:
			fail = c.failNumber(tx, req, n.num.E164, fee)
		}
		if fail != nil {
			v.code, v.message = fail.Code, fail.Message
			st.SerialNo, st.Fee, st.IsoCode = &v.serial, &v.fee, &v.iso // "", 0, ""
			st.Code, st.Message = &v.code, &v.message
			tx.Count(req.app, c.Now, false, 0)
			continue
		}
		d.Number = n.num
		v.serial, v.number, v.fee, v.iso = tx.Add(d), n.num.E164, uint64(fee), n.num.IsoCode
		v.code, v.message = tcsms.CodeOk, tcsms.MsgSendSuccess
		st.SerialNo, st.Fee, st.IsoCode, st.Code, st.Message = &v.serial, &v.fee, &v.iso, &v.code, &v.message
		tx.Count(req.app, c.Now, true, fee)
	}
}

// statusValues is a SendStatus with the values its fields point to.
type statusValues struct {
	st                                      sms.SendStatus
	serial, number, tag, iso, code, message string
	fee                                     uint64
}

// failNumber is deliver's one hook: the per-number fault rule or limit
// that fails number, or nil when the message may go.
func (c *Context) failNumber(tx *store.Tx, req *sendRequest, number string, fee int) *tcsms.APIError {
	if f := c.Policy.Faults; f != nil {
		if e, ok := f.FailNumber(c.Action, number); ok {
			return e
		}
	}
	return c.Policy.Limits.admit(tx, req, number, fee, c.Now)
}

// feeOf returns the billed segments of the text the handset shows, and
// the per-number error every recipient gets when the params do not fit
// the template or Tencent's content limits. The text is rendered only
// once it is known to be within the limits.
func feeOf(req *sendRequest, tmpl *store.Template) (int, *tcsms.APIError) {
	if err := checkContent(req, tmpl); err != nil {
		return tcsms.Segments("", req.mainland), err
	}
	content := ""
	if tmpl != nil {
		content = tmpl.Content
	}
	text := store.RenderText(req.sign, content, tmpl == nil, req.params)
	return tcsms.Segments(text, req.mainland), nil
}

// checkContent applies Tencent's content limits (tcsms.MaxParamChars,
// tcsms.MaxContentChars) and the template's variable count to a send,
// counting the text the handset would show (store.RenderText: 【sign】 and
// the rendered template, or the params joined by spaces) without building
// it, so that a long template filled with long params costs nothing.
func checkContent(req *sendRequest, tmpl *store.Template) *tcsms.APIError {
	if err := tcsms.CheckParams(req.params); err != nil {
		return AsAPIError(err)
	}
	chars := 0
	if tmpl != nil {
		n, err := tcsms.RenderedChars(tmpl.Content, req.params)
		if err != nil {
			return AsAPIError(err)
		}
		chars = n
	} else {
		for _, p := range req.params {
			chars += tcsms.Chars(p)
		}
		chars += max(len(req.params)-1, 0) // the spaces between them
	}
	if req.sign != "" {
		chars += tcsms.Chars(req.sign) + 2 // 【 and 】
	}
	if err := tcsms.CheckContentChars(chars); err != nil {
		return AsAPIError(err)
	}
	return nil
}

// setSendFailure fills a per-number failure: SerialNo "", Fee 0, IsoCode "".
func setSendFailure(st *sms.SendStatus, e *tcsms.APIError) {
	st.SerialNo, st.Fee, st.IsoCode = ptr(""), ptr(uint64(0)), ptr("")
	st.Code, st.Message = ptr(e.Code), ptr(e.Message)
}

// sendMultiGlobalSms implements SendMultiGlobalSms (reference §4): up to
// 200 international numbers, each with its own template, params, SenderId
// and SessionContext. Request-level problems (empty or oversized set, a
// mainland number, a missing field, an unknown app in strict mode) are
// Response.Error; everything SendSms reports per request (template or
// sign unapproved, wrong region) is reported here per entry, because each
// entry names its own template. Accepted entries are held exactly like
// SendSms messages.
func sendMultiGlobalSms(c *Context, p *sms.SendMultiGlobalSmsRequestParams) (any, error) {
	reqs, err := newMultiRequests(p)
	if err != nil {
		return nil, err
	}
	out := make([]*sms.SendMultiStatus, len(reqs))
	err = c.Store.Update(func(tx *store.Tx) error {
		if err := checkApp(c, tx, *p.SmsSdkAppId); err != nil {
			return err
		}
		for i, req := range reqs {
			var st [1]*sms.SendStatus
			if req.numbers[0].err != nil {
				// A malformed number fails alone, before its template is looked at.
				deliver(c, tx, req, nil, st[:])
			} else if tmpl, err := checkSend(c, tx, req); err != nil {
				st[0] = &sms.SendStatus{PhoneNumber: ptr(req.numbers[0].given), SessionContext: ptr(req.tag)}
				setSendFailure(st[0], AsAPIError(err))
				tx.Count(req.app, c.Now, false, 0)
			} else {
				deliver(c, tx, req, tmpl, st[:])
			}
			s := st[0]
			out[i] = &sms.SendMultiStatus{SerialNo: s.SerialNo, PhoneNumber: s.PhoneNumber, Fee: s.Fee,
				SessionContext: s.SessionContext, Code: s.Code, Message: s.Message, IsoCode: s.IsoCode}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &sms.SendMultiGlobalSmsResponseParams{SendMultiStatusSet: out}, nil
}

// newMultiRequests checks a SendMultiGlobalSms request's shape and turns
// each MultiSmsInfo into a one-number sendRequest.
func newMultiRequests(p *sms.SendMultiGlobalSmsRequestParams) ([]*sendRequest, error) {
	if deref(p.SmsSdkAppId) == "" {
		return nil, MissingParam("SmsSdkAppId")
	}
	switch n := len(p.MultiSmsInfoSet); {
	case n == 0:
		return nil, tcsms.NewError(tcsms.CodeMultiSmsInfoSetEmpty)
	case n > tcsms.MaxNumbers:
		return nil, tcsms.Errorf(tcsms.CodePhoneNumberCountLimit,
			"At most %d phone numbers may be sent at once; got %d.", tcsms.MaxNumbers, n)
	}
	reqs := make([]*sendRequest, len(p.MultiSmsInfoSet))
	for i, info := range p.MultiSmsInfoSet {
		if info == nil {
			info = &sms.MultiSmsInfo{}
		}
		if deref(info.PhoneNumber) == "" {
			return nil, MissingParam(fmt.Sprintf("MultiSmsInfoSet.%d.PhoneNumber", i))
		}
		if deref(info.TemplateId) == "" {
			return nil, MissingParam(fmt.Sprintf("MultiSmsInfoSet.%d.TemplateId", i))
		}
		if err := checkSessionContext(fmt.Sprintf("MultiSmsInfoSet.%d.SessionContext", i), info.SessionContext); err != nil {
			return nil, err
		}
		if err := checkIDs(fmt.Sprintf("MultiSmsInfoSet.%d.", i), p.SmsSdkAppId, info.TemplateId, info.SenderId, nil); err != nil {
			return nil, err
		}
		n := parsedNumber{given: *info.PhoneNumber}
		if num, err := tcsms.ParseNumber(n.given); err != nil {
			n.err = AsAPIError(err)
		} else if num.Mainland {
			return nil, tcsms.Errorf(tcsms.CodeContainDomesticPhoneNumber,
				"SendMultiGlobalSms sends to international numbers only; MultiSmsInfoSet.%d is a mainland China number.", i)
		} else {
			n.num = num
		}
		reqs[i] = &sendRequest{
			app:      *p.SmsSdkAppId,
			template: *info.TemplateId,
			tag:      deref(info.SessionContext),
			senderID: deref(info.SenderId),
			params:   derefAll(info.TemplateParamSet),
			numbers:  []parsedNumber{n},
		}
	}
	return reqs, nil
}
