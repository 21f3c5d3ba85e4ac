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
//	go test -run '^$' -bench RunPrebuilt -benchtime 1x -count 5 ./fakeserver/tcfakeserver
//
// for five single-start samples, whose median is the start-up time.
func BenchmarkRunPrebuilt(b *testing.B) {
	requireDocker(b)
	ctx := context.Background()

	// The first Run builds (or finds) the image from source; its
	// reference is then passed as a prebuilt image.
	quiet := testcontainers.WithLogger(log.TestLogger(b))
	warm, err := tcfakeserver.Run(ctx, quiet)
	if err != nil {
		_ = testcontainers.TerminateContainer(warm)
		b.Fatal(err)
	}
	info, err := warm.Inspect(ctx)
	_ = testcontainers.TerminateContainer(warm)
	if err != nil {
		b.Fatal(err)
	}
	image := tcfakeserver.WithImage(info.Config.Image)

	b.ResetTimer()
	for range b.N {
		ctr, err := tcfakeserver.Run(ctx, quiet, image)
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
