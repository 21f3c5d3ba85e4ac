package notifiertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/notifykit/notifier"
)

// TemplateAdder is implemented by a Harness whose backend can register a
// message template. Diff needs it on both sides: its table sends
// registered templates with known parameter counts, to mainland and
// international numbers.
type TemplateAdder interface {
	// AddTemplate registers t with the backend, approved and ready to send.
	AddTemplate(ctx context.Context, t Template) error
}

// Template is a message template Diff registers on both backends before
// it sends a message that uses it.
type Template struct {
	// ID is the provider's template ID ("100001").
	ID string
	// Text is the template with placeholders {1}, {2}, ...
	Text string
	// International marks a template for numbers outside the provider's
	// domestic market (notifier.Rules.Domestic; for Tencent, outside
	// mainland China). Backends without markets ignore it.
	International bool
}

// Diff runs the differential suite: it sends every message of a table
// (bodies, missing signs, 0 to 1001 recipients, mixed markets, malformed
// numbers, wrong parameter counts, unknown templates, long tags, sender
// IDs, ...) through a reference implementation and a candidate, and
// requires the same outcome from both. Use it to prove that a stand-in (an
// in-memory fake with a provider's notifier.Rules) accepts exactly what
// the provider's adapter accepts:
//
//	notifiertest.Diff(t, newAdapterOnFakeServer, newFakeWithRules)
//
// Each message is a subtest with fresh harnesses from newReference and
// newCandidate, both of which must implement TemplateAdder; the templates
// a message uses are registered on both first. The table registers each
// template ID with one text and market only, so a harness may share one
// backend across subtests, resetting its messages (and frequency limits)
// for each, as Run's harnesses may. Diff compares:
//
//   - each recipient's outcome: accepted, or the Kind of its
//     *notifier.Error and whether that error is the request's (Recipient
//     empty: the whole request, or the provider request the number was in,
//     failed) or the recipient's own;
//   - the returned error: nil or not, and the sentinel kinds errors.Is
//     finds in it;
//   - what each backend delivered (Harness.Delivered): number, template,
//     params and sign of each delivery, and its Text when both backends
//     know it.
//
// It does not compare message IDs, segments, error messages or provider
// codes. For a message the table marks as one that a lenient reference
// may accept (an unregistered template, which the Tencent fake server
// accepts in permissive mode so that a first test needs no setup), a
// reference that accepts recipients the candidate refuses with a
// request-level ErrInvalidMessage is logged, not failed; any other
// difference still fails. The
// numbers are the contract suite's (+861380000NNNN and +1415555NNNN), so
// provider test numbers with special behaviour are never used, and every
// signed message is signed "Notifier": a backend that checks signs must
// know it.
func Diff(t *testing.T, newReference, newCandidate func(t *testing.T) Harness) {
	t.Helper()
	nums := &numbers{}
	for _, c := range diffCases {
		t.Run(c.name, func(t *testing.T) {
			ctx := watchdog(t)
			m := c.message(nums)
			ref := observe(ctx, t, "reference", newReference(t), c.templates, m)
			cand := observe(ctx, t, "candidate", newCandidate(t), c.templates, m)
			diff := ref.diff(cand)
			switch {
			case diff == "":
			case c.lenient != "" && ref.onlyMoreLenient(cand):
				t.Logf("the reference accepts what the candidate refuses, as a lenient backend may: %s\n%s", c.lenient, diff)
			default:
				t.Errorf("reference and candidate differ for %s:\n%s", describe(m), diff)
			}
		})
	}
}

// outcome is what one implementation did with one message, in the terms
// Diff compares.
type outcome struct {
	recipients []string // per recipient: "accepted" or "<kind> (request|own)"
	err        string   // "nil" or the kinds errors.Is finds
	delivered  []string // number, template, params and sign of each delivery, sorted
	texts      map[string]string
}

// observe registers templates with h, sends m through it and records the
// outcome.
func observe(ctx context.Context, t *testing.T, side string, h Harness, templates []Template, m notifier.Message) outcome {
	t.Helper()
	if len(templates) > 0 {
		adder, ok := h.(TemplateAdder)
		if !ok {
			t.Fatalf("the %s harness (%T) does not implement notifiertest.TemplateAdder, which Diff needs", side, h)
		}
		for _, tmpl := range templates {
			if err := adder.AddTemplate(ctx, tmpl); err != nil {
				t.Fatalf("%s: AddTemplate(%+v): %v", side, tmpl, err)
			}
		}
	}
	res, err := h.Notifier().Send(ctx, m)
	if ctx.Err() != nil {
		t.Fatalf("watchdog: the %s's Send did not finish within %v", side, Timeout)
	}
	if len(res.Recipients) != len(m.To) {
		t.Fatalf("the %s returned %d recipients for %d numbers (err: %v)", side, len(res.Recipients), len(m.To), err)
	}
	o := outcome{err: kindsOf(err), texts: map[string]string{}}
	for _, rc := range res.Recipients {
		o.recipients = append(o.recipients, recipientOutcome(rc.Err))
	}
	ds, derr := h.Delivered(ctx)
	if derr != nil {
		t.Fatalf("%s: Harness.Delivered: %v", side, derr)
	}
	for _, d := range ds {
		key := fmt.Sprintf("%s template %q params %q sign %q", d.Number, d.Template, d.Params, d.Sign)
		o.delivered = append(o.delivered, key)
		if d.Text != "" {
			o.texts[key] = d.Text
		}
	}
	slices.Sort(o.delivered)
	return o
}

// sentinels are the kinds Diff looks for in errors, in the order it lists
// them.
var sentinels = []struct {
	err  error
	name string
}{
	{notifier.ErrInvalidRecipient, "ErrInvalidRecipient"},
	{notifier.ErrInvalidMessage, "ErrInvalidMessage"},
	{notifier.ErrUnauthorized, "ErrUnauthorized"},
	{notifier.ErrRateLimited, "ErrRateLimited"},
	{notifier.ErrQuotaExceeded, "ErrQuotaExceeded"},
	{notifier.ErrRejected, "ErrRejected"},
	{notifier.ErrUnavailable, "ErrUnavailable"},
	{notifier.ErrNotFound, "ErrNotFound"},
	{notifier.ErrUnsupported, "ErrUnsupported"},
}

// kindsOf lists the sentinel kinds err matches, "nil" for no error.
func kindsOf(err error) string {
	if err == nil {
		return "nil"
	}
	var kinds []string
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			kinds = append(kinds, s.name)
		}
	}
	if len(kinds) == 0 {
		return fmt.Sprintf("an error of no notifier kind (%T)", err)
	}
	return strings.Join(kinds, ", ")
}

// recipientOutcome describes one recipient's error.
func recipientOutcome(err error) string {
	if err == nil {
		return "accepted"
	}
	var ne *notifier.Error
	if !errors.As(err, &ne) {
		return fmt.Sprintf("%T, not a *notifier.Error", err)
	}
	scope := "own"
	if ne.Recipient == "" {
		scope = "request"
	}
	return kindsOf(ne) + " (" + scope + ")"
}

// diff describes how o and c differ, or returns "".
func (o outcome) diff(c outcome) string {
	var b strings.Builder
	for i := range o.recipients {
		if o.recipients[i] != c.recipients[i] {
			fmt.Fprintf(&b, "  recipient %d: reference %s, candidate %s\n", i, o.recipients[i], c.recipients[i])
		}
	}
	if o.err != c.err {
		fmt.Fprintf(&b, "  returned error: reference %s, candidate %s\n", o.err, c.err)
	}
	if !slices.Equal(o.delivered, c.delivered) {
		fmt.Fprintf(&b, "  delivered by the reference:\n    %s\n  delivered by the candidate:\n    %s\n",
			strings.Join(o.delivered, "\n    "), strings.Join(c.delivered, "\n    "))
	} else {
		for _, key := range o.delivered {
			rt, ct := o.texts[key], c.texts[key]
			if rt != "" && ct != "" && rt != ct {
				fmt.Fprintf(&b, "  text of %s: reference %q, candidate %q\n", key, rt, ct)
				break // one is enough: the same message renders the same for every number
			}
		}
	}
	return b.String()
}

// onlyMoreLenient reports whether o (the reference) differs from c only by
// accepting recipients that c refuses with a request-level
// ErrInvalidMessage: what a backend does that skips a provider rule which
// the candidate keeps.
func (o outcome) onlyMoreLenient(c outcome) bool {
	for i := range o.recipients {
		if o.recipients[i] != c.recipients[i] && (o.recipients[i] != "accepted" || c.recipients[i] != "ErrInvalidMessage (request)") {
			return false
		}
	}
	return true
}

// describe summarises m for a failure message.
func describe(m notifier.Message) string {
	to := fmt.Sprint(m.To)
	if len(m.To) > 4 {
		to = fmt.Sprintf("[%s %s ... %d numbers]", m.To[0], m.To[1], len(m.To))
	}
	return fmt.Sprintf("To %s Template %q Params %q Body %q Sign %q SenderID %q Tag %d bytes",
		to, m.Template, m.Params, m.Body, m.Sign, m.SenderID, len(m.Tag))
}
