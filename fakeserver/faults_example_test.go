package fakeserver_test

import (
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// A PhaseAfter fault sends the message and then loses the answer, as a
// network cut after Tencent accepted the request would. A client that
// retries texts the person twice, and Duplicates shows it.
func ExampleServer_Duplicates() {
	srv, _ := fakeserver.New(fakeserver.Options{Faults: []fakeserver.Fault{
		{Action: "SendSms", HTTP: fakeserver.HTTPReset, Phase: fakeserver.PhaseAfter, Times: 1},
	}})
	client, _ := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey),
		"ap-guangzhou", profile.NewClientProfile())
	client.WithHttpTransport(srv.Transport())

	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000000"})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400006666"), common.StringPtr("100001")
	req.SignName = common.StringPtr("Notifier")
	req.TemplateParamSet = common.StringPtrs([]string{"4370"})
	for attempt := 1; attempt <= 2; attempt++ { // a naive retry loop
		if _, err := client.SendSms(req); err != nil {
			fmt.Println("attempt", attempt, "failed")
			continue
		}
		fmt.Println("attempt", attempt, "succeeded")
		break
	}
	for _, d := range srv.Duplicates() {
		fmt.Println(d.Number, d.Template, d.Params, "sent", d.Count, "times")
	}
	// Output:
	// attempt 1 failed
	// attempt 2 succeeded
	// +8613800000000 100001 [4370] sent 2 times
}
