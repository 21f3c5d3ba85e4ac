package tencent_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

// TestHugeNonJSONAnswerIsClipped pins issue 11's finding that a non-JSON
// upstream body of 500 KB ended up whole in err.Error(): the SDK puts the
// body into ClientError.ParseJsonError's message, and the adapter keeps
// its start only.
func TestHugeNonJSONAnswerIsClipped(t *testing.T) {
	page := "<html><body>502 Bad Gateway " + strings.Repeat("拥", 200<<10) + "</body></html>" // ~600 KB
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, page)
	}))
	t.Cleanup(ts.Close)
	c, err := tencent.New(tencent.Config{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE", SDKAppID: "1400006666", Endpoint: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001"}, Template: "1"})
	var ne *notifier.Error
	if !errors.As(err, &ne) || ne.Code != "ClientError.ParseJsonError" || !errors.Is(err, notifier.ErrUnavailable) {
		t.Fatalf("err = %v, want ClientError.ParseJsonError", err)
	}
	if n := len(err.Error()); n > 1024 {
		t.Errorf("err.Error() has %d bytes, want at most 1 KB", n)
	}
	if !strings.Contains(err.Error(), "502 Bad Gateway") || !strings.Contains(err.Error(), "more bytes") {
		t.Errorf("err.Error() = %q, want the start of the page and a note of the cut", err.Error())
	}
	var sdkErr *tcerr.TencentCloudSDKError
	if !errors.As(err, &sdkErr) || len(sdkErr.Message) > 1024 {
		t.Errorf("the wrapped SDK error keeps %d bytes of message", len(sdkErr.GetMessage()))
	}
	if !strings.HasPrefix(ne.Message, "Fail to parse json content: <html>") {
		t.Errorf("message %q", ne.Message)
	}
}
