// Package notifiertest is the contract suite every notifier.Notifier
// implementation runs, so that the in-memory fake, the Tencent adapter
// against the fake server, and the same adapter against the container all
// behave the same way, and the differential suite that proves a stand-in
// refuses exactly what an adapter refuses.
//
// # Writing a harness
//
// An implementation is tested through a Harness: it hands the suite a
// Notifier, reports what the backend behind it really accepted (read from
// the backend, not from Send's results), optionally injects per-recipient
// failures, and declares its Capabilities. Run calls newHarness once per
// subtest, from inside the subtest, so the harness either makes a fresh
// backend or resets a shared one, and registers its cleanup with t.Cleanup.
//
// A harness for the in-memory fake:
//
//	type fakeHarness struct{ f *fake.Fake }
//
//	func (h fakeHarness) Notifier() notifier.Notifier { return h.f }
//
//	func (h fakeHarness) Delivered(context.Context) ([]notifiertest.Delivery, error) {
//		var out []notifiertest.Delivery
//		for _, s := range h.f.Messages() {
//			out = append(out, notifiertest.Delivery{Number: s.Number, MessageID: s.MessageID,
//				Template: s.Template, Params: s.Params, Body: s.Body, Sign: s.Sign, Tag: s.Tag, Text: s.Text})
//		}
//		return out, nil
//	}
//
//	func (h fakeHarness) FailRecipient(_ context.Context, number string, kind error) error {
//		h.f.FailNumber(number, kind)
//		return nil
//	}
//
//	func (h fakeHarness) Capabilities() notifiertest.Capabilities {
//		return notifiertest.Capabilities{MaxRecipients: fake.DefaultMaxRecipients, Body: true, Receipts: true}
//	}
//
//	func TestContract(t *testing.T) {
//		notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
//			return fakeHarness{fake.New()}
//		})
//	}
//
// A harness that cannot inject failures returns ErrNotSupported from
// FailRecipient; a backend without free-text messages or receipts leaves
// the Capabilities field false. The subtests that need them are skipped
// with a reason, never silently passed.
//
// # What the suite sends
//
// Messages use template "100001" with one parameter of digits or "100002"
// with two, sign "Notifier", recipients of the form +861380000NNNN and
// +1415555NNNN (each used once per Run, so provider frequency limits do not
// interfere), and malformed numbers such as "12345". A backend that checks
// templates must accept these two. The whole suite sends about 1,250
// messages: 1,000 from 50 concurrent goroutines and, when MaxRecipients is
// 200, one batch of 200.
//
// # Subtests
//
// Run executes a flat list of named subtests, one after another: single and
// batch sends with results in request order and unique message IDs, tags
// echoed, partial failure (a malformed number, an injected rate limit,
// several kinds in one mixed mainland and international batch) with a
// non-nil error reaching *notifier.Error, whole-request failures
// (no recipients, too many, no content, params without a template, a tag
// too long, a cancelled or expired context) with nothing delivered, reuse
// after failure, concurrent sends observed exactly once, free-text bodies,
// and delivery receipts. Each runs under a watchdog: its context ends after
// Timeout, and an implementation that ignores it is reported by name.
//
// # The differential suite
//
// Run checks each implementation against the neutral contract; it cannot
// see that a fake accepts a message its provider refuses. Diff can: it
// sends one table of about 35 messages through a reference (an adapter
// against its fake server) and a candidate (the fake with that adapter's
// notifier.Rules) and requires the same outcome for each recipient, the
// same error kinds and the same deliveries. Both harnesses also implement
// TemplateAdder, so the table can register templates with a known number
// of parameters on both sides:
//
//	func TestDiff(t *testing.T) {
//		notifiertest.Diff(t, newAdapterHarness, func(*testing.T) notifiertest.Harness {
//			return notifiertest.FakeHarness(fake.New(fake.WithRules(myprovider.Rules())), notifiertest.Capabilities{})
//		})
//	}
//
// FakeHarness is a ready Harness (and TemplateAdder) for the in-memory
// fake, for Run as well as for Diff.
//
// Another provider's adapter diffs its own fake the same way: export its
// Rules, and give Diff a harness for each side.
package notifiertest
