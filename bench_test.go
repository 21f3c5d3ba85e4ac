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
// with one parameter, a sign; "none" is the same send to a fake without
// rules, for the rules' cost. It lives here, not in package fake, because
// the fake does not import the tencent package, even in its tests. The
// fake is reset every 10,000 sends, as a unit test records thousands of
// messages, not the millions b.N reaches. cpu-ns/op is the process's CPU
// time per send (garbage collection included), which, unlike ns/op, does
// not grow when other processes compete for the CPU.
func BenchmarkFakeSendTencentRules(b *testing.B) {
	const text = "Your code is {1}, valid for 5 minutes."
	for _, bc := range []struct {
		name string
		opts []fake.Option
	}{
		{"tencent", []fake.Option{fake.WithRules(tencent.Rules()), fake.WithTemplate("100001", text)}},
		{"none", []fake.Option{fake.WithTemplate("100001", text)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f := fake.New(bc.opts...)
			m := notifier.Message{To: []string{"+8613800000001"}, Template: "100001", Params: []string{"123456"}, Sign: "Notifier"}
			ctx := context.Background()
			b.ReportAllocs()
			start, ok := processCPU()
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
			if end, ok2 := processCPU(); ok && ok2 {
				b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
