package otelnotifier

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/notifykit/notifier"
)

// Values of notifier.error.kind: one per notifier sentinel, the context
// errors, and kindOther for anything else.
const (
	kindOther      = "other"
	kindNilContext = "nil_context"
)

// kinds maps each notifier sentinel to its notifier.error.kind value.
var kinds = []struct {
	err  error
	name string
}{
	{notifier.ErrInvalidRecipient, "invalid_recipient"},
	{notifier.ErrInvalidMessage, "invalid_message"},
	{notifier.ErrUnauthorized, "unauthorized"},
	{notifier.ErrRateLimited, "rate_limited"},
	{notifier.ErrQuotaExceeded, "quota_exceeded"},
	{notifier.ErrRejected, "rejected"},
	{notifier.ErrUnavailable, "unavailable"},
	{notifier.ErrNotFound, "not_found"},
	{notifier.ErrUnsupported, "unsupported"},
}

// class is what telemetry records of one error: low-cardinality values
// only, never the error's text (which may quote a number).
type class struct {
	kind string // a notifier.error.kind value
	code string // the provider's code, if any
}

// classify returns err's class. A *notifier.Error is classed by its Kind
// and Code; context errors by which one they are.
func classify(err error) class {
	e, ok := asError(err)
	if !ok {
		return class{kind: contextKind(err)}
	}
	for _, k := range kinds {
		if e.Kind == k.err {
			return class{kind: k.name, code: e.Code}
		}
	}
	return class{kind: kindOther, code: e.Code}
}

// asError returns the *notifier.Error err is or wraps. The common case,
// err itself, costs no allocation: errors.As moves its target to the heap.
func asError(err error) (*notifier.Error, bool) {
	if e, ok := err.(*notifier.Error); ok {
		return e, true
	}
	var e *notifier.Error
	ok := errors.As(err, &e)
	return e, ok
}

func contextKind(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline_exceeded"
	case errors.Is(err, notifier.ErrNilContext):
		return kindNilContext
	}
	return kindOther
}

// describe returns the text recorded for err (span status description and
// exception.message). It is built from kinds, codes, counts and request
// IDs, never from err.Error() beyond the fixed texts of context errors:
// error messages of providers and implementations may quote the number.
func describe(err error, t *tally) string {
	if isBatch(err) {
		var b strings.Builder
		fmt.Fprintf(&b, "notifier: %d of %d recipients failed: ", t.failed, t.recipients)
		classes := slices.Clone(t.classes)
		slices.SortFunc(classes, func(a, b classCount) int {
			return strings.Compare(a.kind+"\x00"+a.code, b.kind+"\x00"+b.code)
		})
		for i, c := range classes {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Itoa(c.n) + " " + c.kind)
			if c.code != "" {
				b.WriteString(" (" + c.code + ")")
			}
		}
		return b.String()
	}
	if e, ok := asError(err); ok {
		// Error's own format, without Recipient, Message and Err.
		return (&notifier.Error{Kind: e.Kind, Code: e.Code, RequestID: e.RequestID}).Error()
	}
	// The fixed texts only: a wrapping error's text may add a number.
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded.Error()
	case errors.Is(err, notifier.ErrNilContext):
		return notifier.ErrNilContext.Error()
	case errors.Is(err, errNilNotifier):
		return errNilNotifier.Error()
	}
	return fmt.Sprintf("otelnotifier: an error of type %T (its text is not recorded: it may contain a phone number)", err)
}

// classCount is a class and how many recipients failed with it.
type classCount struct {
	class
	n int
}

// tally sums up one Send's Result for telemetry.
type tally struct {
	recipients, accepted, failed int
	// classes counts failed recipients by class, in first-seen order.
	// Few classes occur per Send, so a slice beats a map.
	classes []classCount
	// perRecipient reports that recipients failed on their own: some
	// but not all, or several with a *notifier.BatchError. A request that
	// failed as a whole has no per-recipient story to tell.
	perRecipient bool
}

func tallyOf(res notifier.Result, err error) tally {
	t := tally{recipients: len(res.Recipients)}
	for _, rc := range res.Recipients {
		if rc.Err == nil {
			t.accepted++
			continue
		}
		t.failed++
		t.add(classify(rc.Err))
	}
	if t.failed == 0 && err != nil {
		// No recipient to blame (a message without recipients, or an
		// implementation breaking the contract): the error stands alone.
		t.add(classify(err))
	}
	t.perRecipient = t.failed > 0 && (t.failed < t.recipients || isBatch(err))
	return t
}

// isBatch reports whether err is a *notifier.BatchError. It is a function
// of its own so that the accepted path, which never calls it, does not pay
// for the target errors.As moves to the heap.
func isBatch(err error) bool {
	var batch *notifier.BatchError
	return errors.As(err, &batch)
}

func (t *tally) add(c class) {
	for i := range t.classes {
		if t.classes[i].class == c {
			t.classes[i].n++
			return
		}
	}
	t.classes = append(t.classes, classCount{class: c, n: 1})
}

// kindsAndCodes returns the distinct kinds and non-empty codes, sorted.
func (t *tally) kindsAndCodes() (kinds, codes []string) {
	for _, c := range t.classes {
		kinds = append(kinds, c.kind)
		if c.code != "" {
			codes = append(codes, c.code)
		}
	}
	slices.Sort(kinds)
	slices.Sort(codes)
	return slices.Compact(kinds), slices.Compact(codes)
}
