package notifier_test

import (
	"context"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
	"github.com/notifykit/notifier/tencent"
)

// BenchmarkFakeSendTencentRules measures the fake's hot path with the
// Tencent adapter's rules: one mainland recipient, a registered template
// with one parameter, a sign. It lives here, not in package fake, because
// the fake does not import the tencent package, even in its tests. The
// fake is reset every 10,000 sends, as a unit test records thousands of
// messages, not the millions b.N reaches.
func BenchmarkFakeSendTencentRules(b *testing.B) {
	f := fake.New(fake.WithRules(tencent.Rules()), fake.WithTemplate("100001", "Your code is {1}, valid for 5 minutes."))
	m := notifier.Message{To: []string{"+8613800000001"}, Template: "100001", Params: []string{"123456"}, Sign: "Notifier"}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := f.Send(ctx, m); err != nil {
			b.Fatal(err)
		}
		if n++; n == 10_000 {
			f.Reset()
			n = 0
		}
	}
}
