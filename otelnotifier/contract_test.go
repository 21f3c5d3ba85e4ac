package otelnotifier_test

import (
	"context"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/notifiertest"
)

// TestContract runs the Notifier contract suite against the wrapper around
// the in-memory fake: instrumenting a Notifier must not change what it
// does. Receipts are declared, so the suite also proves that the wrapper
// passes notifier.ReceiptPuller through. Every span the suite caused must
// have ended.
func TestContract(t *testing.T) {
	tm := newTelemetry(t)
	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
		f := fake.New()
		return harness{f: f, n: tm.wrap(f)}
	})
	started, ended := len(tm.spans.Started()), len(tm.spans.Ended())
	if started == 0 || started != ended {
		t.Errorf("%d spans started, %d ended; want all of at least one ended", started, ended)
	}
}

// harness adapts the wrapper and its fake to notifiertest.Harness.
type harness struct {
	f *fake.Fake
	n notifier.Notifier
}

func (h harness) Notifier() notifier.Notifier { return h.n }

func (h harness) Delivered(context.Context) ([]notifiertest.Delivery, error) {
	sent := h.f.Messages()
	out := make([]notifiertest.Delivery, len(sent))
	for i, s := range sent {
		out[i] = notifiertest.Delivery{Number: s.Number, MessageID: s.MessageID, Template: s.Template,
			Params: s.Params, Body: s.Body, Sign: s.Sign, Tag: s.Tag, Text: s.Text}
	}
	return out, nil
}

func (h harness) FailRecipient(_ context.Context, number string, kind error) error {
	h.f.FailNumber(number, kind)
	return nil
}

func (h harness) Capabilities() notifiertest.Capabilities {
	return notifiertest.Capabilities{MaxRecipients: fake.DefaultMaxRecipients, Body: true, Receipts: true}
}
