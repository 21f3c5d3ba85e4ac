package otelnotifier_test

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/otelnotifier"
)

// telemetry is an SDK tracer provider recording into memory and a meter
// provider read by hand, for asserting exactly what the wrapper emits.
type telemetry struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	mp     *sdkmetric.MeterProvider
}

func newTelemetry(t testing.TB) *telemetry {
	t.Helper()
	tm := &telemetry{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tm.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tm.spans))
	tm.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(tm.reader))
	t.Cleanup(func() {
		_ = tm.tp.Shutdown(context.Background())
		_ = tm.mp.Shutdown(context.Background())
	})
	return tm
}

// wrap instruments n with tm's providers and opts.
func (tm *telemetry) wrap(n notifier.Notifier, opts ...otelnotifier.Option) notifier.Notifier {
	return otelnotifier.New(n, append([]otelnotifier.Option{
		otelnotifier.WithTracerProvider(tm.tp), otelnotifier.WithMeterProvider(tm.mp)}, opts...)...)
}

// onlySpan returns the one span that ended, failing unless there is
// exactly one.
func (tm *telemetry) onlySpan(t *testing.T) sdktrace.ReadOnlySpan {
	t.Helper()
	ended := tm.spans.Ended()
	if len(ended) != 1 {
		t.Fatalf("%d spans ended, want 1", len(ended))
	}
	return ended[0]
}

// metrics collects the wrapper's metrics by name, checking their scope.
func (tm *telemetry) metrics(t *testing.T) map[string]metricdata.Metrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tm.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]metricdata.Metrics{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != otelnotifier.ScopeName {
			t.Errorf("metrics in scope %q, want %q", sm.Scope.Name, otelnotifier.ScopeName)
		}
		for _, m := range sm.Metrics {
			out[m.Name] = m
		}
	}
	return out
}

// attrs turns attributes into a map for comparison: ints are int64,
// string slices []string.
func attrs(kvs []attribute.KeyValue) map[string]any {
	out := make(map[string]any, len(kvs))
	for _, kv := range kvs {
		out[string(kv.Key)] = kv.Value.AsInterface()
	}
	return out
}

// event is a span event without its time.
type event struct {
	Name  string
	Attrs map[string]any
}

// wantSpan is what a span must be, exactly.
type wantSpan struct {
	Name   string
	Attrs  map[string]any
	Events []event
	Status sdktrace.Status
}

func checkSpan(t *testing.T, got sdktrace.ReadOnlySpan, want wantSpan) {
	t.Helper()
	if got.Name() != want.Name {
		t.Errorf("span name %q, want %q", got.Name(), want.Name)
	}
	if got.InstrumentationScope().Name != otelnotifier.ScopeName {
		t.Errorf("span scope %q, want %q", got.InstrumentationScope().Name, otelnotifier.ScopeName)
	}
	if a := attrs(got.Attributes()); !reflect.DeepEqual(a, want.Attrs) {
		t.Errorf("span attributes:\n got %v\nwant %v", a, want.Attrs)
	}
	var events []event
	for _, e := range got.Events() {
		events = append(events, event{e.Name, attrs(e.Attributes)})
	}
	if !reflect.DeepEqual(events, want.Events) {
		t.Errorf("span events:\n got %v\nwant %v", events, want.Events)
	}
	if got.Status() != want.Status {
		t.Errorf("span status %+v, want %+v", got.Status(), want.Status)
	}
}

// texts returns every string the spans and metrics carry: names,
// attribute keys and values, event attributes, status descriptions.
func texts(spans []sdktrace.ReadOnlySpan, ms map[string]metricdata.Metrics) []string {
	var out []string
	addAttrs := func(kvs []attribute.KeyValue) {
		for _, kv := range kvs {
			out = append(out, string(kv.Key), kv.Value.Emit())
			out = append(out, kv.Value.AsStringSlice()...)
		}
	}
	for _, s := range spans {
		out = append(out, s.Name(), s.Status().Description)
		addAttrs(s.Attributes())
		for _, e := range s.Events() {
			out = append(out, e.Name)
			addAttrs(e.Attributes)
		}
	}
	for _, m := range ms {
		out = append(out, m.Name, m.Description)
		switch d := m.Data.(type) {
		case metricdata.Sum[int64]:
			for _, dp := range d.DataPoints {
				addAttrs(dp.Attributes.ToSlice())
			}
		case metricdata.Histogram[float64]:
			for _, dp := range d.DataPoints {
				addAttrs(dp.Attributes.ToSlice())
			}
		}
	}
	return out
}

// assertAbsent fails if any telemetry text contains one of private.
func assertAbsent(t *testing.T, all []string, private ...string) {
	t.Helper()
	for _, s := range all {
		for _, p := range private {
			if strings.Contains(s, p) {
				t.Errorf("telemetry holds %q in %q", p, s)
			}
		}
	}
}

// notifierFunc is a Notifier made of a func, for results no real
// implementation produces on demand.
type notifierFunc func(ctx context.Context, m notifier.Message) (notifier.Result, error)

func (f notifierFunc) Send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	return f(ctx, m)
}

// wantMessages is the notifier.messages counter with exactly points.
func wantMessages(points ...metricdata.DataPoint[int64]) metricdata.Metrics {
	return metricdata.Metrics{
		Name:        "notifier.messages",
		Description: "SMS messages handed to the provider, one per recipient, by outcome, error kind and provider code.",
		Unit:        "{message}",
		Data: metricdata.Sum[int64]{
			Temporality: metricdata.CumulativeTemporality,
			IsMonotonic: true,
			DataPoints:  points,
		},
	}
}

// point is a counter data point of value n with attributes kvs.
func point(n int64, kvs ...attribute.KeyValue) metricdata.DataPoint[int64] {
	return metricdata.DataPoint[int64]{Attributes: attribute.NewSet(kvs...), Value: n}
}

// checkMessages asserts the notifier.messages counter exactly.
func checkMessages(t *testing.T, ms map[string]metricdata.Metrics, points ...metricdata.DataPoint[int64]) {
	t.Helper()
	got, ok := ms["notifier.messages"]
	if !ok && len(points) == 0 {
		return
	}
	metricdatatest.AssertEqual(t, wantMessages(points...), got, metricdatatest.IgnoreTimestamp(), metricdatatest.IgnoreExemplars())
}

// buckets is the documented bucket layout of notifier.send.duration.
var buckets = []float64{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// checkDuration asserts the notifier.send.duration histogram: its
// metadata, bounds, and how many Sends each outcome counted. The values
// themselves are wall-clock time and not asserted.
func checkDuration(t *testing.T, ms map[string]metricdata.Metrics, counts map[string]uint64) {
	t.Helper()
	m, ok := ms["notifier.send.duration"]
	if !ok {
		t.Fatal("no notifier.send.duration metric")
	}
	if m.Unit != "s" || m.Description != "Duration of Notifier.Send calls, by outcome." {
		t.Errorf("duration unit %q, description %q", m.Unit, m.Description)
	}
	h, ok := m.Data.(metricdata.Histogram[float64])
	if !ok || h.Temporality != metricdata.CumulativeTemporality {
		t.Fatalf("duration is %T (%+v), want a cumulative Histogram[float64]", m.Data, m.Data)
	}
	got := map[string]uint64{}
	for _, dp := range h.DataPoints {
		outcome, _ := dp.Attributes.Value("notifier.send.outcome")
		if dp.Attributes.Len() != 1 {
			t.Errorf("duration point attributes %v, want notifier.send.outcome only", dp.Attributes.ToSlice())
		}
		got[outcome.AsString()] = dp.Count
		if !slices.Equal(dp.Bounds, buckets) {
			t.Errorf("duration bounds %v, want %v", dp.Bounds, buckets)
		}
		var inBuckets uint64
		for _, n := range dp.BucketCounts {
			inBuckets += n
		}
		if inBuckets != dp.Count {
			t.Errorf("duration buckets hold %d, count is %d", inBuckets, dp.Count)
		}
	}
	if !maps.Equal(got, counts) {
		t.Errorf("duration counts by outcome %v, want %v", got, counts)
	}
}
