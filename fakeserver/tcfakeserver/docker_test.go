package tcfakeserver_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/testcontainers/testcontainers-go"
)

// init sets, when the caller has not, the two testcontainers settings that a
// machine without registry access (and one that looks like a container to
// testcontainers) needs. It runs before the first testcontainers call reads
// its configuration, which it does once per process.
func init() {
	// The Ryuk reaper is an image testcontainers would pull, and nothing can
	// be pulled here; every test terminates its containers itself instead.
	setDefaultEnv("TESTCONTAINERS_RYUK_DISABLED", "true")
	// Inside something that looks like a container (a CI sandbox, a VM with
	// /.dockerenv) testcontainers would reach published ports through the
	// bridge gateway; they are published on the host's loopback as well, and
	// that is the address the tests may use.
	setDefaultEnv("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1")
}

func setDefaultEnv(key, value string) {
	if _, ok := os.LookupEnv(key); !ok {
		os.Setenv(key, value)
	}
}

// requireDocker skips t when no Docker daemon answers, unless CI=true, where
// a missing daemon fails the test: CI must run the container tests for real.
func requireDocker(t testing.TB) {
	t.Helper()
	if err := dockerHealth(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Docker is not usable: %v", err)
		}
		t.Skipf("skipping: Docker is not usable (%v); container tests run where a Docker daemon answers", err)
	}
}

// dockerHealth reports why Docker cannot be used, or nil.
func dockerHealth() (err error) {
	defer func() {
		// testcontainers panics in some set-ups without a daemon.
		if r := recover(); r != nil {
			err = fmt.Errorf("testcontainers panicked: %v", r)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	provider, err := testcontainers.ProviderDefault.GetProvider()
	if err != nil {
		return err
	}
	defer provider.Close()
	return provider.Health(ctx)
}

// sourceImage returns the image built from this repository's sources,
// building it on the first call of the test binary; it skips or fails t as
// requireDocker does.
func sourceImage(t testing.TB) string {
	t.Helper()
	requireDocker(t)
	builtImage.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		builtImage.ref, builtImage.err = tcfakeserver.BuildImage(ctx)
	})
	if builtImage.err != nil {
		t.Fatalf("BuildImage: %v", builtImage.err)
	}
	return builtImage.ref
}

// builtImage is what sourceImage's single BuildImage call returned.
var builtImage struct {
	once sync.Once
	ref  string
	err  error
}
