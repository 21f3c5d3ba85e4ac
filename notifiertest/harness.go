package notifiertest

import (
	"context"
	"errors"

	"github.com/notifykit/notifier"
)

// Harness gives the suite one implementation under test and a way to see
// what its backend really accepted. Run makes a fresh Harness for every
// subtest; the harness registers its own cleanup with t.Cleanup.
type Harness interface {
	// Notifier returns the implementation under test.
	Notifier() notifier.Notifier
	// Delivered returns every message the backend accepted since the
	// harness was made or reset, one Delivery per (message, recipient), in
	// acceptance order. It reads the backend's own record (the fake's log,
	// the fake server's admin API), not the Notifier's results.
	Delivered(ctx context.Context) ([]Delivery, error)
	// FailRecipient makes later sends to number fail for that recipient
	// only, with the given sentinel kind (notifier.ErrRateLimited, ...). It
	// returns ErrNotSupported if the backend cannot do that.
	FailRecipient(ctx context.Context, number string, kind error) error
	// Capabilities declares what the implementation supports.
	Capabilities() Capabilities
}

// Delivery is one message the backend accepted for one recipient.
type Delivery struct {
	// Number is the recipient, E.164.
	Number string
	// MessageID is the ID the backend gave it (Recipient.MessageID).
	MessageID string
	// Template, Params, Body, Sign and Tag are the message's fields as the
	// backend received them.
	Template string
	Params   []string
	Body     string
	Sign     string
	Tag      string
	// Text is the rendered text, when the backend knows it; the suite does
	// not check it.
	Text string
}

// Capabilities declares what an implementation supports, so the suite
// checks what applies and skips the rest with a reason.
type Capabilities struct {
	// MaxRecipients is the largest accepted len(Message.To). The suite sends
	// MaxRecipients+1 numbers and expects notifier.ErrInvalidMessage, and
	// sends exactly MaxRecipients when that is at most 1000. 0 skips both.
	MaxRecipients int
	// Body reports that free-text Message.Body is supported.
	Body bool
	// Receipts reports that Notifier() implements notifier.ReceiptPuller and
	// that receipts appear for accepted sends.
	Receipts bool
}

// ErrNotSupported is what a Harness method returns for an operation its
// backend cannot perform; the suite then skips the subtests that need it.
var ErrNotSupported = errors.New("notifiertest: not supported by this harness")
