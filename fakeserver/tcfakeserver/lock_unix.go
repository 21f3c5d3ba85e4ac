//go:build unix

package tcfakeserver

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// buildLockPath is the lock file lockBuild uses; tests point it elsewhere.
var buildLockPath = filepath.Join(os.TempDir(), "notifier-tcfakeserver-build.lock")

// lockBuild takes a machine-wide lock around building the source image, so
// that test processes started together (go test ./... runs packages in
// parallel) build it once: the others wait, then find the image. It polls
// so that ctx can cancel the wait. The returned function releases the lock.
func lockBuild(ctx context.Context) (unlock func(), err error) {
	f, err := os.OpenFile(buildLockPath, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, fmt.Errorf("tcfakeserver: build lock: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("tcfakeserver: build lock: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("tcfakeserver: waiting for another process's image build: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
