package tencent

import (
	"context"
	"errors"
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Send sends m with SendSms and reports every recipient's outcome, in the
// order of m.To.
//
// Numbers are grouped into mainland (+86) and international requests, as
// Tencent rejects a mixed batch, and each group is split into requests of
// at most 200 numbers. The requests run one after another, so that a
// cancelled ctx stops everything not yet sent and Tencent's per-second
// request limits are not multiplied by the batch size; most messages need
// a single request. Malformed numbers fail on their own (ErrInvalidRecipient)
// without stopping the others. A request that fails as a whole (credentials,
// network) fails each of its recipients with the same error; after an
// ErrUnauthorized failure the remaining requests are not attempted, since
// they would fail the same way.
//
// The returned error follows notifier.Notifier: nil when every number was
// accepted, the single failure, or a *notifier.BatchError; when every
// recipient failed with one request-level error, that error. Each failure
// is a *notifier.Error whose Err is the SDK's *errors.TencentCloudSDKError.
// Send never retries. Message.Body is not supported (Tencent sends approved
// templates only) and fails with notifier.ErrUnsupported.
func (c *Client) Send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	if err := notifier.ContextError(ctx); err != nil {
		return notifier.FailAll(m, err), err
	}
	if err := c.checkMessage(m); err != nil {
		return notifier.FailAll(m, err), err
	}
	res := notifier.Result{Recipients: make([]notifier.Recipient, len(m.To)), Tag: m.Tag}
	for i, n := range m.To {
		res.Recipients[i].Number = n
	}
	batches := planBatches(m.To, res.Recipients)
	for i, b := range batches {
		if err := notifier.ContextError(ctx); err != nil {
			failBatches(batches[i:], res.Recipients, err)
			break
		}
		if err := c.sendBatch(ctx, m, b, res.Recipients); errors.Is(err, notifier.ErrUnauthorized) {
			failBatches(batches[i+1:], res.Recipients, err)
			break
		}
	}
	c.logFailures(ctx, res)
	return res, resultError(res)
}

// checkMessage returns the message-level error that fails every recipient,
// or nil. Malformed numbers are left to planBatches.
func (c *Client) checkMessage(m notifier.Message) error {
	if err := m.Validate(); err != nil && errors.Is(err, notifier.ErrInvalidMessage) {
		return err
	}
	switch {
	case len(m.To) > c.cfg.maxRecipients:
		return &notifier.Error{Kind: notifier.ErrInvalidMessage, Message: fmt.Sprintf("message has %d recipients; the limit is %d", len(m.To), c.cfg.maxRecipients)}
	case m.Body != "":
		return &notifier.Error{Kind: notifier.ErrUnsupported, Message: "Tencent Cloud SMS sends approved templates only; Message.Body is not supported"}
	}
	return nil
}

// batch is one SendSms request: indexes into Message.To, all mainland or
// all international, at most tcsms.MaxNumbers of them.
type batch struct {
	mainland bool
	idx      []int
	e164     []string // normalised numbers, parallel to idx
}

// planBatches fails malformed numbers in rs and groups the others into
// requests, in the order each group first appears in to.
func planBatches(to []string, rs []notifier.Recipient) []*batch {
	var batches []*batch
	var open [2]*batch // the batch being filled: [0] international, [1] mainland
	for i, n := range to {
		if err := notifier.CheckNumber(n); err != nil {
			rs[i].Err = err
			continue
		}
		num, err := tcsms.ParseNumber(n)
		if err != nil {
			rs[i].Err = numberError(err, n)
			continue
		}
		g := 0
		if num.Mainland {
			g = 1
		}
		if open[g] == nil || len(open[g].idx) == tcsms.MaxNumbers {
			open[g] = &batch{mainland: num.Mainland}
			batches = append(batches, open[g])
		}
		open[g].idx = append(open[g].idx, i)
		open[g].e164 = append(open[g].e164, num.E164)
	}
	return batches
}

// numberError converts a tcsms.ParseNumber failure into a per-recipient error.
func numberError(err error, number string) error {
	var apiErr *tcsms.APIError
	if errors.As(err, &apiErr) {
		return statusError(apiErr.Code, apiErr.Message, "", number)
	}
	return &notifier.Error{Kind: notifier.ErrInvalidRecipient, Recipient: number, Message: err.Error()}
}

func failBatches(bs []*batch, rs []notifier.Recipient, err error) {
	for _, b := range bs {
		for _, i := range b.idx {
			rs[i].Err = err
		}
	}
}

// sendBatch sends one request and records its outcome in rs. It returns
// the request-level error, if any.
func (c *Client) sendBatch(ctx context.Context, m notifier.Message, b *batch, rs []notifier.Recipient) error {
	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = make([]*string, len(b.idx))
	for k, i := range b.idx {
		req.PhoneNumberSet[k] = &m.To[i]
	}
	req.SmsSdkAppId = &c.cfg.appID
	req.TemplateId = &m.Template
	if sign := first(m.Sign, c.cfg.signName); sign != "" {
		req.SignName = &sign
	}
	if len(m.Params) > 0 {
		req.TemplateParamSet = common.StringPtrs(m.Params)
	}
	if m.Tag != "" {
		req.SessionContext = &m.Tag
	}
	if sender := first(m.SenderID, c.cfg.senderID); sender != "" && !b.mainland {
		req.SenderId = &sender
	}

	start := c.now()
	callCtx, cancel := c.withTimeout(ctx)
	resp, err := c.sdk.SendSmsWithContext(callCtx, req)
	cancel()
	if err != nil {
		e := mapError(err, "")
		setRetryAfter(e, c.now())
		for _, i := range b.idx {
			rs[i].Err = e
		}
		c.logCall(ctx, "SendSms", start, "", e, sendCounts{numbers: len(b.idx)})
		return e
	}
	var requestID string
	var statuses []*sms.SendStatus
	if resp.Response != nil {
		requestID = deref(resp.Response.RequestId)
		statuses = resp.Response.SendStatusSet
	}
	accepted := applyStatuses(b, statuses, requestID, m.To, rs)
	if accepted < len(b.idx) {
		now := c.now()
		for _, i := range b.idx {
			if e, ok := rs[i].Err.(*notifier.Error); ok {
				setRetryAfter(e, now)
			}
		}
	}
	c.logCall(ctx, "SendSms", start, requestID, nil, sendCounts{numbers: len(b.idx), accepted: accepted})
	return nil
}

// applyStatuses matches each SendStatus to its recipient and returns how
// many were accepted. Tencent does not promise the request's order, so a
// status whose PhoneNumber is not the number at its position is matched by
// normalised number instead (repeated numbers in request order). A
// recipient without a status fails with ErrUnavailable: Tencent did not say
// whether it was sent.
func applyStatuses(b *batch, statuses []*sms.SendStatus, requestID string, to []string, rs []notifier.Recipient) int {
	inOrder := len(statuses) == len(b.idx)
	for k := 0; inOrder && k < len(statuses); k++ {
		st := statuses[k]
		inOrder = st != nil && st.PhoneNumber != nil && (*st.PhoneNumber == to[b.idx[k]] || *st.PhoneNumber == b.e164[k])
	}
	if inOrder {
		accepted := 0
		for k, st := range statuses {
			if applyStatus(st, b.idx[k], requestID, to, rs) {
				accepted++
			}
		}
		return accepted
	}

	pending := make(map[string][]int, len(b.idx))
	for k, i := range b.idx {
		pending[b.e164[k]] = append(pending[b.e164[k]], i)
	}
	accepted := 0
	for _, st := range statuses {
		if st == nil {
			continue
		}
		key := deref(st.PhoneNumber)
		if num, err := tcsms.ParseNumber(key); err == nil {
			key = num.E164
		}
		q := pending[key]
		if len(q) == 0 {
			continue
		}
		pending[key] = q[1:]
		if applyStatus(st, q[0], requestID, to, rs) {
			accepted++
		}
	}
	for _, q := range pending {
		for _, i := range q {
			rs[i].Err = &notifier.Error{Kind: notifier.ErrUnavailable, RequestID: requestID, Recipient: to[i],
				Message: "Tencent returned no status for this number; it may or may not have been sent"}
		}
	}
	return accepted
}

// applyStatus records one number's outcome and reports whether Tencent
// accepted it.
func applyStatus(st *sms.SendStatus, i int, requestID string, to []string, rs []notifier.Recipient) bool {
	if code := deref(st.Code); code != tcsms.CodeOk {
		rs[i].Err = statusError(code, deref(st.Message), requestID, to[i])
		return false
	}
	rs[i].MessageID = deref(st.SerialNo)
	rs[i].Segments = int(derefUint(st.Fee))
	return true
}

// resultError is the error Send returns: the shared error when one
// request-level failure hit every recipient, otherwise Result.Err.
func resultError(res notifier.Result) error {
	if len(res.Recipients) > 1 {
		shared := res.Recipients[0].Err
		for _, r := range res.Recipients[1:] {
			if shared == nil || r.Err != shared {
				return res.Err()
			}
		}
		return shared
	}
	return res.Err()
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

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
