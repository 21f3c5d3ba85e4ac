package notifier_test

import (
	"context"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/notifiertest"
)

// TestContractFake runs the contract suite against the in-memory fake.
func TestContractFake(t *testing.T) {
	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness {
		return fakeHarness{fake.New()}
	})
}

// fakeHarness adapts a *fake.Fake to notifiertest.Harness.
type fakeHarness struct{ f *fake.Fake }

func (h fakeHarness) Notifier() notifier.Notifier { return h.f }

func (h fakeHarness) Delivered(context.Context) ([]notifiertest.Delivery, error) {
	sent := h.f.Messages()
	out := make([]notifiertest.Delivery, len(sent))
	for i, s := range sent {
		out[i] = notifiertest.Delivery{Number: s.Number, MessageID: s.MessageID, Template: s.Template,
			Params: s.Params, Body: s.Body, Sign: s.Sign, Tag: s.Tag, Text: s.Text}
	}
	return out, nil
}

func (h fakeHarness) FailRecipient(_ context.Context, number string, kind error) error {
	h.f.FailNumber(number, kind)
	return nil
}

func (h fakeHarness) Capabilities() notifiertest.Capabilities {
	return notifiertest.Capabilities{MaxRecipients: fake.DefaultMaxRecipients, Body: true, Receipts: true}
}
