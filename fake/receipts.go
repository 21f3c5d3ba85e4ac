package fake

import (
	"context"

	"github.com/notifykit/notifier"
)

// DefaultPullLimit is how many receipts or replies one pull returns when the
// caller's limit is 0 or less.
const DefaultPullLimit = 100

// Receipt codes and descriptions of the simulated delivery receipts.
const (
	DeliveredCode          = "DELIVRD"
	DeliveredDescription   = "delivered (simulated by fake)"
	UndeliveredCode        = "UNDELIV"
	UndeliveredDescription = "undelivered (simulated by fake; see MarkUndelivered)"
)

// PullReceipts returns delivery receipts for accepted messages, oldest
// first, at most limit of them (DefaultPullLimit when limit < 1). Every
// accepted (message, recipient) pair yields exactly one receipt, returned
// by exactly one call: Delivered, or Undelivered for numbers passed to
// MarkUndelivered. The receipt's Time is the time the message was accepted.
func (f *Fake) PullReceipts(ctx context.Context, limit int) ([]notifier.Receipt, error) {
	if err := notifier.ContextError(ctx); err != nil {
		return nil, err
	}
	if limit < 1 {
		limit = DefaultPullLimit
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]notifier.Receipt, min(limit, f.sent.len()-f.receiptNext))
	for i := range out {
		s := f.sent.at(f.receiptNext + i)
		r := notifier.Receipt{
			MessageID:   s.MessageID,
			Number:      s.Number,
			Status:      notifier.Delivered,
			Code:        DeliveredCode,
			Description: DeliveredDescription,
			Tag:         s.Tag,
			Time:        s.Time,
		}
		if f.undelivered[s.Number] {
			r.Status, r.Code, r.Description = notifier.Undelivered, UndeliveredCode, UndeliveredDescription
		}
		out[i] = r
	}
	f.receiptNext += len(out)
	return out, nil
}

// InjectReply queues r as an inbound SMS for PullReplies. A zero r.Time is
// set to the Fake's clock.
func (f *Fake) InjectReply(r notifier.Reply) {
	if r.Time.IsZero() {
		r.Time = f.now()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies = append(f.replies, r)
}

// PullReplies returns injected replies, oldest first, at most limit of them
// (DefaultPullLimit when limit < 1); each is returned once.
func (f *Fake) PullReplies(ctx context.Context, limit int) ([]notifier.Reply, error) {
	if err := notifier.ContextError(ctx); err != nil {
		return nil, err
	}
	if limit < 1 {
		limit = DefaultPullLimit
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	n := min(limit, len(f.replies))
	out := make([]notifier.Reply, n)
	copy(out, f.replies)
	f.replies = f.replies[n:]
	return out, nil
}
