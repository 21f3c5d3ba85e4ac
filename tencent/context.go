package tencent

import (
	"context"
	"errors"

	"github.com/notifykit/notifier"
)

// errNilContext is what every method of Client returns for a nil context,
// a bug in the caller, instead of panicking; nothing is sent.
var errNilContext = errors.New("tencent: nil context.Context (use context.Background() or a request's context)")

// contextError is notifier.ContextError that also rejects a nil ctx.
func contextError(ctx context.Context) error {
	if ctx == nil {
		return errNilContext
	}
	return notifier.ContextError(ctx)
}
