package fakeserver

import (
	"time"
	"unsafe"

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
	// A one-number request (the common case) and its answer take one
	// allocation: the response, its list, the status and the request's
	// number and params. req itself stays on the stack.
	var req sendRequest
	var resp *sms.SendSmsResponseParams
	var boxes []statusBox
	if len(p.PhoneNumberSet) == 1 {
		a := new(oneSendAnswer)
		a.resp.SendStatusSet, resp, boxes = a.list[:], &a.resp, a.box[:]
		req.numbers, req.params = a.number[:], a.params[:0]
	}
	if err := newSendRequest(&req, p); err != nil {
		return nil, err
	}
	if resp == nil {
		resp = &sms.SendSmsResponseParams{SendStatusSet: make([]*sms.SendStatus, len(req.numbers))}
		boxes = make([]statusBox, len(req.numbers))
	}
	now := s.clock.Now()

	s.mu.Lock()
	defer s.mu.Unlock()
	tmpl, err := s.checkSendLocked(&req)
	if err != nil {
		return nil, err
	}
	s.deliverLocked("SendSms", &req, tmpl, now, resp.SendStatusSet, boxes)
	return resp, nil
}

// oneSendAnswer is a one-number SendSms request's storage and its answer,
// in one allocation.
type oneSendAnswer struct {
	resp   sms.SendSmsResponseParams
	list   [1]*sms.SendStatus
	box    [1]statusBox
	number [1]parsedNumber
	params [4]string // up to four params without an allocation of their own
}

// deliverLocked sends a checked request to each of its numbers: it renders
// the text, applies per-number faults of action and limits, stores the accepted
// messages and counts statistics. It sets out[i], for each number in request
// order, to a SendStatus held in boxes[i]; out and boxes have one element
// per number. SendSms and SendMultiGlobalSms share it; s.mu must be held.
func (s *Server) deliverLocked(action string, req *sendRequest, tmpl *templateEntry, now time.Time, out []*sms.SendStatus, boxes []statusBox) {
	fee, paramErr := s.feeLocked(req, tmpl)
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

	stored := false
	for i, n := range req.numbers {
		box := &boxes[i]
		st := &box.st
		box.given, box.tag = n.given, req.tag
		st.PhoneNumber, st.SessionContext = &box.given, &box.tag
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
		serial := s.serials.appendSerialNo(box.serialBuf[:0], seq, req.mainland)
		// box.serialBuf is never written again, so it can back a string.
		box.serial, box.fee = unsafe.String(&serial[0], len(serial)), uint64(fee)
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
}

// deliverOneLocked is deliverLocked for a one-number request, returning
// its SendStatus.
func (s *Server) deliverOneLocked(action string, req *sendRequest, tmpl *templateEntry, now time.Time) *sms.SendStatus {
	var out [1]*sms.SendStatus
	box := new([1]statusBox)
	s.deliverLocked(action, req, tmpl, now, out[:], box[:])
	return out[0]
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
// number's answer costs no allocation of its own.
type statusBox struct {
	st                                           sms.SendStatus
	given, tag, serial, e164, iso, code, message string
	fee                                          uint64
	serialBuf                                    [serialNoMaxLen]byte // backs serial
}

// newSendRequest checks the request's shape into req: the batch rules of
// tcsms.CheckBatch (empty, too many, mixed), required fields and number
// syntax. It parses each number once, checking the mix itself. req.numbers
// may come with one element per number, and req.params with capacity for
// the params; they are allocated otherwise.
func newSendRequest(req *sendRequest, p *sms.SendSmsRequestParams) error {
	if n := len(p.PhoneNumberSet); n == 0 || n > tcsms.MaxNumbers {
		return tcsms.CheckBatch(derefAll(p.PhoneNumberSet)) // the count error
	}
	if len(req.numbers) != len(p.PhoneNumberSet) {
		req.numbers = make([]parsedNumber, len(p.PhoneNumberSet))
	}
	var mainland, international bool
	for i, g := range p.PhoneNumberSet {
		n := &req.numbers[i]
		n.given = deref(g)
		num, err := tcsms.ParseNumber(n.given)
		if err != nil {
			n.err = asAPIError(err)
			continue
		}
		n.num = num
		if num.Mainland {
			mainland = true
		} else {
			international = true
		}
	}
	if mainland && international {
		return tcsms.NewError(tcsms.CodeContainDomesticAndInternationalPhoneNumber)
	}
	if deref(p.SmsSdkAppId) == "" {
		return missingParam("SmsSdkAppId")
	}
	if deref(p.TemplateId) == "" {
		return missingParam("TemplateId")
	}
	if err := checkSessionContext("SessionContext", p.SessionContext); err != nil {
		return err
	}
	req.app, req.template = *p.SmsSdkAppId, *p.TemplateId
	req.sign, req.tag = deref(p.SignName), deref(p.SessionContext)
	req.senderID, req.extendCode = deref(p.SenderId), deref(p.ExtendCode)
	req.params = derefInto(req.params[:0], p.TemplateParamSet)
	req.mainland = !international // all alike; true when none is valid
	return nil
}

// checkSendLocked applies the app, template and sign rules. Registered
// templates and signs must be approved in both modes, and a request with a
// mainland number must have a SignName in both modes, as Tencent requires
// one for mainland SMS; strict mode also requires the app, template and
// sign to be registered. It returns the registered template, or nil.
func (s *Server) checkSendLocked(req *sendRequest) (*templateEntry, error) {
	if err := s.checkAppLocked(req.app); err != nil {
		return nil, err
	}
	strict := s.opts.Strict
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
	case req.sign == "" && hasMainland(req.numbers):
		// Tencent's code for a missing sign is the one for a wrong one
		// (legacy result 1012, "signature incorrect or unapproved").
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

// hasMainland reports whether a valid mainland number is among ns.
func hasMainland(ns []parsedNumber) bool {
	for i := range ns {
		if ns[i].err == nil && ns[i].num.Mainland {
			return true
		}
	}
	return false
}

// feeLocked returns the billed segments of the text the handset shows
// (renderText's), and the per-number error every recipient gets when the
// params do not fit the template.
func (s *Server) feeLocked(req *sendRequest, tmpl *templateEntry) (int, *tcsms.APIError) {
	body := ""
	if tmpl != nil {
		t, err := tcsms.Render(tmpl.Content, req.params)
		if err != nil {
			return tcsms.Segments("", req.mainland), asAPIError(err)
		}
		body = t
	}
	var buf [256]byte // the text of an ordinary message, on the stack
	text := appendText(buf[:0], req.sign, body, tmpl == nil, req.params)
	return tcsms.Segments(unsafe.String(unsafe.SliceData(text), len(text)), req.mainland), nil
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
	if !s.closed && s.notifyTaken {
		close(s.notify)
		s.notify, s.notifyTaken = make(chan struct{}), false
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

// derefInto appends the values of ps to dst.
func derefInto(dst []string, ps []*string) []string {
	if len(ps) == 0 {
		return nil
	}
	for _, p := range ps {
		dst = append(dst, deref(p))
	}
	return dst
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
