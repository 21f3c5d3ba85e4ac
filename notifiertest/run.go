package notifiertest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/notifykit/notifier"
)

// Timeout bounds each subtest: its context ends after Timeout, and a
// subtest still running Timeout+HangGrace later, because the implementation
// ignores its context, crashes the test binary with a message naming it
// rather than hanging until go test's own timeout.
const (
	Timeout   = 30 * time.Second
	HangGrace = 15 * time.Second
)

// check is one subtest of the suite.
type check struct {
	name string
	run  func(s *suite)
}

// suite is what a check works with.
type suite struct {
	t    *testing.T
	ctx  context.Context // ends after Timeout
	h    Harness
	nums *numbers
}

// Run runs the contract suite against the implementation newHarness makes:
// a flat list of subtests, one per rule of the notifier.Notifier contract,
// each with a fresh Harness and a watchdog (see Timeout). Subtests run one
// after another, so a harness may share one backend that it resets.
func Run(t *testing.T, newHarness func(t *testing.T) Harness) {
	t.Helper()
	nums := &numbers{}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			ctx := watchdog(t)
			s := &suite{t: t, ctx: ctx, h: newHarness(t), nums: nums}
			c.run(s)
		})
	}
}

// watchdog returns the subtest's context and arms the hang detector.
func watchdog(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), Timeout)
	name := t.Name()
	hang := time.AfterFunc(Timeout+HangGrace, func() {
		panic(fmt.Sprintf("notifiertest: %s still running %v after its context ended: the implementation ignores ctx", name, HangGrace))
	})
	t.Cleanup(func() {
		hang.Stop()
		cancel()
	})
	return ctx
}

// numbers hands out recipient numbers that no other send of the same Run
// uses, so provider frequency limits on one number never trip the suite.
type numbers struct {
	next atomic.Int64
}

// mainland returns a fresh number of the form +861380000NNNN.
func (n *numbers) mainland() string {
	return fmt.Sprintf("+861380000%04d", n.next.Add(1)%10000)
}

// international returns a fresh number of the form +1415555NNNN.
func (n *numbers) international() string {
	return fmt.Sprintf("+1415555%04d", n.next.Add(1)%10000)
}

// message returns a one-parameter template message to the given numbers.
func message(tag string, to ...string) notifier.Message {
	return notifier.Message{To: to, Template: "100001", Params: []string{"123456"}, Sign: "Notifier", Tag: tag}
}
