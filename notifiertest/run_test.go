package notifiertest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/notifiertest"
)

// harness adapts a *fake.Fake, optionally wrapped in a broken Notifier.
type harness struct {
	f     *fake.Fake
	n     notifier.Notifier
	limit int
}

func (h harness) Notifier() notifier.Notifier { return h.n }

func (h harness) Delivered(context.Context) ([]notifiertest.Delivery, error) {
	var out []notifiertest.Delivery
	for _, s := range h.f.Messages() {
		out = append(out, notifiertest.Delivery{Number: s.Number, MessageID: s.MessageID, Template: s.Template,
			Params: s.Params, Body: s.Body, Sign: s.Sign, Tag: s.Tag, Text: s.Text})
	}
	return out, nil
}

func (h harness) FailRecipient(_ context.Context, number string, kind error) error {
	h.f.FailNumber(number, kind)
	return nil
}

func (h harness) Capabilities() notifiertest.Capabilities {
	return notifiertest.Capabilities{MaxRecipients: h.limit, Body: true, Receipts: true}
}

// sendFunc turns a function into a Notifier.
type sendFunc func(context.Context, notifier.Message) (notifier.Result, error)

func (f sendFunc) Send(ctx context.Context, m notifier.Message) (notifier.Result, error) {
	return f(ctx, m)
}

// broken lists implementations that each break one rule, with the subtests
// that must catch them.
var broken = map[string]struct {
	harness func() harness
	catch   []string
}{
	"swallows partial failure": {
		harness: func() harness {
			f := fake.New()
			return harness{f: f, limit: fake.DefaultMaxRecipients, n: sendFunc(func(ctx context.Context, m notifier.Message) (notifier.Result, error) {
				res, err := f.Send(ctx, m)
				if len(res.Accepted()) > 0 {
					err = nil
				}
				return res, err
			})}
		},
		catch: []string{"InvalidRecipientPartialFailure", "RateLimitedRecipient"},
	},
	"returns only the first failure": {
		harness: func() harness {
			f := fake.New()
			return harness{f: f, limit: fake.DefaultMaxRecipients, n: sendFunc(func(ctx context.Context, m notifier.Message) (notifier.Result, error) {
				res, err := f.Send(ctx, m)
				if failed := res.Failed(); len(failed) > 0 {
					err = failed[0].Err
				}
				return res, err
			})}
		},
		catch: []string{"MixedFailureKinds", "AllRecipientsInvalid"},
	},
	"ignores its context": {
		harness: func() harness {
			f := fake.New()
			return harness{f: f, limit: fake.DefaultMaxRecipients, n: sendFunc(func(_ context.Context, m notifier.Message) (notifier.Result, error) {
				return f.Send(context.Background(), m)
			})}
		},
		catch: []string{"CanceledContext", "ExpiredDeadline"},
	},
	"exceeds the declared batch limit": {
		harness: func() harness {
			f := fake.New(fake.WithMaxRecipients(500))
			return harness{f: f, n: f, limit: 20}
		},
		catch: []string{"OverMaxRecipients"},
	},
	"drops the tag and reverses recipients": {
		harness: func() harness {
			f := fake.New()
			return harness{f: f, limit: fake.DefaultMaxRecipients, n: sendFunc(func(ctx context.Context, m notifier.Message) (notifier.Result, error) {
				res, err := f.Send(ctx, m)
				res.Tag = ""
				for i, j := 0, len(res.Recipients)-1; i < j; i, j = i+1, j-1 {
					res.Recipients[i], res.Recipients[j] = res.Recipients[j], res.Recipients[i]
				}
				return res, err
			})}
		},
		catch: []string{"SendOne", "TagEchoed", "ManyRecipientsInOrder"},
	},
}

// TestRunPassesFake: the suite passes a correct implementation with
// nothing skipped.
func TestRunPassesFake(t *testing.T) {
	if os.Getenv("NOTIFIERTEST_BROKEN") != "" {
		t.Skip("subprocess of TestRunCatchesBrokenImplementations")
	}
	var mu sync.Mutex // guards skipped
	var skipped []string
	notifiertest.Run(t, func(st *testing.T) notifiertest.Harness {
		st.Cleanup(func() {
			if st.Skipped() {
				mu.Lock()
				skipped = append(skipped, st.Name())
				mu.Unlock()
			}
		})
		f := fake.New()
		return harness{f: f, n: f, limit: fake.DefaultMaxRecipients}
	})
	if len(skipped) > 0 {
		t.Errorf("subtests skipped against a harness that can do everything: %v", skipped)
	}
}

// TestBrokenSubprocess runs the suite against one broken implementation
// when TestRunCatchesBrokenImplementations starts it.
func TestBrokenSubprocess(t *testing.T) {
	name := os.Getenv("NOTIFIERTEST_BROKEN")
	if name == "" {
		t.Skip("runs only as a subprocess of TestRunCatchesBrokenImplementations")
	}
	notifiertest.Run(t, func(t *testing.T) notifiertest.Harness { return broken[name].harness() })
}

// TestRunCatchesBrokenImplementations: the suite fails each broken
// implementation in the subtests that check the rule it breaks.
func TestRunCatchesBrokenImplementations(t *testing.T) {
	if os.Getenv("NOTIFIERTEST_BROKEN") != "" {
		t.Skip("subprocess")
	}
	for name, b := range broken {
		t.Run(name, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestBrokenSubprocess$", "-test.v")
			cmd.Env = append(os.Environ(), "NOTIFIERTEST_BROKEN="+name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a broken implementation:\n%s", out)
			}
			for _, sub := range b.catch {
				if !strings.Contains(string(out), "--- FAIL: TestBrokenSubprocess/"+sub+" ") {
					t.Errorf("subtest %s did not fail:\n%s", sub, out)
				}
			}
		})
	}
}
