package tencent

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/notifykit/notifier"
)

// maxLoggedFailures is the most failed recipients one Send's Warn record
// lists; the rest are only counted, so that a Send to 1000 numbers that
// all fail writes one bounded record, not 1000 lines.
const maxLoggedFailures = 10

// logFailures writes, once per Send, one Warn record for the recipients
// that failed on their own: Tencent's per-number SendStatus codes, numbers
// rejected before any request, numbers Tencent returned no status for.
// Recipients failed by a request-level error are left out: logCall
// already logged that error once per request, and repeating it for each
// of up to 200 numbers would say nothing new. See WithLogger for the
// record's shape.
//
// It logs masked numbers, codes, kinds and request IDs only: never an
// error's Message, which may quote the number.
func (c *Client) logFailures(ctx context.Context, res notifier.Result) {
	if !c.logger.Enabled(ctx, slog.LevelWarn) {
		return
	}
	var listed []slog.Attr
	failed := 0
	for i, rc := range res.Recipients {
		e, ok := rc.Err.(*notifier.Error)
		if !ok || e.Recipient == "" {
			continue // accepted, or failed with its whole request
		}
		failed++
		if len(listed) == maxLoggedFailures {
			continue
		}
		attrs := []any{
			slog.String("number", notifier.MaskNumber(rc.Number)),
			slog.String("code", e.Code),
			slog.String("kind", fmt.Sprint(e.Kind)),
		}
		if e.RequestID != "" {
			attrs = append(attrs, slog.String("request_id", e.RequestID))
		}
		listed = append(listed, slog.Group(strconv.Itoa(i), attrs...))
	}
	if failed == 0 {
		return
	}
	attrs := []slog.Attr{
		slog.Int("numbers", len(res.Recipients)),
		slog.Int("failed", failed),
		{Key: "failures", Value: slog.GroupValue(listed...)},
	}
	if more := failed - len(listed); more > 0 {
		attrs = append(attrs, slog.Int("more", more))
	}
	c.logger.LogAttrs(ctx, slog.LevelWarn, "tencent: Send: recipients failed", attrs...)
}
