package notifiertest_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/notifiertest"
)

// tencentLike are rules shaped like the Tencent adapter's, written out
// here so that notifiertest's tests need no provider package.
var tencentLike = notifier.Rules{
	Provider:       "Tencent-like",
	NoBody:         true,
	MaxRecipients:  1000,
	KnownTemplates: true,
	Domestic:       []string{"+86"},
	SignRequired:   []string{"+86"},
	CheckNumber: func(n string) error {
		if strings.HasPrefix(n, "+86") && (len(n) != 14 || n[3] != '1') {
			return errors.New("not a mainland mobile number")
		}
		return nil
	},
}

// diffHarness is a fake, maybe wrapped, that registers templates.
type diffHarness struct {
	harness
	text func(string) string // rewrites Delivery.Text, when set
}

func newDiffHarness(r notifier.Rules, wrap func(*fake.Fake) notifier.Notifier) diffHarness {
	f := fake.New(fake.WithRules(r))
	h := diffHarness{harness: harness{f: f, n: f}}
	if wrap != nil {
		h.n = wrap(f)
	}
	return h
}

func (h diffHarness) AddTemplate(_ context.Context, t notifiertest.Template) error {
	if t.International {
		h.f.SetInternationalTemplate(t.ID, t.Text)
	} else {
		h.f.SetTemplate(t.ID, t.Text)
	}
	return nil
}

func (h diffHarness) Delivered(ctx context.Context) ([]notifiertest.Delivery, error) {
	ds, err := h.harness.Delivered(ctx)
	for i := range ds {
		if h.text != nil {
			ds[i].Text = h.text(ds[i].Text)
		}
	}
	return ds, err
}

// withoutKnownTemplates is tencentLike for a backend that accepts
// templates nobody registered.
func withoutKnownTemplates() notifier.Rules {
	r := tencentLike
	r.KnownTemplates = false
	return r
}

// diffPairs are reference and candidate pairs, with the subtests Diff must
// fail ("" for none) and text its output must hold.
var diffPairs = map[string]struct {
	reference, candidate func() notifiertest.Harness
	fail                 []string
	output               string
}{
	"the same rules": {
		reference: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		candidate: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
	},
	"a lenient reference": {
		reference: func() notifiertest.Harness { return newDiffHarness(withoutKnownTemplates(), nil) },
		candidate: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		output:    "as a lenient backend may",
	},
	"a lenient candidate": {
		reference: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		candidate: func() notifiertest.Harness { return newDiffHarness(withoutKnownTemplates(), nil) },
		fail:      []string{"UnregisteredTemplate", "UnregisteredTemplateAmongMalformed"},
	},
	"a fake without rules": {
		reference: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		candidate: func() notifiertest.Harness { return newDiffHarness(notifier.Rules{MaxRecipients: 200}, nil) },
		fail: []string{"BodyOnly", "BodyAndTemplate", "NoSignMainland", "NoSignAmongMalformed", "MixedMarketsDomesticTemplate",
			"InternationalTemplateToMainland", "Recipients201", "NotMainlandMobile", "AllMalformed", "UnregisteredTemplate"},
	},
	"request errors reported as the recipients' own": {
		reference: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		candidate: func() notifiertest.Harness {
			return newDiffHarness(tencentLike, func(f *fake.Fake) notifier.Notifier {
				return sendFunc(func(ctx context.Context, m notifier.Message) (notifier.Result, error) {
					res, _ := f.Send(ctx, m)
					for i, rc := range res.Recipients {
						var ne *notifier.Error
						if errors.As(rc.Err, &ne) && ne.Recipient == "" {
							own := *ne
							own.Recipient = rc.Number
							res.Recipients[i].Err = &own
						}
					}
					return res, res.Err()
				})
			})
		},
		fail: []string{"NoSignMainland", "BodyOnly", "Recipients1001", "MixedMarketsDomesticTemplate"},
	},
	"another rendering": {
		reference: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		candidate: func() notifiertest.Harness {
			h := newDiffHarness(tencentLike, nil)
			h.text = func(s string) string { return strings.Replace(s, "【Notifier】", "[Notifier] ", 1) }
			return h
		},
		fail:   []string{"OneMainland", "TwoParams"},
		output: `text of`,
	},
	"no TemplateAdder": {
		reference: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil) },
		candidate: func() notifiertest.Harness { return newDiffHarness(tencentLike, nil).harness },
		fail:      []string{"OneMainland"},
		output:    "does not implement notifiertest.TemplateAdder",
	},
}

// TestDiffSubprocess runs Diff on one pair when TestDiffCatchesDifferences
// starts it.
func TestDiffSubprocess(t *testing.T) {
	name := os.Getenv("NOTIFIERTEST_DIFF")
	if name == "" {
		t.Skip("runs only as a subprocess of TestDiffCatchesDifferences")
	}
	p := diffPairs[name]
	notifiertest.Diff(t, func(*testing.T) notifiertest.Harness { return p.reference() },
		func(*testing.T) notifiertest.Harness { return p.candidate() })
}

// TestDiffCatchesDifferences: Diff passes two implementations that agree,
// tolerates a reference that is lenient only where the table allows it,
// and fails each pair that differs in the subtests where they differ.
func TestDiffCatchesDifferences(t *testing.T) {
	if os.Getenv("NOTIFIERTEST_DIFF") != "" {
		t.Skip("subprocess")
	}
	for name, p := range diffPairs {
		t.Run(name, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestDiffSubprocess$", "-test.v")
			cmd.Env = append(os.Environ(), "NOTIFIERTEST_DIFF="+name)
			out, err := cmd.CombinedOutput()
			if (err == nil) != (len(p.fail) == 0) {
				t.Fatalf("Diff passed=%v, want passed=%v:\n%s", err == nil, len(p.fail) == 0, out)
			}
			for _, sub := range p.fail {
				if !strings.Contains(string(out), "--- FAIL: TestDiffSubprocess/"+sub+" ") {
					t.Errorf("subtest %s did not fail:\n%s", sub, out)
				}
			}
			if !strings.Contains(string(out), p.output) {
				t.Errorf("output does not say %q:\n%s", p.output, out)
			}
			if n := strings.Count(string(out), "--- PASS: TestDiffSubprocess/") + strings.Count(string(out), "--- FAIL: TestDiffSubprocess/"); n < 20 {
				t.Errorf("Diff ran %d messages, want at least 20", n)
			}
		})
	}
}

// TestFakeHarness: FakeHarness serves the contract suite, and both sides
// of the differential suite.
func TestFakeHarness(t *testing.T) {
	notifiertest.Run(t, func(*testing.T) notifiertest.Harness {
		return notifiertest.FakeHarness(fake.New(), notifiertest.Capabilities{MaxRecipients: fake.DefaultMaxRecipients, Body: true, Receipts: true})
	})
	newHarness := func(*testing.T) notifiertest.Harness {
		return notifiertest.FakeHarness(fake.New(fake.WithRules(tencentLike)), notifiertest.Capabilities{})
	}
	notifiertest.Diff(t, newHarness, newHarness)
}
