package otelnotifier

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/trace"

	"github.com/notifykit/notifier"
)

// ScopeName is the instrumentation scope of the tracer and meter the
// Notifier uses, for selecting its telemetry in views and processors.
const ScopeName = "github.com/notifykit/notifier/otelnotifier"

// Span and event names, the exception event's attribute keys, and how
// many numbers or failure events one span lists at most.
const (
	sendSpanName       = "notifier.Send"
	failedEventName    = "notifier.recipient.failed"
	exceptionEvent     = "exception"
	exceptionTypeKey   = attribute.Key("exception.type")
	exceptionMsgKey    = attribute.Key("exception.message")
	maxRecordedPerSpan = 10 // numbers in notifier.numbers, and failure events
)

// Attribute keys; doc.go documents each.
const (
	recipientsKey  = attribute.Key("notifier.recipients")
	acceptedKey    = attribute.Key("notifier.accepted")
	failedKey      = attribute.Key("notifier.failed")
	templateKey    = attribute.Key("notifier.template.id")
	kindsKey       = attribute.Key("notifier.error.kinds")
	codesKey       = attribute.Key("notifier.error.codes")
	numbersKey     = attribute.Key("notifier.numbers")
	indexKey       = attribute.Key("notifier.recipient.index")
	numberKey      = attribute.Key("notifier.recipient.number")
	kindKey        = attribute.Key("notifier.error.kind")
	codeKey        = attribute.Key("notifier.error.code")
	requestIDKey   = attribute.Key("notifier.request.id")
	outcomeKey     = attribute.Key("notifier.outcome")
	sendOutcomeKey = attribute.Key("notifier.send.outcome")
	limitKey       = attribute.Key("notifier.limit")
	receiptsKey    = attribute.Key("notifier.receipts")
	repliesKey     = attribute.Key("notifier.replies")
)

// durationBuckets are the send-duration histogram's bounds, in seconds.
// A Tencent SendSms answers in roughly 50 ms to 1 s; a Send of many
// numbers makes one request per 200 numbers, one after another; and a
// request may run to the adapter's 60 s timeout. The default OTel bounds
// (0 to 10000, made for milliseconds) would put every send in two buckets.
var durationBuckets = []float64{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// errNilNotifier is what Send returns when New was given a nil Notifier.
var errNilNotifier = errors.New("otelnotifier: New was given a nil notifier.Notifier")

// sender is the instrumented Notifier. Its fields are fixed by New, so it
// is safe for concurrent use if next is.
type sender struct {
	next    notifier.Notifier
	tracer  trace.Tracer
	numbers bool

	messages metric.Int64Counter
	duration metric.Float64Histogram

	// Precomputed options: the span's, and the measurement options of the
	// attribute sets every Send uses, so that passing them allocates
	// nothing.
	startOpts    []trace.SpanStartOption
	acceptedOpts []metric.AddOption
	outcomeOpts  [3][]metric.RecordOption // by sendOutcome
}

// sendOutcome is a notifier.send.outcome value.
type sendOutcome int

const (
	outcomeAccepted sendOutcome = iota
	outcomePartial
	outcomeFailed
)

// sendOutcomeNames are the attribute values of each sendOutcome.
var sendOutcomeNames = [...]string{outcomeAccepted: "accepted", outcomePartial: "partial", outcomeFailed: "failed"}

// Compile-time checks of the capabilities New can return.
var (
	_ notifier.Notifier      = (*sender)(nil)
	_ notifier.Unwrapper     = (*sender)(nil)
	_ notifier.ReceiptPuller = withReceipts{}
	_ notifier.ReplyPuller   = withReplies{}
	_ notifier.ReceiptPuller = withBoth{}
	_ notifier.ReplyPuller   = withBoth{}
)

// New returns a Notifier that sends through n and records one span and
// its metrics per Send (see the package documentation for their names and
// attributes). It never changes what n sends or returns.
//
// The returned Notifier implements notifier.Unwrapper, whose Unwrap
// returns n, and it implements notifier.ReceiptPuller and
// notifier.ReplyPuller exactly when n does, with a span around each pull:
// a type assertion on the wrapper finds the same capabilities as on n.
//
// It is safe for concurrent use if n is. Instruments that cannot be
// created are reported to otel.Handle and replaced by no-ops; New itself
// never fails. A nil n gives a Notifier whose Send fails every recipient
// with an error saying so.
func New(n notifier.Notifier, opts ...Option) notifier.Notifier {
	var c config
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	if c.tracerProvider == nil {
		c.tracerProvider = otel.GetTracerProvider()
	}
	if c.meterProvider == nil {
		c.meterProvider = otel.GetMeterProvider()
	}
	meter := c.meterProvider.Meter(ScopeName)
	s := &sender{
		next:    n,
		tracer:  c.tracerProvider.Tracer(ScopeName),
		numbers: c.numbers,
	}
	var err error
	s.messages, err = meter.Int64Counter("notifier.messages",
		metric.WithUnit("{message}"),
		metric.WithDescription("SMS messages handed to the provider, one per recipient, by outcome, error kind and provider code."))
	if err != nil {
		otel.Handle(err)
		s.messages = noop.Int64Counter{}
	}
	s.duration, err = meter.Float64Histogram("notifier.send.duration",
		metric.WithUnit("s"),
		metric.WithDescription("Duration of Notifier.Send calls, by outcome."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	if err != nil {
		otel.Handle(err)
		s.duration = noop.Float64Histogram{}
	}
	s.startOpts = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient)}
	s.acceptedOpts = []metric.AddOption{metric.WithAttributeSet(attribute.NewSet(outcomeKey.String("accepted")))}
	for o, name := range sendOutcomeNames {
		s.outcomeOpts[o] = []metric.RecordOption{metric.WithAttributeSet(attribute.NewSet(sendOutcomeKey.String(name)))}
	}

	rp, receipts := n.(notifier.ReceiptPuller)
	pp, replies := n.(notifier.ReplyPuller)
	switch {
	case receipts && replies:
		return withBoth{s, rp, pp}
	case receipts:
		return withReceipts{s, rp}
	case replies:
		return withReplies{s, pp}
	}
	return s
}

// Unwrap returns the Notifier given to New.
func (s *sender) Unwrap() notifier.Notifier { return s.next }

// Send sends m through the wrapped Notifier inside a span, records the
// outcome as span attributes and metrics, and returns exactly what the
// wrapped Send returned.
func (s *sender) Send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	spanCtx, span := s.tracer.Start(parentOf(ctx), sendSpanName, s.startOpts...)
	defer span.End()
	if span.IsRecording() {
		s.startAttributes(span, m)
	}

	start := time.Now()
	res, err := s.send(ctx, spanCtx, m)
	elapsed := time.Since(start)

	t := tallyOf(res, err)
	s.record(spanCtx, &t, elapsed)
	if span.IsRecording() {
		s.endAttributes(span, res, err, &t)
	}
	return res, err
}

// send calls the wrapped Send with spanCtx, so the provider's own spans
// (an instrumented HTTP transport) are children of the Send span; a nil
// ctx is passed on as nil, for the wrapped Notifier to report as the
// caller's bug.
func (s *sender) send(ctx, spanCtx context.Context, m notifier.Message) (notifier.Result, error) {
	if s.next == nil {
		return notifier.FailAll(m, errNilNotifier), errNilNotifier
	}
	if ctx == nil {
		return s.next.Send(ctx, m)
	}
	return s.next.Send(spanCtx, m)
}

// parentOf is ctx, or context.Background for a nil ctx: the span is still
// recorded, with the nil_context error the wrapped Notifier returns.
func parentOf(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

func (s *sender) startAttributes(span trace.Span, m notifier.Message) {
	attrs := make([]attribute.KeyValue, 0, 3)
	attrs = append(attrs, recipientsKey.Int(len(m.To)))
	if m.Template != "" {
		attrs = append(attrs, templateKey.String(m.Template))
	}
	if s.numbers && len(m.To) > 0 {
		masked := make([]string, min(len(m.To), maxRecordedPerSpan))
		for i := range masked {
			masked[i] = notifier.MaskNumber(m.To[i])
		}
		attrs = append(attrs, numbersKey.StringSlice(masked))
	}
	span.SetAttributes(attrs...)
}

func (s *sender) endAttributes(span trace.Span, res notifier.Result, err error, t *tally) {
	if len(t.classes) == 0 && err == nil {
		span.SetAttributes(acceptedKey.Int(t.accepted), failedKey.Int(t.failed))
		return
	}
	kindList, codeList := t.kindsAndCodes()
	attrs := make([]attribute.KeyValue, 0, 4)
	attrs = append(attrs, acceptedKey.Int(t.accepted), failedKey.Int(t.failed), kindsKey.StringSlice(kindList))
	if len(codeList) > 0 {
		attrs = append(attrs, codesKey.StringSlice(codeList))
	}
	span.SetAttributes(attrs...)
	if t.perRecipient {
		s.failureEvents(span, res)
	}
	if err == nil {
		// Recipients failed but Send said nothing: a broken
		// implementation; the span still shows the failures.
		err = res.Err()
	}
	desc := describe(err, t)
	span.AddEvent(exceptionEvent, trace.WithAttributes(
		exceptionTypeKey.String(fmt.Sprintf("%T", err)),
		exceptionMsgKey.String(desc),
	))
	span.SetStatus(codes.Error, desc)
}

// failureEvents adds one event per failed recipient, for the first
// maxRecordedPerSpan of them: which recipient (by index in Message.To),
// why, and which provider request.
func (s *sender) failureEvents(span trace.Span, res notifier.Result) {
	recorded := 0
	for i, rc := range res.Recipients {
		if rc.Err == nil {
			continue
		}
		if recorded == maxRecordedPerSpan {
			return
		}
		recorded++
		c := classify(rc.Err)
		attrs := make([]attribute.KeyValue, 0, 5)
		attrs = append(attrs, indexKey.Int(i), kindKey.String(c.kind))
		if c.code != "" {
			attrs = append(attrs, codeKey.String(c.code))
		}
		if e, ok := asError(rc.Err); ok && e.RequestID != "" {
			attrs = append(attrs, requestIDKey.String(e.RequestID))
		}
		if s.numbers {
			attrs = append(attrs, numberKey.String(notifier.MaskNumber(rc.Number)))
		}
		span.AddEvent(failedEventName, trace.WithAttributes(attrs...))
	}
}

// record adds the Send's recipients to notifier.messages and its duration
// to notifier.send.duration.
func (s *sender) record(ctx context.Context, t *tally, elapsed time.Duration) {
	if t.accepted > 0 {
		s.messages.Add(ctx, int64(t.accepted), s.acceptedOpts...)
	}
	if t.failed > 0 {
		for _, c := range t.classes {
			attrs := make([]attribute.KeyValue, 0, 3)
			attrs = append(attrs, outcomeKey.String("failed"), kindKey.String(c.kind))
			if c.code != "" {
				attrs = append(attrs, codeKey.String(c.code))
			}
			s.messages.Add(ctx, int64(c.n), metric.WithAttributeSet(attribute.NewSet(attrs...)))
		}
	}
	outcome := outcomePartial
	switch {
	case t.failed == 0 && len(t.classes) == 0:
		outcome = outcomeAccepted
	case t.accepted == 0:
		outcome = outcomeFailed
	}
	s.duration.Record(ctx, elapsed.Seconds(), s.outcomeOpts[outcome]...)
}
