package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier"
)

// pullServer answers PullSmsSendStatus and PullSmsReplyStatus from a queue
// of available records, consuming them like Tencent does, and fails the
// request numbered failAt (1-based; 0 never).
func pullServer(t *testing.T, available, failAt int) *canned {
	next := 0
	calls := 0
	return newCanned(t, func(c call) string {
		calls++
		if calls == failAt {
			return "ERROR InternalError.Timeout try later"
		}
		limit := int(c.Body["Limit"].(float64))
		if c.Body["SmsSdkAppId"] != "1400006666" {
			return "ERROR MissingParameter SmsSdkAppId"
		}
		var parts []string
		for ; limit > 0 && next < available; limit-- {
			next++
			switch c.Action {
			case "PullSmsSendStatus":
				status := "SUCCESS"
				if next%2 == 0 {
					status = "FAIL"
				}
				parts = append(parts, fmt.Sprintf(`{"UserReceiveTime":%d,"CountryCode":"86","SubscriberNumber":"1380000%04d","PhoneNumber":"+861380000%04d","SerialNo":"sn-%d","ReportStatus":%q,"Description":"DELIVRD","SessionContext":"tag-%d"}`,
					1795715749+next, next, next, next, status, next))
			case "PullSmsReplyStatus":
				parts = append(parts, fmt.Sprintf(`{"ExtendCode":"7","CountryCode":"86","PhoneNumber":"+861380000%04d","SignName":"Notifier","ReplyContent":"reply %d","ReplyTime":%d,"SubscriberNumber":"1380000%04d"}`,
					next, next, 1795715749+next, next))
			}
		}
		set := map[string]string{"PullSmsSendStatus": "PullSmsSendStatusSet", "PullSmsReplyStatus": "PullSmsReplyStatusSet"}[c.Action]
		return fmt.Sprintf(`{%q:[%s]}`, set, strings.Join(parts, ","))
	})
}

func limits(cs *canned) []int {
	var out []int
	for _, c := range cs.Calls() {
		out = append(out, int(c.Body["Limit"].(float64)))
	}
	return out
}

func TestPullReceiptsPages(t *testing.T) {
	tests := []struct {
		name           string
		available      int
		limit          int
		want           int
		wantLimits     []int
		failAt         int
		wantErrPartial bool
	}{
		{"default limit", 150, 0, 100, []int{100}, 0, false},
		{"beyond one page", 500, 250, 250, []int{100, 100, 50}, 0, false},
		{"short page stops", 130, 300, 130, []int{100, 100}, 0, false},
		{"exactly a page", 100, 300, 100, []int{100, 100}, 0, false},
		{"nothing", 0, 10, 0, []int{10}, 0, false},
		{"later page fails", 500, 300, 100, []int{100, 100}, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := pullServer(t, tt.available, tt.failAt)
			got, err := cs.client(t).PullReceipts(context.Background(), tt.limit)
			if tt.wantErrPartial != (err != nil) {
				t.Fatalf("err = %v", err)
			}
			if err != nil && !errors.Is(err, notifier.ErrUnavailable) {
				t.Errorf("err = %v, want ErrUnavailable", err)
			}
			if len(got) != tt.want {
				t.Errorf("%d receipts, want %d", len(got), tt.want)
			}
			if l := limits(cs); !slices.Equal(l, tt.wantLimits) {
				t.Errorf("request limits %v, want %v", l, tt.wantLimits)
			}
			for i, r := range got {
				n := i + 1
				want := notifier.Receipt{
					MessageID: fmt.Sprintf("sn-%d", n), Number: fmt.Sprintf("+861380000%04d", n),
					Status: notifier.Delivered, Code: "DELIVRD", Tag: fmt.Sprintf("tag-%d", n),
					Time: time.Unix(int64(1795715749+n), 0),
				}
				if n%2 == 0 {
					want.Status = notifier.Undelivered
				}
				if r != want {
					t.Fatalf("receipt %d = %+v, want %+v", i, r, want)
				}
			}
		})
	}
}

func TestPullReplies(t *testing.T) {
	cs := pullServer(t, 120, 0)
	got, err := cs.client(t).PullReplies(context.Background(), 110)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 110 || !slices.Equal(limits(cs), []int{100, 10}) {
		t.Fatalf("%d replies with limits %v, want 110 with [100 10]", len(got), limits(cs))
	}
	want := notifier.Reply{Number: "+8613800000001", Text: "reply 1", Sign: "Notifier", ExtendCode: "7", Time: time.Unix(1795715750, 0)}
	if got[0] != want {
		t.Errorf("reply = %+v, want %+v", got[0], want)
	}
}

func TestPullCancelled(t *testing.T) {
	cs := pullServer(t, 10, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := cs.client(t).PullReceipts(ctx, 5); !errors.Is(err, context.Canceled) || len(cs.Calls()) != 0 {
		t.Errorf("err = %v after %d calls, want context.Canceled and no request", err, len(cs.Calls()))
	}
}
