package tcfakeserver

import (
	"fmt"
	"time"

	"github.com/testcontainers/testcontainers-go"
)

// Labels of every container Run starts. Find leftovers with
//
//	docker ps -a --filter label=com.github.notifykit.fakeserver
//
// and remove the ones that have exited with
//
//	docker container prune --filter label=com.github.notifykit.fakeserver
const (
	// Label marks a container started by Run; its value is "true".
	Label = "com.github.notifykit.fakeserver"
	// ExpiresLabel holds the time (RFC 3339, UTC) after which the server in
	// the container exits by itself (see WithMaxLifetime); absent when the
	// lifetime is unlimited.
	ExpiresLabel = "com.github.notifykit.fakeserver.expires"
)

// DefaultMaxLifetime is how long a container started by Run serves unless
// WithMaxLifetime says otherwise. It is far longer than a test run (go test
// stops a test binary after 10 minutes by default) and short enough that a
// container leaked by a killed test process is gone the same hour.
const DefaultMaxLifetime = time.Hour

// WithMaxLifetime sets how long the server in the container serves before it
// shuts down and exits by itself (FAKESERVER_MAX_LIFETIME), and records the
// expiry in ExpiresLabel. It exists because a test process that is killed
// (a timeout, Ctrl-C twice, an OOM kill) never runs its cleanup, and where
// testcontainers' reaper is disabled nothing else would stop the container.
// 0 means no limit: the container runs until it is terminated. Run applies
// DefaultMaxLifetime unless this option is given.
func WithMaxLifetime(d time.Duration) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if d < 0 {
			return fmt.Errorf("tcfakeserver: WithMaxLifetime: negative lifetime %v", d)
		}
		if d == 0 {
			delete(req.Env, envMaxLifetime)
			delete(req.Labels, ExpiresLabel)
			return nil
		}
		if err := testcontainers.WithEnv(map[string]string{envMaxLifetime: d.String()})(req); err != nil {
			return err
		}
		// The expiry is taken when the request is built; the server starts
		// its own timer a moment later, so it exits up to its start-up time
		// after the label says.
		expires := time.Now().Add(d).UTC().Format(time.RFC3339)
		return testcontainers.WithLabels(map[string]string{ExpiresLabel: expires})(req)
	}
}
