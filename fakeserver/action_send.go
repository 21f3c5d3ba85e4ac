package fakeserver

import (
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

func init() {
	registerAction("SendSms", (*Server).sendSms)
}

// sendRequest is a SendSms request after validation of its shape.
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
	err   *tcsms.APIError // per-number parse failure
}

// sendSms implements SendSms (reference §4): request-level problems are
// Response.Error; per-number ones are in that number's SendStatus, and the
// other numbers still go out.
func (s *Server) sendSms(_ *apiCall, p *sms.SendSmsRequestParams) (any, error) {
	req, err := newSendRequest(p)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()

	s.mu.Lock()
	defer s.mu.Unlock()
	tmpl, err := s.checkSendLocked(req)
	if err != nil {
		return nil, err
	}
	return &sms.SendSmsResponseParams{SendStatusSet: s.deliverLocked("SendSms", req, tmpl, now)}, nil
}

// deliverLocked sends a checked request to each of its numbers: it renders
// the text, applies per-number faults of action and limits, stores the accepted
// messages and counts statistics. It returns one SendStatus per number, in
// request order. SendSms and SendMultiGlobalSms share it; s.mu must be held.
func (s *Server) deliverLocked(action string, req *sendRequest, tmpl *templateEntry, now time.Time) []*sms.SendStatus {
	text, paramErr := s.renderLocked(req, tmpl)
	fee := tcsms.Segments(text, req.mainland)
	app := s.st.strs.ref(req.app)
	rec := record{
		at:    now.UnixNano(),
		tag:   req.tag,
		app:   app,
		tmpl:  s.st.strs.ref(req.template),
		sign:  s.st.strs.ref(req.sign),
		fee:   uint16(min(fee, 65535)),
		flags: flagRawText,
	}
	if tmpl != nil {
		rec.content, rec.flags = s.st.strs.ref(tmpl.Content), 0
	}
	if req.mainland {
		rec.flags |= flagMainland
	}
	rec.params, rec.extra = packParams(req)

	out := make([]*sms.SendStatus, len(req.numbers))
	stored := false
	for i, n := range req.numbers {
		box := &statusBox{}
		st := &box.st
		st.PhoneNumber, st.SessionContext = &req.numbers[i].given, &req.tag
		out[i] = st
		var fail *tcsms.APIError
		switch {
		case n.err != nil:
			fail = n.err
		case paramErr != nil:
			fail = paramErr
		default:
			fail = s.perNumberFailLocked(action, req, n.num.E164, fee, now)
		}
		if fail != nil {
			setSendFailure(st, fail)
			s.st.count(app, now, false, 0)
			continue
		}
		r := rec
		if d, ok := e164Digits(n.num.E164); ok {
			r.number = d
		} else {
			r.extra = withNumber(r.extra, n.num.E164)
		}
		seq := s.st.at(s.st.add(r)).seq
		box.serial, box.fee = s.serials.serialNo(seq, req.mainland), uint64(fee)
		box.e164, box.iso = n.num.E164, n.num.IsoCode
		box.code, box.message = tcsms.CodeOk, tcsms.MsgSendSuccess
		st.SerialNo, st.PhoneNumber, st.Fee, st.IsoCode = &box.serial, &box.e164, &box.fee, &box.iso
		st.Code, st.Message = &box.code, &box.message
		s.st.count(app, now, true, fee)
		stored = true
	}
	if stored {
		s.wakeLocked()
	}
	return out
}

// maxSessionContext is the largest SessionContext, in bytes: Tencent
// documents "under 512 bytes". Its code for a longer one is not documented;
// the fake answers the bare InvalidParameterValue rather than keep (and
// echo, and show on its page) arbitrarily large values.
const maxSessionContext = 511

// checkSessionContext enforces maxSessionContext on the field named name.
func checkSessionContext(name string, v *string) error {
	if v != nil && len(*v) > maxSessionContext {
		return tcsms.Errorf(tcsms.CodeInvalidParameterValue, "%s must be under 512 bytes; it has %d.", name, len(*v))
	}
	return nil
}

// statusBox holds a SendStatus and the values its pointers refer to, so a
// number's answer costs one allocation.
type statusBox struct {
	st                               sms.SendStatus
	serial, e164, iso, code, message string
	fee                              uint64
}

// newSendRequest checks the request's shape: the batch rules of
// tcsms.CheckBatch (empty, too many, mixed), required fields and number
// syntax.
func newSendRequest(p *sms.SendSmsRequestParams) (*sendRequest, error) {
	given := derefAll(p.PhoneNumberSet)
	if err := tcsms.CheckBatch(given); err != nil {
		return nil, err
	}
	if deref(p.SmsSdkAppId) == "" {
		return nil, missingParam("SmsSdkAppId")
	}
	if deref(p.TemplateId) == "" {
		return nil, missingParam("TemplateId")
	}
	if err := checkSessionContext("SessionContext", p.SessionContext); err != nil {
		return nil, err
	}
	req := &sendRequest{
		app:        *p.SmsSdkAppId,
		template:   *p.TemplateId,
		sign:       deref(p.SignName),
		tag:        deref(p.SessionContext),
		senderID:   deref(p.SenderId),
		extendCode: deref(p.ExtendCode),
		params:     derefAll(p.TemplateParamSet),
		numbers:    make([]parsedNumber, len(p.PhoneNumberSet)),
	}
	req.mainland = true
	for i, g := range given {
		n := parsedNumber{given: g}
		num, err := tcsms.ParseNumber(g)
		if err != nil {
			n.err = asAPIError(err)
		} else {
			n.num = num
			req.mainland = num.Mainland // CheckBatch made them all alike
		}
		req.numbers[i] = n
	}
	return req, nil
}

// checkSendLocked applies the app, template and sign rules. Registered
// templates and signs must be approved in both modes; strict mode also
// requires the app, template and (for mainland numbers) sign to be
// registered. It returns the registered template, or nil.
func (s *Server) checkSendLocked(req *sendRequest) (*templateEntry, error) {
	strict := s.opts.Strict
	if _, ok := s.cat.apps[req.app]; strict && !ok {
		return nil, tcsms.Errorf(tcsms.CodeSdkAppIDNotExist, "The SmsSdkAppId %s does not exist.", sanitize(req.app))
	}
	tmpl, registered := s.cat.templates[req.template]
	switch {
	case !registered && strict:
		return nil, tcsms.Errorf(tcsms.CodeTemplateIncorrectOrUnapproved,
			"The template %s does not exist.", sanitize(req.template))
	case registered && tmpl.Status != StatusApproved:
		return nil, tcsms.Errorf(tcsms.CodeTemplateIncorrectOrUnapproved,
			"The template %s is not approved.", req.template)
	case registered && tmpl.International && req.mainland:
		return nil, tcsms.NewError(tcsms.CodeGlobalTemplateToChineseMainlandPhone)
	case registered && !tmpl.International && !req.mainland:
		return nil, tcsms.NewError(tcsms.CodeChineseMainlandTemplateToGlobalPhone)
	}
	sign, signRegistered := s.cat.signs[req.sign]
	switch {
	case req.sign == "" && strict && req.mainland:
		return nil, tcsms.Errorf(tcsms.CodeSignatureIncorrectOrUnapproved, "A SignName is required for mainland China numbers.")
	case req.sign != "" && !signRegistered && strict:
		return nil, tcsms.Errorf(tcsms.CodeSignatureIncorrectOrUnapproved, "The signature %q does not exist.", sanitize(req.sign))
	case signRegistered && sign.Status != StatusApproved:
		return nil, tcsms.Errorf(tcsms.CodeSignatureIncorrectOrUnapproved, "The signature %q is not approved.", req.sign)
	}
	if !registered {
		return nil, nil
	}
	return tmpl, nil
}

// renderLocked returns the text the handset shows, and the per-number
// error every recipient gets when the params do not fit the template.
func (s *Server) renderLocked(req *sendRequest, tmpl *templateEntry) (string, *tcsms.APIError) {
	if tmpl == nil {
		return renderText(req.sign, "", true, req.params), nil
	}
	if _, err := tcsms.Render(tmpl.Content, req.params); err != nil {
		return "", asAPIError(err)
	}
	return renderText(req.sign, tmpl.Content, false, req.params), nil
}

// setSendFailure fills a per-number failure: SerialNo "", Fee 0, IsoCode "".
func setSendFailure(st *sms.SendStatus, e *tcsms.APIError) {
	var zero uint64
	st.SerialNo, st.Fee, st.IsoCode = ptr(""), &zero, ptr("")
	st.Code, st.Message = &e.Code, &e.Message
}

// packParams stores the params compactly, or in recordExtra when a param
// contains the separator; extra also carries SenderId and ExtendCode.
func packParams(req *sendRequest) (string, *recordExtra) {
	var extra *recordExtra
	if req.senderID != "" || req.extendCode != "" {
		extra = &recordExtra{senderID: req.senderID, extendCode: req.extendCode}
	}
	joined, ok := joinParams(req.params)
	if ok {
		return joined, extra
	}
	if extra == nil {
		extra = &recordExtra{}
	}
	extra.params = append([]string{}, req.params...)
	return "", extra
}

func withNumber(x *recordExtra, number string) *recordExtra {
	out := &recordExtra{number: number}
	if x != nil {
		*out = *x
		out.number = number
	}
	return out
}

// wakeLocked wakes WaitFor callers and the callback pusher; s.mu must be
// held.
func (s *Server) wakeLocked() {
	if !s.closed {
		close(s.notify)
		s.notify = make(chan struct{})
	}
	if s.push != nil {
		kick(s.push.wake)
	}
}

func ptr[T any](v T) *T { return &v }

func deref(p *string) string {
	if p == nil {
		return ""
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
