package fakeserver_test

import (
	"encoding/json"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// TestTencentDocExamples replays the request values of Tencent's Go SDK
// example programs for SMS (cloud.tencent.com/document/product/382/43199):
// HmacSHA1 over POST, empty optional strings, SmsType 0, unknown template
// IDs in DescribeSmsTemplateList. Only endpoint, scheme and credentials
// differ. Each answer must print as Tencent-shaped JSON.
func TestTencentDocExamples(t *testing.T) {
	srv := fakeserver.Run(t)
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.ReqMethod = "POST"
	cpf.HttpProfile.Endpoint = srv.Endpoint()
	cpf.HttpProfile.Scheme = "http"
	cpf.SignMethod = "HmacSHA1"
	client, err := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	printed := func(name, s string, wantKey string) {
		t.Helper()
		var env map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(s), &env); err != nil || env["Response"]["RequestId"] == nil || env["Response"][wantKey] == nil {
			t.Errorf("%s printed %s", name, s)
		}
	}

	send := sms.NewSendSmsRequest()
	send.SmsSdkAppId = common.StringPtr("1400787878")
	send.SignName = common.StringPtr("腾讯云")
	send.TemplateId = common.StringPtr("449739")
	send.TemplateParamSet = common.StringPtrs([]string{"1234"})
	send.PhoneNumberSet = common.StringPtrs([]string{"+8613711112222"})
	send.SessionContext = common.StringPtr("")
	send.ExtendCode = common.StringPtr("")
	send.SenderId = common.StringPtr("")
	sent, err := client.SendSms(send)
	if err != nil {
		t.Fatal(err)
	}
	printed("SendSms", sent.ToJsonString(), "SendStatusSet")

	pull := sms.NewPullSmsSendStatusRequest()
	pull.SmsSdkAppId = common.StringPtr("1400787878")
	pull.Limit = common.Uint64Ptr(10)
	pulled, err := client.PullSmsSendStatus(pull)
	if err != nil {
		t.Fatal(err)
	}
	printed("PullSmsSendStatus", pulled.ToJsonString(), "PullSmsSendStatusSet")
	if len(pulled.Response.PullSmsSendStatusSet) != 1 {
		t.Errorf("pulled %d receipts, want 1", len(pulled.Response.PullSmsSendStatusSet))
	}

	stats := sms.NewSendStatusStatisticsRequest()
	stats.SmsSdkAppId = common.StringPtr("1400787878")
	stats.Limit, stats.Offset = common.Uint64Ptr(10), common.Uint64Ptr(0) // as the example sends them
	stats.BeginTime, stats.EndTime = common.StringPtr("2019071100"), common.StringPtr("2019071123")
	counted, err := client.SendStatusStatistics(stats)
	if err != nil {
		t.Fatal(err)
	}
	printed("SendStatusStatistics", counted.ToJsonString(), "SendStatusStatistics")

	add := sms.NewAddSmsTemplateRequest()
	add.TemplateName = common.StringPtr("腾讯云")
	add.TemplateContent = common.StringPtr("您的验证码是{1}")
	add.SmsType = common.Uint64Ptr(0)
	add.International = common.Uint64Ptr(0)
	add.Remark = common.StringPtr("xxx")
	added, err := client.AddSmsTemplate(add)
	if err != nil {
		t.Fatal(err)
	}
	printed("AddSmsTemplate", added.ToJsonString(), "AddTemplateStatus")

	list := sms.NewDescribeSmsTemplateListRequest()
	list.International = common.Uint64Ptr(0)
	list.TemplateIdSet = common.Uint64Ptrs([]uint64{449739, 449740})
	listed, err := client.DescribeSmsTemplateList(list)
	if err != nil {
		t.Fatal(err)
	}
	printed("DescribeSmsTemplateList", listed.ToJsonString(), "DescribeTemplateStatusSet")
}
