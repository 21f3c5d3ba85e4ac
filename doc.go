// Package notifier is a small, provider-neutral interface for sending SMS
// (one-time codes, alerts, notifications) from Go, and the rules every
// implementation of it keeps.
//
// Applications depend on Notifier, not on a vendor SDK:
//
//	type Verifier struct{ SMS notifier.Notifier }
//
//	func (v *Verifier) SendCode(ctx context.Context, number, code string) error {
//		_, err := v.SMS.Send(ctx, notifier.Message{
//			To:       []string{number},
//			Template: "100001", // "Your code is {1}"
//			Params:   []string{code},
//			Sign:     "Acme",
//		})
//		return err
//	}
//
// In production the Notifier is the Tencent Cloud SMS adapter (package
// tencent); in unit tests it is the in-memory fake (package fake).
//
// A Message goes to one or more E.164 numbers with either a provider
// template and its positional parameters or, where the provider allows it,
// a free-text Body. Message.Validate applies the provider-neutral rules;
// CheckNumber checks one number. Send reports one Recipient per number, in
// request order, with the provider's message ID and billed segments.
//
// Optional capabilities are separate interfaces found by type assertion:
// ReceiptPuller for delivery receipts and ReplyPuller for inbound replies.
//
// # Errors
//
// Send's error is non-nil whenever any recipient was not accepted, so a
// partial failure never looks like success:
//
//   - every recipient accepted: err is nil;
//   - one recipient failed: err is that recipient's error;
//   - several failed: err is a *BatchError wrapping each failure;
//   - the request failed as a whole (invalid message, bad credentials,
//     provider down, cancelled context): every recipient carries the same
//     error, and Send returns it.
//
// In every case Result still lists the accepted recipients: Result.Accepted
// and Result.Failed split them, and Result.Err rebuilds Send's error.
//
// Provider failures are *Error values. Test their kind with errors.Is
// against the sentinels (ErrInvalidRecipient, ErrInvalidMessage,
// ErrUnauthorized, ErrRateLimited, ErrQuotaExceeded, ErrRejected,
// ErrUnavailable, ErrNotFound, ErrUnsupported), which works through a
// *BatchError too; use errors.As to reach the *Error for its provider Code,
// Message, RequestID and Recipient, or the provider SDK's own error
// through Error.Unwrap. A cancelled or expired context comes back as
// itself: errors.Is(err, context.Canceled).
//
// Nothing retries a send on its own: SMS providers have no idempotency
// key, so a blind retry can text a person twice. Error.Temporary (and
// IsTemporary) reports whether a later retry may succeed (rate limits,
// provider unavailable), and Error.RetryAfter how much later when the
// provider knows (a daily cap lifts only at the provider's midnight);
// after ErrUnavailable the first attempt may still have been delivered, so
// retry only where a duplicate is acceptable, and only the failed
// recipients. Retry does so, within RetryPolicy's bounds.
//
// # Provider rules
//
// Rules describe as data what a provider's adapter accepts beyond
// Message.Validate (templates only, a sign for some numbers, batch and tag
// limits, ...); adapters export theirs (tencent.Rules) so that the fake can
// enforce them.
//
// # Testing
//
// Four tools, from the cheapest to the most faithful:
//
//   - package fake: an in-memory Notifier. Inject it, run the code, then
//     read Messages, Last or WaitFor (the rendered text, so a test can read
//     an OTP), check Duplicates, and inject faults with FailNext, FailNumber
//     (partial failure) and SetLatency. Made with the adapter's Rules
//     (fake.WithRules(tencent.Rules())), it refuses what the adapter
//     refuses, with the same error kinds.
//   - package notifiermock: go.uber.org/mock mocks of Notifier,
//     ReceiptPuller and ReplyPuller, for exact call expectations.
//   - package fakeserver: an HTTP server answering like
//     sms.tencentcloudapi.com (signatures checked, Tencent's error codes),
//     to run the real tencent adapter and SDK in integration tests, in
//     process or as a container.
//   - package notifiertest: the contract suite. notifiertest.Run checks any
//     Notifier implementation against the rules above; this module runs it
//     against the fake, the adapter on the fake server, and the container.
//     notifiertest.Diff sends the same table of messages through two
//     implementations and requires the same outcomes: this module runs it
//     between the fake with tencent.Rules and the adapter on the fake server.
package notifier
