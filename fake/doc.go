// Package fake provides an in-memory notifier.Notifier for unit tests.
//
// Inject a *Fake wherever the application takes a notifier.Notifier, run the
// code under test, then assert on what was "sent". Give it the rules of the
// adapter the application uses in production, so that it refuses what
// production would refuse:
//
//	f := fake.New(
//		fake.WithRules(tencent.Rules()),
//		fake.WithTemplate("100001", "Your code is {1}"),
//	)
//	svc := myapp.NewVerifier(f)
//	svc.SendCode(ctx, "+8613800000001")
//	last, _ := f.Last()
//	code := last.Params[0] // or read last.Text: "【Acme】Your code is 123456"
//
// # Rules
//
// With WithRules, a Fake enforces a provider's notifier.Rules with the
// error kinds of that provider's adapter and the same split between
// failures of the whole request and of single recipients; the differential
// suite (notifiertest.Diff) proves it for the Tencent adapter. With
// tencent.Rules() it refuses a Body (notifier.ErrUnsupported), a template
// it does not know, a mainland number without a sign, a wrong parameter
// count (notifier.ErrInvalidMessage), a mainland template sent abroad or
// the reverse (notifier.ErrUnsupported, see SetInternationalTemplate), a
// number Tencent cannot parse (notifier.ErrInvalidRecipient) and more than
// 1000 recipients. Send documents the order of the checks.
//
// Without WithRules, New makes a lenient Fake: it checks only
// notifier.Message.Validate, at most DefaultMaxRecipients numbers per Send
// (WithMaxRecipients) and, once a template is registered with WithTemplate
// or SetTemplate, that the template exists and gets exactly as many
// parameters as its highest {n} placeholder. It accepts messages that a
// real provider refuses, so a test can pass where production fails: prefer
// WithRules.
//
// Either way results and errors follow the notifier.Notifier contract: one
// Recipient per number in order, and a non-nil error whenever any recipient
// was not accepted.
//
// What the Fake does not model: frequency limits and quotas (inject them
// with FailNumber), whether a sign is registered or approved, template
// approval, and the provider's own count of billed segments (the Fake
// counts 160/153 GSM characters or 70/67 others per segment, sign
// included).
//
// # Rendering
//
// Sent.Text is what the handset shows: 【Sign】 followed by the rendered
// template, the Body, or, for a template that is not registered, the
// params joined by single spaces ("【Acme】123456 5"). The fake server
// (package fakeserver) renders the same text by the same rule.
//
// # Inspection
//
// Messages, Last and Duplicates return copies, one Sent per accepted
// (message, recipient) pair. WaitFor blocks until a matching pair has been
// accepted, for applications that send from their own goroutines; without
// a deadline on its context it gives up after DefaultWaitTimeout
// (WithWaitTimeout). Reset forgets everything recorded and injected.
//
// # Fault injection
//
// Faults are deterministic: FailNext fails the next n sends as a whole,
// FailNumber fails one number while the rest of the batch goes through
// (partial failure), and SetLatency or WithLatency slows every Send while
// still honouring its context.
//
// # Receipts and replies
//
// A Fake implements notifier.ReceiptPuller: every accepted pair yields one
// Delivered receipt (Undelivered for numbers given to MarkUndelivered). It
// implements notifier.ReplyPuller for replies queued with InjectReply.
//
// Message IDs are "fake-" and an 11-digit counter ("fake-00000000001"),
// unique for the life of the Fake and issued in acceptance order. All
// methods are safe for concurrent use.
package fake
