package notifiermock_test

import (
	"context"
	"errors"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/notifiermock"
)

// alertOnCall is application code: it texts everyone on call and returns
// the numbers that could not be reached.
func alertOnCall(ctx context.Context, n notifier.Notifier, onCall []string) ([]string, error) {
	res, err := n.Send(ctx, notifier.Message{To: onCall, Template: "300001", Params: []string{"db-1"}})
	if err != nil && len(res.Accepted()) == 0 {
		return nil, err
	}
	var unreached []string
	for _, rc := range res.Failed() {
		unreached = append(unreached, rc.Number)
	}
	return unreached, nil
}

// TestMockNotifier shows the generated mock standing in for a Notifier
// when a test needs an exact expectation on the message and a scripted
// partial failure.
func TestMockNotifier(t *testing.T) {
	ctrl := gomock.NewController(t)
	n := notifiermock.NewMockNotifier(ctrl)
	limited := &notifier.Error{Kind: notifier.ErrRateLimited, Recipient: "+8613800000002"}
	n.EXPECT().
		Send(gomock.Any(), notifier.Message{To: []string{"+8613800000001", "+8613800000002"}, Template: "300001", Params: []string{"db-1"}}).
		Return(notifier.Result{Recipients: []notifier.Recipient{
			{Number: "+8613800000001", MessageID: "m-1", Segments: 1},
			{Number: "+8613800000002", Err: limited},
		}}, limited).
		Times(1)

	unreached, err := alertOnCall(t.Context(), n, []string{"+8613800000001", "+8613800000002"})
	if err != nil {
		t.Fatalf("alertOnCall: %v", err)
	}
	if len(unreached) != 1 || unreached[0] != "+8613800000002" {
		t.Errorf("unreached = %q", unreached)
	}
}

// TestMockNotifierRequestFailure scripts a failure of the whole request.
func TestMockNotifierRequestFailure(t *testing.T) {
	ctrl := gomock.NewController(t)
	n := notifiermock.NewMockNotifier(ctrl)
	down := &notifier.Error{Kind: notifier.ErrUnavailable, Code: "InternalError"}
	n.EXPECT().Send(gomock.Any(), gomock.Any()).DoAndReturn(
		func(_ context.Context, m notifier.Message) (notifier.Result, error) {
			return notifier.FailAll(m, down), down
		})

	if _, err := alertOnCall(t.Context(), n, []string{"+8613800000001"}); !errors.Is(err, notifier.ErrUnavailable) {
		t.Errorf("err = %v, want ErrUnavailable", err)
	}
}
