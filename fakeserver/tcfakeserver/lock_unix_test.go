//go:build unix

package tcfakeserver

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestLockBuildExcludes(t *testing.T) {
	saved := buildLockPath
	buildLockPath = filepath.Join(t.TempDir(), "build.lock")
	t.Cleanup(func() { buildLockPath = saved })

	unlock, err := lockBuild(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A second holder (as another process would be) waits until its
	// context ends.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := lockBuild(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second lockBuild while held: %v, want context.DeadlineExceeded", err)
	}

	// Once released, a waiter gets it.
	got := make(chan error, 1)
	go func() {
		u, err := lockBuild(context.Background())
		if err == nil {
			u()
		}
		got <- err
	}()
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("lockBuild after release: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("lockBuild did not get the released lock")
	}
}
