// Package fake provides an in-memory notifier.Notifier for unit tests.
//
// Inject a *Fake wherever the application takes a notifier.Notifier, run the
// code under test, then assert on what was "sent":
//
//	f := fake.New(fake.WithTemplate("100001", "Your code is {1}"))
//	svc := myapp.NewVerifier(f)
//	svc.SendCode(ctx, "+8613800000001")
//	last, _ := f.Last()
//	code := last.Params[0] // or read last.Text: "Your code is 123456"
//
// # Rules
//
// A Fake enforces what every notifier implementation enforces, so code that
// passes against it does not fail on the first real send for a trivial
// reason: notifier.Message.Validate, at most DefaultMaxRecipients numbers per
// Send (WithMaxRecipients), and, once a template is registered with
// WithTemplate or SetTemplate, that the template exists and gets exactly as
// many parameters as its highest {n} placeholder. Results and errors follow
// the notifier.Notifier contract: one Recipient per number in order, and a
// non-nil error whenever any recipient was not accepted.
//
// # Inspection
//
// Messages, Last and Duplicates return copies, one Sent per accepted
// (message, recipient) pair. WaitFor blocks until a matching pair has been
// accepted, for applications that send from their own goroutines. Reset
// forgets everything recorded and injected.
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
