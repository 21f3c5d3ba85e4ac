package otelnotifier_test

import (
	"context"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/otelnotifier"
)

// BenchmarkSend measures the wrapper's overhead over the in-memory fake
// (the cheapest Notifier there is, so the overhead shows in full):
//
//   - impl=fake: the fake alone;
//   - impl=otel-noop: wrapped, with no-op providers (what the global
//     providers are until an application installs an SDK);
//   - impl=otel-sdk: wrapped, with the SDK: a batching span processor
//     with an exporter that discards, and a manual metric reader.
//
// outcome=accepted sends to one number; outcome=partial to two, one of
// them rate-limited. Compare with benchstat:
//
//	go test -run '^$' -bench Send -count 10 ./ | benchstat -col /impl -
func BenchmarkSend(b *testing.B) {
	impls := []struct {
		name string
		wrap func(b *testing.B, n notifier.Notifier) notifier.Notifier
	}{
		{"fake", func(_ *testing.B, n notifier.Notifier) notifier.Notifier { return n }},
		{"otel-noop", func(_ *testing.B, n notifier.Notifier) notifier.Notifier {
			return otelnotifier.New(n, otelnotifier.WithTracerProvider(tracenoop.NewTracerProvider()),
				otelnotifier.WithMeterProvider(metricnoop.NewMeterProvider()))
		}},
		{"otel-sdk", func(b *testing.B, n notifier.Notifier) notifier.Notifier {
			tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(tracetest.NewNoopExporter()))
			mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))
			b.Cleanup(func() {
				_ = tp.Shutdown(context.Background())
				_ = mp.Shutdown(context.Background())
			})
			return otelnotifier.New(n, otelnotifier.WithTracerProvider(tp), otelnotifier.WithMeterProvider(mp))
		}},
	}
	outcomes := []struct {
		name string
		to   []string
	}{
		{"accepted", []string{num1}},
		{"partial", []string{num1, num2}},
	}
	ctx := context.Background()
	for _, o := range outcomes {
		for _, impl := range impls {
			b.Run("outcome="+o.name+"/impl="+impl.name, func(b *testing.B) {
				f := fake.New()
				f.FailNumber(num2, notifier.ErrRateLimited)
				n := impl.wrap(b, f)
				m := message(o.to...)
				b.ReportAllocs()
				for b.Loop() {
					res, err := n.Send(ctx, m)
					if res.Recipients[0].MessageID == "" || (err != nil) != (len(o.to) == 2) {
						b.Fatalf("Send: %+v, %v", res, err)
					}
				}
			})
		}
	}
}
