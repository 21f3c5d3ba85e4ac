package tcfakeserver_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/notifykit/notifier/fakeserver/tcfakeserver"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
	"github.com/testcontainers/testcontainers-go"
)

// This example starts the fake server container from the image built from
// source, sends an SMS through the official Tencent SDK and reads it back
// through the admin API.
//
// It has no "// Output:" comment on purpose: go test compiles it but does
// not run it, because it needs a Docker daemon and a developer's machine may
// have none. TestRunDefaults runs the same steps, skipping without Docker.
func ExampleRun() {
	ctx := context.Background()

	// Built from this module's sources the first time, then found by its
	// content tag.
	img, err := tcfakeserver.BuildImage(ctx)
	if err != nil {
		log.Print(err)
		return
	}
	ctr, err := tcfakeserver.Run(ctx, img, tcfakeserver.WithCredentials("AKIDexample", "example-key"))
	defer func() {
		// Run may return a container together with an error: remove it either way.
		if err := testcontainers.TerminateContainer(ctr); err != nil {
			log.Print(err)
		}
	}()
	if err != nil {
		log.Print(err)
		return
	}

	// Point the SDK at the container: Endpoint is "host:port", the scheme http.
	endpoint, err := ctr.Endpoint(ctx, "")
	if err != nil {
		log.Print(err)
		return
	}
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = endpoint
	cpf.HttpProfile.Scheme = "http"
	secretID, secretKey := ctr.Credentials()
	client, err := sms.NewClient(common.NewCredential(secretID, secretKey), "ap-guangzhou", cpf)
	if err != nil {
		log.Print(err)
		return
	}

	req := sms.NewSendSmsRequest()
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.SignName = common.StringPtr("Notifier")
	req.TemplateId = common.StringPtr("100001")
	req.TemplateParamSet = common.StringPtrs([]string{"1234"})
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000001"})
	resp, err := client.SendSmsWithContext(ctx, req)
	if err != nil {
		log.Print(err)
		return
	}
	fmt.Println("send:", *resp.Response.SendStatusSet[0].Code)

	// What the server accepted, as a test would assert on it.
	admin, err := ctr.AdminURL(ctx)
	if err != nil {
		log.Print(err)
		return
	}
	held, err := http.Get(admin + "/messages?number=%2B8613800000001")
	if err != nil {
		log.Print(err)
		return
	}
	defer held.Body.Close()
	var body struct {
		Messages []struct {
			Number string   `json:"number"`
			Params []string `json:"params"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(held.Body).Decode(&body); err != nil {
		log.Print(err)
		return
	}
	for _, m := range body.Messages {
		fmt.Println("held:", m.Number, m.Params)
	}
	// Prints, with Docker running:
	// send: Ok
	// held: +8613800000001 [1234]
}

// This example receives the fake server's delivery-receipt callbacks on the
// test's host: the receiver listens on HostListener, the container dials it
// as HostGateway. Like ExampleRun it is compiled but not run;
// TestCallbacksReachHost runs the same steps.
func ExampleHostListener() {
	ctx := context.Background()

	ln, err := tcfakeserver.HostListener(ctx)
	if err != nil {
		log.Print(err)
		return
	}
	receipts := make(chan []byte, 1)
	recv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body) // a JSON array of Tencent receipts
		select {
		case receipts <- body:
		default:
		}
		// Tencent's acknowledgement; anything else makes the server retry.
		io.WriteString(w, `{"result":0,"errmsg":"OK"}`)
	}))
	recv.Listener.Close()
	recv.Listener = ln
	recv.Start()
	defer recv.Close()

	img, err := tcfakeserver.BuildImage(ctx)
	if err != nil {
		log.Print(err)
		return
	}
	url := fmt.Sprintf("http://%s:%d/receipts", tcfakeserver.HostGateway, ln.Addr().(*net.TCPAddr).Port)
	ctr, err := tcfakeserver.Run(ctx, img, tcfakeserver.WithReceiptCallbackURL(url))
	defer func() {
		if err := testcontainers.TerminateContainer(ctr); err != nil {
			log.Print(err)
		}
	}()
	if err != nil {
		log.Print(err)
		return
	}
	// ... send an SMS to the container as in ExampleRun, then:
	select {
	case body := <-receipts:
		fmt.Printf("receipts: %s\n", body)
	case <-time.After(10 * time.Second):
		log.Print("no receipt pushed")
	}
}

// This example runs an image built beforehand, for example by
// scripts/build-image.sh, with a lifetime long enough for a long debugging
// session, published on every interface of a Docker daemon on another
// machine (DOCKER_HOST=tcp://...), whose loopback the test cannot reach.
// Like ExampleRun it is compiled but not run.
func ExampleRun_prebuiltImage() {
	ctx := context.Background()
	ctr, err := tcfakeserver.Run(ctx, "notifier-fakeserver:dev",
		tcfakeserver.WithStrict(),
		tcfakeserver.WithMaxLifetime(8*time.Hour),
		tcfakeserver.WithHostIP("0.0.0.0"),
	)
	defer func() {
		if err := testcontainers.TerminateContainer(ctr); err != nil {
			log.Print(err)
		}
	}()
	if err != nil {
		log.Print(err)
		return
	}
	endpoint, err := ctr.Endpoint(ctx, "")
	if err != nil {
		log.Print(err)
		return
	}
	fmt.Println("Tencent SDK endpoint:", endpoint)
}
