package otelnotifier_test

import (
	"context"
	"fmt"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/otelnotifier"
)

// A partial failure as a trace shows it: the span counts the recipients,
// names the failure's kind and code, and (with WithMaskedNumbers) the
// failed recipient's masked number. In production the tracer provider is
// the application's own, with its exporter; tracetest stands in here.
func Example() {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))

	sms := fake.New() // in production: a *tencent.Client
	sms.FailNumber("+8613800000002", notifier.ErrRateLimited)
	n := otelnotifier.New(sms, otelnotifier.WithTracerProvider(tp), otelnotifier.WithMaskedNumbers())

	_, err := n.Send(context.Background(), notifier.Message{
		To:       []string{"+8613800000001", "+8613800000002"},
		Template: "100001",
		Params:   []string{"4370"},
	})
	fmt.Println("error:", err != nil)

	span := spans.Ended()[0]
	fmt.Println(span.Name(), span.Status().Code)
	for _, a := range span.Attributes() {
		fmt.Printf("  %s = %s\n", a.Key, a.Value.Emit())
	}
	for _, e := range span.Events() {
		fmt.Println(" event", e.Name)
		for _, a := range e.Attributes {
			fmt.Printf("  %s = %s\n", a.Key, a.Value.Emit())
		}
	}
	// Output:
	// error: true
	// notifier.Send Error
	//   notifier.recipients = 2
	//   notifier.template.id = 100001
	//   notifier.numbers = ["+86138****0001","+86138****0002"]
	//   notifier.accepted = 1
	//   notifier.failed = 1
	//   notifier.error.kinds = ["rate_limited"]
	//   notifier.error.codes = ["Fake.Injected"]
	//  event notifier.recipient.failed
	//   notifier.recipient.index = 1
	//   notifier.error.kind = rate_limited
	//   notifier.error.code = Fake.Injected
	//   notifier.recipient.number = +86138****0002
	//  event exception
	//   exception.type = *notifier.Error
	//   exception.message = notifier: rate limited (Fake.Injected)
}

// The wrapper keeps the wrapped Notifier's optional capabilities: a type
// assertion finds notifier.ReceiptPuller on it when the wrapped one has
// it, and Unwrap reaches anything else.
func ExampleNew_capabilities() {
	n := otelnotifier.New(fake.New()) // global providers
	_, canPull := n.(notifier.ReceiptPuller)
	_, isFake := n.(notifier.Unwrapper).Unwrap().(*fake.Fake)
	fmt.Println(canPull, isFake)
	// Output: true true
}
