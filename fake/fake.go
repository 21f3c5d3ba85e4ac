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
// It applies the provider-neutral rules of notifier.Message.Validate, a
// maximum batch size and, when templates are registered, the template's
// parameter count. It also implements notifier.ReceiptPuller and
// notifier.ReplyPuller.
//
// A Fake is safe for concurrent use by multiple goroutines. Make one with
// New; the zero value is not usable, and a Fake must not be copied.
type Fake struct {
	// Fixed by New.
	maxRecipients int
	window        time.Duration
	now           func() time.Time
	baseLatency   time.Duration

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

// New returns an empty Fake configured by opts.
func New(opts ...Option) *Fake {
	f := &Fake{
		maxRecipients: DefaultMaxRecipients,
		window:        DefaultDuplicateWindow,
		now:           time.Now,
		templates:     make(map[string]*template),
		lastByKey:     make(map[uint64]int),
		failures:      make(map[string]error),
		undelivered:   make(map[string]bool),
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
// Send handles a message in this order: a done ctx fails it; the latency
// (SetLatency) is waited out, or ctx ends the wait; a pending FailNext
// failure fails it; the message-level rules (Message.Validate, the batch
// limit, the registered template and its parameter count) fail it with
// notifier.ErrInvalidMessage; then each recipient fails alone if its number
// is malformed (notifier.ErrInvalidRecipient) or has a FailNumber fault, and
// is otherwise accepted and recorded.
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
	if len(m.To) > f.maxRecipients {
		err := invalidMessage("message has " + strconv.Itoa(len(m.To)) +
			" recipients; the limit is " + strconv.Itoa(f.maxRecipients))
		return notifier.FailAll(m, err), err
	}
	text, err := f.render(m)
	if err != nil {
		return notifier.FailAll(m, err), err
	}

	res := notifier.Result{Recipients: make([]notifier.Recipient, len(m.To)), Tag: m.Tag}
	segs := segments(text)
	now := f.now()
	var params []string // m.Params, copied once for every recipient's record
	copied := false
	for i, number := range m.To {
		rc := &res.Recipients[i]
		rc.Number = number
		if badNumbers {
			if rc.Err = notifier.CheckNumber(number); rc.Err != nil {
				continue
			}
		}
		if len(f.failures) > 0 {
			if kind, ok := f.failures[number]; ok {
				rc.Err = injected(kind, number, "failure injected by fake.FailNumber")
				continue
			}
		}
		if !copied {
			params, copied = slices.Clone(m.Params), true
		}
		rc.MessageID = f.ids.id()
		rc.Segments = segs
		f.record(Sent{
			Number:    number,
			MessageID: rc.MessageID,
			Template:  m.Template,
			Params:    params,
			Body:      m.Body,
			Sign:      m.Sign,
			SenderID:  m.SenderID,
			Tag:       m.Tag,
			Text:      text,
			Segments:  segs,
			Time:      now,
		})
	}
	if copied && f.waitCh != nil {
		close(f.waitCh)
		f.waitCh = nil
	}
	return res, res.Err()
}

// render checks m against the template registry and returns the text the
// recipients would read: the rendered template when it is registered, the
// body of a free-text message, otherwise "". f.mu is held.
func (f *Fake) render(m notifier.Message) (string, error) {
	if m.Template == "" {
		return m.Body, nil
	}
	if len(f.templates) == 0 {
		return "", nil
	}
	t, ok := f.templates[m.Template]
	if !ok {
		return "", invalidMessage("template " + strconv.Quote(m.Template) + " is not registered with the fake")
	}
	if len(m.Params) != t.params {
		return "", invalidMessage("template " + strconv.Quote(m.Template) + " takes " +
			strconv.Itoa(t.params) + " parameters, the message has " + strconv.Itoa(len(m.Params)))
	}
	return t.render(m.Params), nil
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

// SetTemplate registers text as the template with the given id, replacing
// any earlier text. Placeholders are {1}, {2}, ...; a template needs as many
// parameters as its highest placeholder. Once any template is registered,
// Send rejects messages whose template is not registered or whose parameter
// count does not match, with notifier.ErrInvalidMessage, and records the
// rendered text in Sent.Text.
func (f *Fake) SetTemplate(id, text string) {
	t := parseTemplate(text)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.templates[id] = t
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
