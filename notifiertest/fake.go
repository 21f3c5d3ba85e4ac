package notifiertest

import (
	"context"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

// FakeHarness returns a Harness for the in-memory fake f, declaring caps:
// Delivered reads f.Messages, FailRecipient uses f.FailNumber, and the
// harness is a TemplateAdder (SetTemplate, or SetInternationalTemplate), so
// it serves both Run and Diff. The candidate of the Tencent differential
// suite is one line:
//
//	notifiertest.Diff(t, newAdapterHarness, func(*testing.T) notifiertest.Harness {
//		return notifiertest.FakeHarness(fake.New(fake.WithRules(tencent.Rules())), notifiertest.Capabilities{})
//	})
func FakeHarness(f *fake.Fake, caps Capabilities) Harness {
	return fakeHarness{f: f, caps: caps}
}

type fakeHarness struct {
	f    *fake.Fake
	caps Capabilities
}

var _ TemplateAdder = fakeHarness{}

func (h fakeHarness) Notifier() notifier.Notifier { return h.f }

func (h fakeHarness) Delivered(context.Context) ([]Delivery, error) {
	sent := h.f.Messages()
	out := make([]Delivery, len(sent))
	for i, s := range sent {
		out[i] = Delivery{Number: s.Number, MessageID: s.MessageID, Template: s.Template, Params: s.Params,
			Body: s.Body, Sign: s.Sign, Tag: s.Tag, Text: s.Text}
	}
	return out, nil
}

func (h fakeHarness) FailRecipient(_ context.Context, number string, kind error) error {
	h.f.FailNumber(number, kind)
	return nil
}

func (h fakeHarness) Capabilities() Capabilities { return h.caps }

func (h fakeHarness) AddTemplate(_ context.Context, t Template) error {
	if t.International {
		h.f.SetInternationalTemplate(t.ID, t.Text)
	} else {
		h.f.SetTemplate(t.ID, t.Text)
	}
	return nil
}
