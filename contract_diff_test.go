package notifier_test

import (
	"context"
	"testing"

	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/notifiertest"
	"github.com/notifykit/notifier/tencent"
)

// TestDiffFakeAgainstTencent runs the differential suite: the fake with
// tencent.Rules() must accept and refuse exactly what the Tencent adapter
// does against the fake server, in permissive and in strict mode. Only the
// permissive server may accept an unregistered template (the table says
// why). One signing mode is enough here: the contract suite covers the
// four.
func TestDiffFakeAgainstTencent(t *testing.T) {
	for _, mode := range []struct {
		name string
		opts []fakeserver.Option
	}{
		{"permissive", nil},
		{"strict", []fakeserver.Option{fakeserver.WithStrict(),
			fakeserver.WithApps(fakeserver.App{ID: "1400006666"}),
			fakeserver.WithSigns(fakeserver.Sign{Name: "Notifier"})}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			notifiertest.Diff(t, func(t *testing.T) notifiertest.Harness {
				srv := fakeserver.Run(t, mode.opts...)
				return &tencentHarness{srv: srv, client: newFakeServerClient(t, srv, tencent.SignTC3, "POST")}
			}, newRulesFakeHarness)
		})
	}
}

// newRulesFakeHarness is the fake as a unit test should make it: with the
// Tencent adapter's rules.
func newRulesFakeHarness(*testing.T) notifiertest.Harness {
	return notifiertest.FakeHarness(fake.New(fake.WithRules(tencent.Rules())),
		notifiertest.Capabilities{MaxRecipients: tencent.DefaultMaxRecipients, Receipts: true})
}

// AddTemplate registers t with the fake server, approved, for the
// differential suite.
func (h *tencentHarness) AddTemplate(_ context.Context, t notifiertest.Template) error {
	return h.srv.AddTemplate(fakeserver.Template{ID: t.ID, Content: t.Text, International: t.International})
}
