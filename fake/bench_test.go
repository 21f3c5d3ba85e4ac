package fake_test

import (
	"context"
	"testing"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

// resetEvery is how many sends the benchmarks let a Fake record before
// resetting it (timed, Reset is cheap): a unit test records thousands of
// messages, not the millions b.N reaches, and a record of millions makes
// the benchmark measure the garbage collector scanning it.
const resetEvery = 10_000

// BenchmarkSend measures the hot path the issue bounds: one recipient, a
// template with one parameter, default options.
func BenchmarkSend(b *testing.B) {
	benchSend(b, fake.New(), resetEvery)
}

// BenchmarkSendNeverReset is BenchmarkSend keeping every message, so the
// record grows to b.N entries.
func BenchmarkSendNeverReset(b *testing.B) {
	benchSend(b, fake.New(), 0)
}

// BenchmarkSendRegisteredTemplate adds rendering the template text.
func BenchmarkSendRegisteredTemplate(b *testing.B) {
	benchSend(b, fake.New(fake.WithTemplate("100001", "Your code is {1}, valid for 5 minutes.")), resetEvery)
}

// benchSend sends the one-recipient code message through f in a loop,
// resetting f every resetAfter sends (never when resetAfter is 0).
func benchSend(b *testing.B, f *fake.Fake, resetAfter int) {
	m := notifier.Message{To: []string{num1}, Template: "100001", Params: []string{"123456"}, Sign: "Notifier"}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := f.Send(ctx, m); err != nil {
			b.Fatal(err)
		}
		if n++; n == resetAfter {
			f.Reset()
			n = 0
		}
	}
}

// BenchmarkSendParallel measures contention on the fake's lock.
func BenchmarkSendParallel(b *testing.B) {
	f := fake.New()
	m := notifier.Message{To: []string{num1}, Template: "100001", Params: []string{"123456"}}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			if _, err := f.Send(ctx, m); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
