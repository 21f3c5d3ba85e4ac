package fakeserver_test

import (
	"context"
	"fmt"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// The official SDK sends through the fake server in-process; the test then
// reads the code the user would have received. In a test, fakeserver.Run(t)
// listens on a loopback port instead, for cpf.HttpProfile.Endpoint.
func Example() {
	srv, err := fakeserver.New(fakeserver.Options{
		Templates: []fakeserver.Template{{ID: "100001", Content: "Your code is {1}, valid for {2} minutes."}},
	})
	if err != nil {
		panic(err)
	}
	client, _ := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey),
		"ap-guangzhou", profile.NewClientProfile())
	client.WithHttpTransport(srv.Transport())

	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"13800000000"})
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.TemplateId = common.StringPtr("100001")
	req.SignName = common.StringPtr("Notifier")
	req.TemplateParamSet = common.StringPtrs([]string{"4370", "5"})
	resp, err := client.SendSms(req)
	if err != nil {
		panic(err)
	}
	st := resp.Response.SendStatusSet[0]
	fmt.Println(*st.Code, *st.Message, *st.PhoneNumber, *st.Fee, *st.IsoCode)

	m, _ := srv.WaitFor(context.Background(), func(m fakeserver.Message) bool { return m.Number == "+8613800000000" })
	fmt.Println(m.Text)
	// Output:
	// Ok send success +8613800000000 1 CN
	// 【Notifier】Your code is 4370, valid for 5 minutes.
}

// A per-recipient fault fails one number of a batch in its SendStatus,
// while the others are sent.
func ExampleServer_AddFault() {
	srv, _ := fakeserver.New(fakeserver.Options{})
	_, _ = srv.AddFault(fakeserver.Fault{
		Action: "SendSms", Number: "+8613800000001", Code: "LimitExceeded.PhoneNumberDailyLimit", Times: 1,
	})
	client, _ := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey),
		"ap-guangzhou", profile.NewClientProfile())
	client.WithHttpTransport(srv.Transport())

	req := sms.NewSendSmsRequest()
	req.PhoneNumberSet = common.StringPtrs([]string{"+8613800000000", "+8613800000001"})
	req.SmsSdkAppId, req.TemplateId = common.StringPtr("1400006666"), common.StringPtr("100001")
	req.SignName = common.StringPtr("Notifier")
	req.TemplateParamSet = common.StringPtrs([]string{"4370"})
	resp, _ := client.SendSms(req)
	for _, st := range resp.Response.SendStatusSet {
		fmt.Println(*st.PhoneNumber, *st.Code)
	}
	fmt.Println(len(srv.Messages()), "message held")
	// Output:
	// +8613800000000 Ok
	// +8613800000001 LimitExceeded.PhoneNumberDailyLimit
	// 1 message held
}
