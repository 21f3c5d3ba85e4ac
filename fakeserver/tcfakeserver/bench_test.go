package tcfakeserver_test

import (
	"context"
	"testing"

	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/log"
)

// BenchmarkRunPrebuilt measures Run with an image that already exists, from
// the call to a server answering /_fake/healthz; removing the container is
// not timed. Run it as
//
//	cd fakeserver/tcfakeserver && go test -run '^$' -bench RunPrebuilt -benchtime 1x -count 5 .
//
// for five single-start samples, whose median is the start-up time.
func BenchmarkRunPrebuilt(b *testing.B) {
	img := sourceImage(b) // built (or found) before the timer starts
	ctx := context.Background()
	quiet := testcontainers.WithLogger(log.TestLogger(b))

	b.ResetTimer()
	for range b.N {
		ctr, err := tcfakeserver.Run(ctx, img, quiet)
		b.StopTimer()
		if terr := testcontainers.TerminateContainer(ctr); terr != nil {
			b.Fatal(terr)
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
