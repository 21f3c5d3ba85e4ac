package fake

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/notifykit/notifier"
)

// Fake is an in-memory notifier.Notifier that records what it accepts.
//
// It applies notifier.Message.Validate, the notifier.Rules it was made
// with (WithRules; see New for the rules without it) and, for registered
// templates, their parameter count. It also implements
// notifier.ReceiptPuller and notifier.ReplyPuller.
//
// A Fake is safe for concurrent use by multiple goroutines. Make one with
// New; the zero value is not usable, and a Fake must not be copied.
type Fake struct {
	// Fixed by New.
	rules       notifier.Rules
	window      time.Duration
	now         func() time.Time
	baseLatency time.Duration
	waitTimeout time.Duration

	// latency is the current extra delay of Send, as a time.Duration. It is
	// atomic so the common case (no latency) costs no lock.
	latency atomic.Int64

	// mu guards every field below it.
	mu          sync.Mutex
	templates   map[string]*template // registered templates by ID
	ids         idSource             // message IDs; never reset, so IDs stay unique
	sent        chunked[Sent]        // accepted (message, recipient) pairs in acceptance order
	gen         int                  // incremented by Reset, so WaitFor rescans
	waitCh      chan struct{}        // closed and cleared by the next accept; nil if nobody waits
	lastByKey   map[uint64]int       // content hash -> index in sent of its latest send
	dups        chunked[[2]int]      // indexes in sent of (earlier, repeat) duplicate pairs
	failNext    int                  // number of coming Send calls that fail as a whole
	failNextErr error                // what they fail with
	failures    map[string]error     // number -> kind it fails with
	undelivered map[string]bool      // numbers whose receipts report Undelivered
	receiptNext int                  // index in sent of the first receipt not yet pulled
	replies     []notifier.Reply     // injected replies not yet pulled
}

// Compile-time checks that Fake implements the notifier interfaces.
var (
	_ notifier.Notifier      = (*Fake)(nil)
	_ notifier.ReceiptPuller = (*Fake)(nil)
	_ notifier.ReplyPuller   = (*Fake)(nil)
)

// New returns an empty Fake configured by opts, applied in order.
//
// Without WithRules a Fake checks only what every provider checks:
// notifier.Message.Validate, at most DefaultMaxRecipients numbers, and,
// once any template is registered, the template and its parameter count.
// It therefore accepts messages a real provider refuses: for Tencent a
// Body, a mainland number without a sign, an unknown template, a mainland
// template sent abroad, a malformed mainland number. Make the fake with
// the rules of the adapter your code runs on in production, for example
// fake.New(fake.WithRules(tencent.Rules())), so that a test fails where
// production would.
func New(opts ...Option) *Fake {
	f := &Fake{
		rules:       notifier.Rules{MaxRecipients: DefaultMaxRecipients},
		window:      DefaultDuplicateWindow,
		now:         time.Now,
		waitTimeout: DefaultWaitTimeout,
		templates:   make(map[string]*template),
		lastByKey:   make(map[uint64]int),
		failures:    make(map[string]error),
		undelivered: make(map[string]bool),
	}
	for _, opt := range opts {
		opt(f)
	}
	f.latency.Store(int64(f.baseLatency))
	return f
}

// Send records m as sent to every recipient that passes the fake's rules
// and injected faults, and reports each recipient's outcome in request
// order, as notifier.Notifier requires.
//
// Send handles a message in this order, the order in which the Tencent
// adapter and Tencent check it:
//
//  1. A done ctx fails it; the latency (SetLatency) is waited out, or ctx
//     ends the wait; a pending FailNext failure fails it.
//  2. Whole-message rules fail every recipient with one error:
//     Message.Validate and the rules' batch and tag limits
//     (notifier.ErrInvalidMessage), a Body or SenderID the rules do not
//     support (notifier.ErrUnsupported).
//  3. Each number that is not E.164, or that the rules' CheckNumber
//     refuses, fails on its own (notifier.ErrInvalidRecipient).
//  4. Request rules fail the remaining numbers they apply to with one
//     shared error (its Recipient is empty): an unknown template
//     (notifier.ErrInvalidMessage), a template of the other market
//     (notifier.ErrUnsupported), no sign where the rules require one
//     (notifier.ErrInvalidMessage).
//  5. Each remaining recipient fails on its own with
//     notifier.ErrInvalidMessage when the params do not fit the
//     registered template (count, or the rules' MaxParamRunes) or the
//     text is longer than the rules' MaxTextRunes, or with its FailNumber
//     fault; otherwise it is accepted and recorded.
//
// A nil ctx is a bug in the caller; Send, like every method of Fake that
// takes a context, reports it as an error (for every recipient) instead of
// panicking, and sends nothing.
func (f *Fake) Send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	if err := notifier.ContextError(ctx); err != nil {
		return notifier.FailAll(m, err), err
	}
	if d := time.Duration(f.latency.Load()); d > 0 {
		if err := sleep(ctx, d); err != nil {
			return notifier.FailAll(m, err), err
		}
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failNext > 0 {
		f.failNext--
		return notifier.FailAll(m, f.failNextErr), f.failNextErr
	}
	badNumbers := false
	if err := m.Validate(); err != nil {
		if errors.Is(err, notifier.ErrInvalidMessage) {
			return notifier.FailAll(m, err), err
		}
		badNumbers = true
	}
	if err := f.checkMessage(&m); err != nil {
		return notifier.FailAll(m, err), err
	}
	c := f.newCheck(&m)

	res := notifier.Result{Recipients: make([]notifier.Recipient, len(m.To)), Tag: m.Tag}
	var text string
	var segs int
	var params []string // m.Params, copied once for every recipient's record
	accepted := false
	now := f.now()
	for i, number := range m.To {
		rc := &res.Recipients[i]
		rc.Number = number
		if rc.Err = c.refuse(number, badNumbers); rc.Err != nil {
			continue
		}
		if len(f.failures) > 0 {
			if kind, ok := f.failures[number]; ok {
				rc.Err = injected(kind, number, "failure injected by fake.FailNumber")
				continue
			}
		}
		if !accepted {
			accepted = true
			text = c.text()
			segs = c.segments()
			params = slices.Clone(m.Params)
		}
		rc.MessageID = f.ids.id()
		rc.Segments = segs
		senderID := m.SenderID
		if senderID != "" && f.rules.IsDomestic(number) {
			senderID = "" // sent to international numbers only
		}
		f.record(Sent{
			Number:    number,
			MessageID: rc.MessageID,
			Template:  m.Template,
			Params:    params,
			Body:      m.Body,
			Sign:      c.sign,
			SenderID:  senderID,
			Tag:       m.Tag,
			Text:      text,
			Segments:  segs,
			Time:      now,
		})
	}
	if accepted && f.waitCh != nil {
		close(f.waitCh)
		f.waitCh = nil
	}
	return res, resultError(res)
}

// resultError is the error Send returns: when every recipient failed with
// one shared error (a request rule), that error, as the adapter returns a
// failed request's error; otherwise Result.Err.
func resultError(res notifier.Result) error {
	if len(res.Recipients) > 1 {
		shared := res.Recipients[0].Err
		for _, rc := range res.Recipients[1:] {
			if shared == nil || rc.Err != shared {
				return res.Err()
			}
		}
		return shared
	}
	return res.Err()
}

// checkMessage applies the rules that fail a whole message: the batch and
// tag limits, and Body and SenderID support. f.mu is held.
func (f *Fake) checkMessage(m *notifier.Message) error {
	r := &f.rules
	switch {
	case r.MaxRecipients > 0 && len(m.To) > r.MaxRecipients:
		return invalidMessage("message has " + strconv.Itoa(len(m.To)) +
			" recipients; the limit is " + strconv.Itoa(r.MaxRecipients))
	case len(m.Tag) > r.TagLimit():
		return invalidMessage("message tag is " + strconv.Itoa(len(m.Tag)) + " bytes; the limit is " +
			strconv.Itoa(r.TagLimit()))
	case r.NoBody && m.Body != "":
		return unsupported(providerName(r) + " sends templates only; Message.Body is not supported")
	case r.NoSenderID && m.SenderID != "":
		return unsupported(providerName(r) + " has no sender IDs; Message.SenderID is not supported")
	}
	return nil
}

// sleep waits d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func invalidMessage(msg string) error {
	return &notifier.Error{Kind: notifier.ErrInvalidMessage, Message: "fake: " + msg}
}

func unsupported(msg string) error {
	return &notifier.Error{Kind: notifier.ErrUnsupported, Message: "fake: " + msg}
}

// record appends s to the sent messages and notes it if it repeats a recent
// send. f.mu is held.
func (f *Fake) record(s Sent) {
	i := f.sent.add(s)
	if f.window <= 0 {
		return
	}
	key := s.contentHash()
	if j, ok := f.lastByKey[key]; ok {
		prev := f.sent.at(j)
		if prev.sameContent(&s) && s.Time.Sub(prev.Time) < f.window {
			f.dups.add([2]int{j, i})
		}
	}
	f.lastByKey[key] = i
}
