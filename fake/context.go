package fake

import (
	"context"
	"errors"

	"github.com/notifykit/notifier"
)

// errNilContext is what every method taking a context returns for a nil
// one: a bug in the code under test, reported as a failure the test can
// see rather than a panic that takes the whole test binary down.
var errNilContext = errors.New("fake: nil context.Context (use context.Background() or t.Context())")

// contextError is notifier.ContextError that also rejects a nil ctx.
func contextError(ctx context.Context) error {
	if ctx == nil {
		return errNilContext
	}
	return notifier.ContextError(ctx)
}
