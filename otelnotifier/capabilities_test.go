package otelnotifier_test

import (
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fake"
)

// plain is a Notifier with no optional capability.
type plain struct{}

func (*plain) Send(_ context.Context, m notifier.Message) (notifier.Result, error) {
	return notifier.Result{}, nil
}

// receiptsOnly is a Notifier with receipts but no replies.
type receiptsOnly struct {
	plain
	receipts []notifier.Receipt
	err      error
}

func (r *receiptsOnly) PullReceipts(context.Context, int) ([]notifier.Receipt, error) {
	return r.receipts, r.err
}

// TestCapabilities: the wrapper answers type assertions for the optional
// capabilities as the wrapped Notifier does, and Unwrap returns it.
func TestCapabilities(t *testing.T) {
	tm := newTelemetry(t)
	for _, tt := range []struct {
		name              string
		inner             notifier.Notifier
		receipts, replies bool
	}{
		{"fake", fake.New(), true, true},
		{"plain", &plain{}, false, false},
		{"receipts only", &receiptsOnly{}, true, false},
		{"retry around fake", notifier.Retry(fake.New(), notifier.RetryPolicy{}), false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := tm.wrap(tt.inner)
			if _, ok := w.(notifier.ReceiptPuller); ok != tt.receipts {
				t.Errorf("ReceiptPuller = %v, want %v", ok, tt.receipts)
			}
			if _, ok := w.(notifier.ReplyPuller); ok != tt.replies {
				t.Errorf("ReplyPuller = %v, want %v", ok, tt.replies)
			}
			u, ok := w.(notifier.Unwrapper)
			if !ok {
				t.Fatal("wrapper does not implement notifier.Unwrapper")
			}
			if u.Unwrap() != tt.inner {
				t.Errorf("Unwrap() = %v, want the wrapped Notifier %v", u.Unwrap(), tt.inner)
			}
		})
	}
}

// TestPullSpans: pulls through the wrapper reach the wrapped Notifier and
// are spans with the limit and the count returned; a failed pull is an
// Error span with its kind and code.
func TestPullSpans(t *testing.T) {
	tm := newTelemetry(t)
	f := fake.New()
	f.InjectReply(notifier.Reply{Number: num1, Text: "STOP"})
	sms := tm.wrap(f)
	ctx := context.Background()
	if _, err := sms.Send(ctx, message(num1, num2)); err != nil {
		t.Fatal(err)
	}
	receipts, err := sms.(notifier.ReceiptPuller).PullReceipts(ctx, 100)
	if err != nil || len(receipts) != 2 {
		t.Fatalf("PullReceipts = %d receipts, %v; want 2", len(receipts), err)
	}
	replies, err := sms.(notifier.ReplyPuller).PullReplies(ctx, 0)
	if err != nil || len(replies) != 1 || replies[0].Text != "STOP" {
		t.Fatalf("PullReplies = %+v, %v; want the injected reply", replies, err)
	}
	ended := tm.spans.Ended()
	if len(ended) != 3 {
		t.Fatalf("%d spans, want Send, PullReceipts, PullReplies", len(ended))
	}
	checkSpan(t, ended[1], wantSpan{Name: "notifier.PullReceipts",
		Attrs: map[string]any{"notifier.limit": int64(100), "notifier.receipts": int64(2)}})
	checkSpan(t, ended[2], wantSpan{Name: "notifier.PullReplies",
		Attrs: map[string]any{"notifier.limit": int64(0), "notifier.replies": int64(1)}})
	assertAbsent(t, texts(ended, nil), "13800000001", "STOP")

	tm = newTelemetry(t)
	pullErr := &notifier.Error{Kind: notifier.ErrUnauthorized, Code: "FailedOperation.PullNotEnabled", Message: "not enabled for " + num1}
	sms = tm.wrap(&receiptsOnly{err: pullErr})
	if _, err := sms.(notifier.ReceiptPuller).PullReceipts(ctx, 10); !errors.Is(err, pullErr) {
		t.Fatalf("PullReceipts err = %v, want the wrapped error itself", err)
	}
	desc := "notifier: unauthorized (FailedOperation.PullNotEnabled)"
	checkSpan(t, tm.onlySpan(t), wantSpan{
		Name: "notifier.PullReceipts",
		Attrs: map[string]any{"notifier.limit": int64(10), "notifier.receipts": int64(0),
			"notifier.error.kind": "unauthorized", "notifier.error.code": "FailedOperation.PullNotEnabled"},
		Events: []event{{"exception", map[string]any{"exception.type": "*notifier.Error", "exception.message": desc}}},
		Status: sdktrace.Status{Code: codes.Error, Description: desc},
	})
}
