package otelnotifier

import (
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"
)

// Option configures New.
type Option func(*config)

type config struct {
	tracerProvider trace.TracerProvider
	meterProvider  metric.MeterProvider
	numbers        bool
}

// WithTracerProvider makes the Notifier create its spans with tp. Without
// it, or with a nil tp, it uses the global provider (otel.GetTracerProvider),
// which follows a provider registered later with otel.SetTracerProvider.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tracerProvider = tp }
}

// WithMeterProvider makes the Notifier record its metrics with mp. Without
// it, or with a nil mp, it uses the global provider (otel.GetMeterProvider),
// which follows a provider registered later with otel.SetMeterProvider.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) { c.meterProvider = mp }
}

// WithMaskedNumbers makes spans carry recipients' phone numbers, masked by
// notifier.MaskNumber ("+86138****0000"): the notifier.numbers attribute
// of a Send span and notifier.recipient.number on its failure events.
// Without it no number, masked or not, is ever recorded. Metrics never
// carry numbers: they would make every number a time series.
func WithMaskedNumbers() Option {
	return func(c *config) { c.numbers = true }
}
