package otelnotifier

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/notifykit/notifier"
)

// The wrapper types New returns when n has optional capabilities. Each
// embeds *sender for Send and Unwrap and adds exactly the pull methods n
// has, so that a type assertion on the wrapper answers as it would on n.

// withReceipts is returned for a ReceiptPuller.
type withReceipts struct {
	*sender
	rp notifier.ReceiptPuller
}

// PullReceipts pulls receipts from the wrapped Notifier inside a span.
func (w withReceipts) PullReceipts(ctx context.Context, limit int) ([]notifier.Receipt, error) {
	return pullReceipts(ctx, w.sender, w.rp, limit)
}

// withReplies is returned for a ReplyPuller.
type withReplies struct {
	*sender
	pp notifier.ReplyPuller
}

// PullReplies pulls replies from the wrapped Notifier inside a span.
func (w withReplies) PullReplies(ctx context.Context, limit int) ([]notifier.Reply, error) {
	return pullReplies(ctx, w.sender, w.pp, limit)
}

// withBoth is returned for a Notifier that is both.
type withBoth struct {
	*sender
	rp notifier.ReceiptPuller
	pp notifier.ReplyPuller
}

// PullReceipts pulls receipts from the wrapped Notifier inside a span.
func (w withBoth) PullReceipts(ctx context.Context, limit int) ([]notifier.Receipt, error) {
	return pullReceipts(ctx, w.sender, w.rp, limit)
}

// PullReplies pulls replies from the wrapped Notifier inside a span.
func (w withBoth) PullReplies(ctx context.Context, limit int) ([]notifier.Reply, error) {
	return pullReplies(ctx, w.sender, w.pp, limit)
}

func pullReceipts(ctx context.Context, s *sender, rp notifier.ReceiptPuller, limit int) ([]notifier.Receipt, error) {
	spanCtx, span := s.tracer.Start(parentOf(ctx), "notifier.PullReceipts",
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(limitKey.Int(limit)))
	defer span.End()
	if ctx != nil {
		ctx = spanCtx
	}
	rs, err := rp.PullReceipts(ctx, limit)
	span.SetAttributes(receiptsKey.Int(len(rs)))
	pullError(span, err)
	return rs, err
}

func pullReplies(ctx context.Context, s *sender, pp notifier.ReplyPuller, limit int) ([]notifier.Reply, error) {
	spanCtx, span := s.tracer.Start(parentOf(ctx), "notifier.PullReplies",
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(limitKey.Int(limit)))
	defer span.End()
	if ctx != nil {
		ctx = spanCtx
	}
	rs, err := pp.PullReplies(ctx, limit)
	span.SetAttributes(repliesKey.Int(len(rs)))
	pullError(span, err)
	return rs, err
}

// pullError records a pull's error on span like Send's: kind, code and a
// description that never quotes the error's text.
func pullError(span trace.Span, err error) {
	if err == nil || !span.IsRecording() {
		return
	}
	c := classify(err)
	attrs := []attribute.KeyValue{kindKey.String(c.kind)}
	if c.code != "" {
		attrs = append(attrs, codeKey.String(c.code))
	}
	span.SetAttributes(attrs...)
	desc := describe(err, &tally{})
	span.AddEvent(exceptionEvent, trace.WithAttributes(
		exceptionTypeKey.String(fmt.Sprintf("%T", err)),
		exceptionMsgKey.String(desc),
	))
	span.SetStatus(codes.Error, desc)
}
