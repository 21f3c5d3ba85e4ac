// Package otelnotifier wraps any notifier.Notifier with OpenTelemetry
// traces and metrics:
//
//	sms := otelnotifier.New(client,
//		otelnotifier.WithTracerProvider(tp), // default: otel.GetTracerProvider()
//		otelnotifier.WithMeterProvider(mp),  // default: otel.GetMeterProvider()
//	)
//
// It uses the OpenTelemetry API only; the application chooses the SDK and
// exporters. The wrapper changes nothing about what is sent or returned,
// and never retries.
//
// # Spans
//
// Each Send is one span named "notifier.Send" (kind client), the parent of
// whatever spans the wrapped Notifier makes (for example an instrumented
// HTTP transport of the tencent adapter). Its attributes:
//
//	notifier.recipients        int       len(Message.To)
//	notifier.template.id       string    Message.Template, when set
//	notifier.accepted          int       recipients the provider accepted
//	notifier.failed            int       recipients that were not accepted
//	notifier.error.kinds       []string  distinct error kinds of the failures, sorted (values below)
//	notifier.error.codes       []string  distinct provider codes of the failures, sorted ("LimitExceeded.PhoneNumberDailyLimit")
//	notifier.numbers           []string  only with WithMaskedNumbers: the first 10 of Message.To, masked
//
// When recipients failed on their own (some but not all of them, or
// several with a *notifier.BatchError), the span has one event
// "notifier.recipient.failed" per failed recipient, for the first 10:
//
//	notifier.recipient.index   int       the recipient's index in Message.To
//	notifier.error.kind        string    its error kind
//	notifier.error.code        string    the provider's code, when there is one
//	notifier.request.id        string    the provider's request ID, when there is one
//	notifier.recipient.number  string    only with WithMaskedNumbers: the number, masked
//
// A request that failed as a whole (every recipient carries one error)
// has no such events: its error says it all.
//
// Whenever Send returns an error, or a recipient failed, the span's status
// is Error and it has an "exception" event (exception.type, the error's Go
// type; exception.message). The status description and exception.message
// are built from kinds, codes, counts and request IDs only, never from the
// error's text, because providers and implementations quote numbers in
// their messages: "notifier: 2 of 3 recipients failed: 1 rate_limited
// (LimitExceeded.PhoneNumberDailyLimit), 1 invalid_recipient", or
// "notifier: unauthorized (AuthFailure.SignatureFailure) [request …]".
//
// notifier.error.kind values name the notifier sentinels: invalid_recipient,
// invalid_message, unauthorized, rate_limited, quota_exceeded, rejected,
// unavailable, not_found, unsupported; and canceled, deadline_exceeded and
// nil_context for context errors; other for anything else.
//
// Phone numbers are never recorded unless WithMaskedNumbers is given, and
// then only masked by notifier.MaskNumber ("+86138****0000"). Message
// parameters, bodies and tags are never recorded.
//
// # Metrics
//
//	notifier.messages       counter    {message}  one per recipient of each Send
//	    notifier.outcome      accepted | failed
//	    notifier.error.kind   failed only: the error kind
//	    notifier.error.code   failed only: the provider's code, when there is one
//	notifier.send.duration  histogram  s          duration of each Send
//	    notifier.send.outcome accepted (every recipient) | partial | failed (none)
//
// The duration histogram's bucket bounds suit an SMS API: 10, 25, 50, 100,
// 250 and 500 ms, 1, 2.5, 5, 10, 30 and 60 s. A view can replace them.
// Metrics carry no template ID and no number, to keep their cardinality
// bounded by the provider's code table.
//
// # Optional capabilities
//
// The Notifier New returns implements notifier.Unwrapper (Unwrap returns
// the wrapped Notifier), like notifier.Retry's. It also implements
// notifier.ReceiptPuller and notifier.ReplyPuller exactly when the wrapped
// Notifier does, so the usual type assertion finds them on the wrapper
// itself, and each pull is a span too ("notifier.PullReceipts" and
// "notifier.PullReplies", with notifier.limit, notifier.receipts or
// notifier.replies (the number returned) and, on failure,
// notifier.error.kind, notifier.error.code and an Error status). Only the
// wrapped Notifier's own methods are mirrored: to reach others (the tencent
// adapter's templates, signatures, statistics), or capabilities of a
// Notifier further down a chain of decorators, follow Unwrap.
package otelnotifier
