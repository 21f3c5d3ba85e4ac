package tcfakeserver_test

import (
	"slices"
	"testing"

	"github.com/testcontainers/testcontainers-go"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/notifykit/notifier/tencent"
)

// TestReadmeExample runs the README's testcontainers snippet, which is a
// verbatim copy of the lines between the markers below (the core module's
// TestConsumerModuleGraph checks the copy), and then checks what it did.
func TestReadmeExample(t *testing.T) {
	requireDocker(t)
	ctx := t.Context()

	// README begin
	img, err := tcfakeserver.BuildImage(ctx) // built once, then found by its content tag
	if err != nil {
		t.Fatal(err)
	}
	ctr, err := tcfakeserver.Run(ctx, img)  // options: WithCredentials, WithStrict, WithConfigFile, WithReceiptDelay, ...
	testcontainers.CleanupContainer(t, ctr) // before the error check: Run may return a container with its error
	if err != nil {
		t.Fatal(err)
	}
	endpoint, err := ctr.Endpoint(ctx, "") // "127.0.0.1:32768"
	if err != nil {
		t.Fatal(err)
	}
	id, key := ctr.Credentials() // AKIDEXAMPLE, SECRETKEYEXAMPLE unless WithCredentials
	sms, err := tencent.New(tencent.Config{SecretID: id, SecretKey: key, SDKAppID: "1400006666",
		SignName: "Acme", Endpoint: endpoint, Scheme: "http"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sms.Send(ctx, notifier.Message{To: []string{"+8613800000000"}, Template: "100001", Params: []string{"4370"}}); err != nil {
		t.Fatal(err)
	}
	admin, err := ctr.Admin(ctx) // the typed admin API: the same fakeserver.Admin as srv.Admin() in process
	if err != nil {
		t.Fatal(err)
	}
	page, err := admin.Page(ctx, fakeserver.Query{}) // what was sent, page.Messages[0].Text included
	// README end

	if err != nil {
		t.Fatal(err)
	}
	got := page.Messages
	if len(got) != 1 || got[0].Number != "+8613800000000" || !slices.Equal(got[0].Params, []string{"4370"}) {
		t.Fatalf("the server holds %+v, want the one message the snippet sent", got)
	}
}
