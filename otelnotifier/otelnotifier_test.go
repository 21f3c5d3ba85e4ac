package otelnotifier_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/otelnotifier"
)

const (
	num1 = "+8613800000001"
	num2 = "+8613800000002"
	num3 = "+14155550003"
)

func message(to ...string) notifier.Message {
	return notifier.Message{To: to, Template: "100001", Params: []string{"481516"}, Sign: "Notifier", Tag: "order-42"}
}

var (
	accepted     = attribute.String("notifier.outcome", "accepted")
	failed       = attribute.String("notifier.outcome", "failed")
	injectedCode = attribute.String("notifier.error.code", fake.InjectedCode)
)

func kind(k string) attribute.KeyValue { return attribute.String("notifier.error.kind", k) }

func TestSendAccepted(t *testing.T) {
	tm := newTelemetry(t)
	sms := tm.wrap(fake.New())
	if _, err := sms.Send(context.Background(), message(num1, num3)); err != nil {
		t.Fatal(err)
	}
	span := tm.onlySpan(t)
	checkSpan(t, span, wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(2),
			"notifier.template.id": "100001",
			"notifier.accepted":    int64(2),
			"notifier.failed":      int64(0),
		},
	})
	if span.SpanKind() != trace.SpanKindClient {
		t.Errorf("span kind %v, want client", span.SpanKind())
	}
	ms := tm.metrics(t)
	checkMessages(t, ms, point(2, accepted))
	checkDuration(t, ms, map[string]uint64{"accepted": 1})
}

// TestSendPartialFailure: one of two recipients rate-limited is an Error
// span naming the failed recipient by index, and one message counted per
// outcome.
func TestSendPartialFailure(t *testing.T) {
	tm := newTelemetry(t)
	f := fake.New()
	f.FailNumber(num2, notifier.ErrRateLimited)
	sms := tm.wrap(f)
	if _, err := sms.Send(context.Background(), message(num1, num2)); !errors.Is(err, notifier.ErrRateLimited) {
		t.Fatalf("err = %v, want the fake's rate limit", err)
	}
	desc := "notifier: rate limited (Fake.Injected)"
	checkSpan(t, tm.onlySpan(t), wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(2),
			"notifier.template.id": "100001",
			"notifier.accepted":    int64(1),
			"notifier.failed":      int64(1),
			"notifier.error.kinds": []string{"rate_limited"},
			"notifier.error.codes": []string{fake.InjectedCode},
		},
		Events: []event{
			{"notifier.recipient.failed", map[string]any{
				"notifier.recipient.index": int64(1),
				"notifier.error.kind":      "rate_limited",
				"notifier.error.code":      fake.InjectedCode,
			}},
			{"exception", map[string]any{"exception.type": "*notifier.Error", "exception.message": desc}},
		},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
	ms := tm.metrics(t)
	checkMessages(t, ms, point(1, accepted), point(1, failed, kind("rate_limited"), injectedCode))
	checkDuration(t, ms, map[string]uint64{"partial": 1})
}

// TestSendWholeRequestFailure: a request failing as a whole records its
// error once, with no per-recipient events, and counts every recipient.
func TestSendWholeRequestFailure(t *testing.T) {
	tm := newTelemetry(t)
	f := fake.New()
	f.FailNext(1, notifier.ErrUnauthorized)
	sms := tm.wrap(f)
	if _, err := sms.Send(context.Background(), message(num1, num2, num3)); !errors.Is(err, notifier.ErrUnauthorized) {
		t.Fatalf("err = %v, want unauthorized", err)
	}
	desc := "notifier: unauthorized (Fake.Injected)"
	checkSpan(t, tm.onlySpan(t), wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(3),
			"notifier.template.id": "100001",
			"notifier.accepted":    int64(0),
			"notifier.failed":      int64(3),
			"notifier.error.kinds": []string{"unauthorized"},
			"notifier.error.codes": []string{fake.InjectedCode},
		},
		Events: []event{{"exception", map[string]any{"exception.type": "*notifier.Error", "exception.message": desc}}},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
	ms := tm.metrics(t)
	checkMessages(t, ms, point(3, failed, kind("unauthorized"), injectedCode))
	checkDuration(t, ms, map[string]uint64{"failed": 1})
}

// TestSendInvalidMessage: a message without recipients fails with no
// recipient to count; the span and the duration still show it.
func TestSendInvalidMessage(t *testing.T) {
	tm := newTelemetry(t)
	sms := tm.wrap(fake.New())
	if _, err := sms.Send(context.Background(), notifier.Message{Template: "100001"}); !errors.Is(err, notifier.ErrInvalidMessage) {
		t.Fatalf("err = %v, want invalid message", err)
	}
	desc := "notifier: invalid message"
	checkSpan(t, tm.onlySpan(t), wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(0),
			"notifier.template.id": "100001",
			"notifier.accepted":    int64(0),
			"notifier.failed":      int64(0),
			"notifier.error.kinds": []string{"invalid_message"},
		},
		Events: []event{{"exception", map[string]any{"exception.type": "*notifier.Error", "exception.message": desc}}},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
	ms := tm.metrics(t)
	checkMessages(t, ms)
	checkDuration(t, ms, map[string]uint64{"failed": 1})
}

// TestSendCanceledContext: a cancelled context is a failed Send of kind
// "canceled", in a span that is still the child of the caller's span.
func TestSendCanceledContext(t *testing.T) {
	tm := newTelemetry(t)
	ctx, parent := tm.tp.Tracer("test").Start(context.Background(), "caller")
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	sms := tm.wrap(fake.New())
	if _, err := sms.Send(ctx, message(num1)); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	parent.End()
	ended := tm.spans.Ended()
	if len(ended) != 2 {
		t.Fatalf("%d spans ended, want the Send span and its parent", len(ended))
	}
	send := ended[0]
	if send.Parent().SpanID() != parent.SpanContext().SpanID() || send.SpanContext().TraceID() != parent.SpanContext().TraceID() {
		t.Errorf("Send span's parent %v, want the caller's span %v", send.Parent(), parent.SpanContext())
	}
	desc := "context canceled"
	checkSpan(t, send, wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(1),
			"notifier.template.id": "100001",
			"notifier.accepted":    int64(0),
			"notifier.failed":      int64(1),
			"notifier.error.kinds": []string{"canceled"},
		},
		Events: []event{{"exception", map[string]any{"exception.type": "*errors.errorString", "exception.message": desc}}},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
	ms := tm.metrics(t)
	checkMessages(t, ms, point(1, failed, kind("canceled")))
	checkDuration(t, ms, map[string]uint64{"failed": 1})
}

// TestSendSpanIsParentOfProviderSpans: the wrapped Notifier gets a context
// carrying the Send span, so its own spans (an instrumented HTTP client)
// nest under it.
func TestSendSpanIsParentOfProviderSpans(t *testing.T) {
	tm := newTelemetry(t)
	var inner trace.SpanContext
	sms := tm.wrap(notifierFunc(func(ctx context.Context, m notifier.Message) (notifier.Result, error) {
		inner = trace.SpanContextFromContext(ctx)
		return notifier.Result{Recipients: []notifier.Recipient{{Number: m.To[0], MessageID: "id", Segments: 1}}}, nil
	}))
	if _, err := sms.Send(context.Background(), message(num1)); err != nil {
		t.Fatal(err)
	}
	if got := tm.onlySpan(t).SpanContext(); !inner.Equal(got) {
		t.Errorf("wrapped Send saw span %v, want the Send span %v", inner, got)
	}
}

// TestSendBatchError: several recipients failing on their own, with
// different kinds, codes and request IDs, each get an event; the
// description counts them by class, sorted.
func TestSendBatchError(t *testing.T) {
	tm := newTelemetry(t)
	limited := func(n, req string) error {
		return &notifier.Error{Kind: notifier.ErrRateLimited, Code: "LimitExceeded.PhoneNumberDailyLimit", RequestID: req, Recipient: n,
			Message: "daily limit reached for " + n}
	}
	sms := tm.wrap(notifierFunc(func(_ context.Context, m notifier.Message) (notifier.Result, error) {
		res := notifier.Result{Recipients: []notifier.Recipient{
			{Number: m.To[0], Err: limited(m.To[0], "req-1")},
			{Number: m.To[1], Err: notifier.CheckNumber(m.To[1])},
			{Number: m.To[2], Err: limited(m.To[2], "req-2")},
			{Number: m.To[3], MessageID: "sn-4", Segments: 1},
		}}
		return res, res.Err()
	}))
	_, err := sms.Send(context.Background(), message(num1, "12345", num3, num2))
	var batch *notifier.BatchError
	if !errors.As(err, &batch) {
		t.Fatalf("err = %v, want the wrapped Send's *BatchError", err)
	}
	desc := "notifier: 3 of 4 recipients failed: 1 invalid_recipient, 2 rate_limited (LimitExceeded.PhoneNumberDailyLimit)"
	failure := func(i int, k, code, req string) event {
		a := map[string]any{"notifier.recipient.index": int64(i), "notifier.error.kind": k}
		if code != "" {
			a["notifier.error.code"] = code
		}
		if req != "" {
			a["notifier.request.id"] = req
		}
		return event{"notifier.recipient.failed", a}
	}
	checkSpan(t, tm.onlySpan(t), wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(4),
			"notifier.template.id": "100001",
			"notifier.accepted":    int64(1),
			"notifier.failed":      int64(3),
			"notifier.error.kinds": []string{"invalid_recipient", "rate_limited"},
			"notifier.error.codes": []string{"LimitExceeded.PhoneNumberDailyLimit"},
		},
		Events: []event{
			failure(0, "rate_limited", "LimitExceeded.PhoneNumberDailyLimit", "req-1"),
			failure(1, "invalid_recipient", "", ""),
			failure(2, "rate_limited", "LimitExceeded.PhoneNumberDailyLimit", "req-2"),
			{"exception", map[string]any{"exception.type": "*notifier.BatchError", "exception.message": desc}},
		},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
	ms := tm.metrics(t)
	checkMessages(t, ms,
		point(1, accepted),
		point(2, failed, kind("rate_limited"), attribute.String("notifier.error.code", "LimitExceeded.PhoneNumberDailyLimit")),
		point(1, failed, kind("invalid_recipient")))
	checkDuration(t, ms, map[string]uint64{"partial": 1})
	assertAbsent(t, texts(tm.spans.Ended(), ms), "13800000001", "4155550003", "12345", "daily limit")
}

// TestSendFailureEventsCapped: a Send to 25 numbers that all fail on their
// own records 10 failure events, and the counts of all 25.
func TestSendFailureEventsCapped(t *testing.T) {
	tm := newTelemetry(t)
	f := fake.New()
	var to []string
	for i := range 25 {
		n := fmt.Sprintf("+86138000001%02d", i)
		f.FailNumber(n, notifier.ErrRejected)
		to = append(to, n)
	}
	sms := tm.wrap(f, otelnotifier.WithMaskedNumbers())
	if _, err := sms.Send(context.Background(), message(to...)); err == nil {
		t.Fatal("Send returned nil although every recipient failed")
	}
	span := tm.onlySpan(t)
	var failures int
	for _, e := range span.Events() {
		if e.Name == "notifier.recipient.failed" {
			failures++
		}
	}
	a := attrs(span.Attributes())
	if failures != 10 || a["notifier.failed"] != int64(25) || len(a["notifier.numbers"].([]string)) != 10 {
		t.Errorf("%d failure events, notifier.failed %v, %d numbers; want 10, 25, 10", failures, a["notifier.failed"], len(a["notifier.numbers"].([]string)))
	}
	checkMessages(t, tm.metrics(t), point(25, failed, kind("rejected"), injectedCode))
}

// TestMaskedNumbersOptIn: with WithMaskedNumbers the span names the
// recipients and the failed one, masked; the full numbers appear nowhere,
// not even through an error message that quotes one.
func TestMaskedNumbersOptIn(t *testing.T) {
	tm := newTelemetry(t)
	sms := tm.wrap(notifierFunc(func(_ context.Context, m notifier.Message) (notifier.Result, error) {
		res := notifier.Result{Recipients: []notifier.Recipient{
			{Number: m.To[0], MessageID: "sn-1", Segments: 1},
			{Number: m.To[1], Err: &notifier.Error{Kind: notifier.ErrRejected, Code: "FailedOperation.PhoneNumberInBlacklist",
				Recipient: m.To[1], RequestID: "req-9", Message: "The number " + m.To[1] + " is blacklisted"}},
			{Number: m.To[2], MessageID: "sn-3", Segments: 1},
		}}
		return res, res.Err()
	}), otelnotifier.WithMaskedNumbers())
	if _, err := sms.Send(context.Background(), message(num1, num2, num3)); err == nil {
		t.Fatal("Send returned nil for a blacklisted number")
	}
	desc := "notifier: rejected (FailedOperation.PhoneNumberInBlacklist) [request req-9]"
	checkSpan(t, tm.onlySpan(t), wantSpan{
		Name: "notifier.Send",
		Attrs: map[string]any{
			"notifier.recipients":  int64(3),
			"notifier.template.id": "100001",
			"notifier.numbers":     []string{"+86138****0001", "+86138****0002", "+1415***0003"},
			"notifier.accepted":    int64(2),
			"notifier.failed":      int64(1),
			"notifier.error.kinds": []string{"rejected"},
			"notifier.error.codes": []string{"FailedOperation.PhoneNumberInBlacklist"},
		},
		Events: []event{
			{"notifier.recipient.failed", map[string]any{
				"notifier.recipient.index":  int64(1),
				"notifier.recipient.number": "+86138****0002",
				"notifier.error.kind":       "rejected",
				"notifier.error.code":       "FailedOperation.PhoneNumberInBlacklist",
				"notifier.request.id":       "req-9",
			}},
			{"exception", map[string]any{"exception.type": "*notifier.Error", "exception.message": desc}},
		},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
	assertAbsent(t, texts(tm.spans.Ended(), tm.metrics(t)), "13800000001", "13800000002", "4155550003", "blacklisted", "481516", "order-42")
}

// TestNumbersNeverRecordedByDefault: without the option no number appears
// in any span, event, status or metric, masked or not, whatever happens.
func TestNumbersNeverRecordedByDefault(t *testing.T) {
	tm := newTelemetry(t)
	f := fake.New()
	f.FailNumber(num2, notifier.ErrRateLimited)
	sms := tm.wrap(f)
	ctx := context.Background()
	_, _ = sms.Send(ctx, message(num1, num2, num3))
	_, _ = sms.Send(ctx, message(num2))
	_, _ = sms.Send(ctx, message(num1, "+86 138 0000 0001"))
	f.FailNext(1, fmt.Errorf("provider said no to %s", num3))
	_, _ = sms.Send(ctx, message(num3, num1))
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, _ = sms.Send(canceled, message(num1))

	all := texts(tm.spans.Ended(), tm.metrics(t))
	assertAbsent(t, all, "13800000001", "13800000002", "4155550003", "****", "138 0000", "said no", "481516", "order-42")
	for _, s := range tm.spans.Ended() {
		if _, ok := attrs(s.Attributes())["notifier.numbers"]; ok {
			t.Errorf("span has notifier.numbers without WithMaskedNumbers")
		}
	}
}

// TestErrorTextNotRecorded: an error that is not a *notifier.Error is
// described by its type alone, and a wrapped context error by the
// context error's own text, since the wrapping text may hold a number.
func TestErrorTextNotRecorded(t *testing.T) {
	for _, tt := range []struct {
		err             error
		kind, typ, desc string
	}{
		{fmt.Errorf("gateway refused %s", num1), "other", "*errors.errorString",
			"otelnotifier: an error of type *errors.errorString (its text is not recorded: it may contain a phone number)"},
		{fmt.Errorf("sending to %s: %w", num1, context.DeadlineExceeded), "deadline_exceeded", "*fmt.wrapError",
			"context deadline exceeded"},
	} {
		tm := newTelemetry(t)
		sms := tm.wrap(notifierFunc(func(_ context.Context, m notifier.Message) (notifier.Result, error) {
			return notifier.FailAll(m, tt.err), tt.err
		}))
		_, _ = sms.Send(context.Background(), message(num1))
		checkSpan(t, tm.onlySpan(t), wantSpan{
			Name: "notifier.Send",
			Attrs: map[string]any{
				"notifier.recipients":  int64(1),
				"notifier.template.id": "100001",
				"notifier.accepted":    int64(0),
				"notifier.failed":      int64(1),
				"notifier.error.kinds": []string{tt.kind},
			},
			Events: []event{{"exception", map[string]any{"exception.type": tt.typ, "exception.message": tt.desc}}},
			Status: sdktrace.Status{Code: codes.Error, Description: tt.desc},
		})
		ms := tm.metrics(t)
		checkMessages(t, ms, point(1, failed, kind(tt.kind)))
		assertAbsent(t, texts(tm.spans.Ended(), ms), "13800000001")
	}
}

// TestNilContextAndNilNotifier: caller bugs come back as errors, with a
// span, and never as a panic.
func TestNilContextAndNilNotifier(t *testing.T) {
	tm := newTelemetry(t)
	sms := tm.wrap(fake.New())
	//nolint:staticcheck // a nil context on purpose
	res, err := sms.Send(nil, message(num1))
	if !errors.Is(err, notifier.ErrNilContext) || len(res.Recipients) != 1 {
		t.Fatalf("Send(nil ctx) = %+v, %v; want ErrNilContext for the one recipient", res, err)
	}
	if k := attrs(tm.onlySpan(t).Attributes())["notifier.error.kinds"]; fmt.Sprint(k) != "[nil_context]" {
		t.Errorf("notifier.error.kinds = %v, want [nil_context]", k)
	}

	res, err = tm.wrap(nil).Send(context.Background(), message(num1, num2))
	if err == nil || len(res.Recipients) != 2 || res.Recipients[1].Err != err {
		t.Fatalf("Send on New(nil) = %+v, %v; want an error for every recipient", res, err)
	}
}

// TestGlobalProviders: without options the wrapper uses the global
// providers, including ones registered after New.
func TestGlobalProviders(t *testing.T) {
	tm := newTelemetry(t)
	sms := otelnotifier.New(fake.New())
	prevT, prevM := otel.GetTracerProvider(), otel.GetMeterProvider()
	otel.SetTracerProvider(tm.tp)
	otel.SetMeterProvider(tm.mp)
	t.Cleanup(func() {
		otel.SetTracerProvider(prevT)
		otel.SetMeterProvider(prevM)
	})
	if _, err := sms.Send(context.Background(), message(num1)); err != nil {
		t.Fatal(err)
	}
	if name := tm.onlySpan(t).Name(); name != "notifier.Send" {
		t.Errorf("span %q, want notifier.Send", name)
	}
	checkMessages(t, tm.metrics(t), point(1, accepted))
}
