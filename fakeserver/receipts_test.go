package fakeserver_test

import (
	"slices"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// magicCases are the documented magic test numbers and what they report.
var magicCases = []struct {
	number      string
	status      string // "" while not reported
	code        string
	extra       time.Duration // delay after ReceiptDelay
	neverReport bool
}{
	{"+8613800000001", "SUCCESS", "DELIVRD", 0, false}, // an ordinary number
	{"+8613900000000", "SUCCESS", "DELIVRD", 0, false},
	{"+8613900000001", "FAIL", "EMPTY_NUMBER", 0, false},
	{"+8613900000002", "FAIL", "SHUTDOWN", 0, false},
	{"+8613900000003", "FAIL", "BLACKLIST", 0, false},
	{"+8613900000004", "FAIL", "FREQ_LIMIT", 0, false},
	{"+8613900000005", "FAIL", "UNDELIV", 0, false},
	{"+8613900000010", "", "", 0, true},
	{"+8613900000020", "SUCCESS", "DELIVRD", time.Minute, false},
	{"+8613900000021", "SUCCESS", "DELIVRD", time.Hour, false},
	{"+8613900000022", "FAIL", "EMPTY_NUMBER", time.Minute, false},
	{"+8613900000099", "SUCCESS", "DELIVRD", 0, false}, // unassigned: delivered
	{"+14155550123", "SUCCESS", "DELIVRD", 0, false},
	{"+15550100001", "FAIL", "EMPTY_NUMBER", 0, false},
	{"+15550104203", "FAIL", "BLACKLIST", 0, false},
	{"+15550109910", "", "", 0, true},
	{"+15550100021", "SUCCESS", "DELIVRD", time.Hour, false},
}

func pullByPhone(t *testing.T, c *sms.Client, number string, begin time.Time) []*sms.PullSmsSendStatus {
	t.Helper()
	resp, err := c.PullSmsSendStatusByPhoneNumber(pullByPhoneReq(number, uint64(begin.Unix()), nil, 100))
	if err != nil {
		t.Fatal(err)
	}
	return resp.Response.PullSmsSendStatusSet
}

// TestMagicNumbers sends to every magic number and pulls their receipts
// through the SDK as the server clock passes their delays.
func TestMagicNumbers(t *testing.T) {
	t0 := time.Now().Truncate(time.Second)
	clock := fakeserver.NewManualClock(t0)
	// The clock moves an hour ahead of the wall clock the SDK signs with.
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithMaxClockSkew(-1))
	c := newClient(t, srv, signModes[0])
	serials := map[string]string{}
	for _, tc := range magicCases {
		resp, err := c.SendSms(sendReq([]string{tc.number}, "1", "x"))
		if err != nil {
			t.Fatal(err)
		}
		st := resp.Response.SendStatusSet[0]
		if *st.Code != "Ok" {
			t.Fatalf("%s: send %s", tc.number, *st.Code)
		}
		serials[tc.number] = *st.SerialNo
	}
	for _, step := range []time.Duration{0, time.Minute, time.Hour} {
		clock.Set(t0.Add(step))
		for _, tc := range magicCases {
			got := pullByPhone(t, c, tc.number, t0)
			wantReported := !tc.neverReport && tc.extra <= step
			if !wantReported {
				if len(got) != 0 {
					t.Errorf("after %s: %s reported %s early", step, tc.number, *got[0].ReportStatus)
				}
				continue
			}
			if len(got) != 1 {
				t.Errorf("after %s: %s has %d receipts, want 1", step, tc.number, len(got))
				continue
			}
			r := got[0]
			if *r.ReportStatus != tc.status || *r.Description != tc.code || *r.SerialNo != serials[tc.number] ||
				*r.PhoneNumber != tc.number || *r.UserReceiveTime != uint64(t0.Add(tc.extra).Unix()) {
				t.Errorf("after %s: %s receipt %s %s %s at %d", step, tc.number, *r.ReportStatus, *r.Description, *r.SerialNo, *r.UserReceiveTime)
			}
		}
	}
	// Inspection agrees with the pulls.
	for _, m := range srv.Messages() {
		for _, tc := range magicCases {
			if m.Number == tc.number && (m.ReceiptStatus != tc.status || m.ReceiptCode != tc.code) {
				t.Errorf("Message %s: receipt %q %q, want %q %q", m.Number, m.ReceiptStatus, m.ReceiptCode, tc.status, tc.code)
			}
		}
	}
	// CallbackStatusStatistics classes the failures by their codes.
	resp, err := c.CallbackStatusStatistics(callbackStatsReq(hourOf(t0), hourOf(t0), 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	st := resp.Response.CallbackStatusStatistics
	got := [...]uint64{*st.CallbackCount, *st.CallbackSuccessCount, *st.CallbackFailCount, *st.InvalidNumberCount,
		*st.ShutdownErrorCount, *st.BlackListCount, *st.FrequencyLimitCount, *st.InternalErrorCount, *st.RequestSuccessCount}
	// From the table: 17 accepted, 2 never report, 7 delivered, 8 failed
	// (3 empty numbers, 1 shut down, 2 blacklisted, 1 frequency, 1 other).
	want := [...]uint64{15, 7, 8, 3, 1, 2, 1, 1, 17}
	if got != want {
		t.Errorf("statistics %v, want %v", got, want)
	}
}

// TestReceiptDelayPulls checks that PullSmsSendStatus returns receipts
// once they are due, each once, and that a receipt still to come does not
// hide later ones that are due.
func TestReceiptDelayPulls(t *testing.T) {
	t0 := time.Now().Truncate(time.Second)
	clock := fakeserver.NewManualClock(t0)
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithReceiptDelay(30*time.Second))
	c := newClient(t, srv, signModes[0])
	numbers := []string{"+8613900000010", "+8613900000020", "+8613800000001", "+8613800000002"}
	if _, err := c.SendSms(sendReq(numbers, "1", "x")); err != nil {
		t.Fatal(err)
	}
	pull := func() []string {
		req := sms.NewPullSmsSendStatusRequest()
		req.SmsSdkAppId, req.Limit = common.StringPtr("1400006666"), common.Uint64Ptr(100)
		resp, err := c.PullSmsSendStatus(req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range resp.Response.PullSmsSendStatusSet {
			out = append(out, *r.PhoneNumber)
		}
		return out
	}
	steps := []struct {
		at   time.Duration
		want []string
	}{
		{0, nil},
		{29 * time.Second, nil},
		{30 * time.Second, []string{"+8613800000001", "+8613800000002"}},
		{31 * time.Second, nil}, // consumed
		{90 * time.Second, []string{"+8613900000020"}},
		{4 * time.Minute, nil}, // +8613900000010 never reports
	}
	for _, s := range steps {
		clock.Set(t0.Add(s.at))
		if got := pull(); !slices.Equal(got, s.want) {
			t.Errorf("at +%s pulled %v, want %v", s.at, got, s.want)
		}
	}
}

// TestReceiptDelaySendRecords checks DescribeSendRecordList: SendStatus 3
// (sending) until the receipt is reported, then 2 or 4.
func TestReceiptDelaySendRecords(t *testing.T) {
	t0 := time.Now().Truncate(time.Second)
	clock := fakeserver.NewManualClock(t0)
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithReceiptDelay(time.Minute))
	c := newClient(t, srv, signModes[0])
	if _, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613900000002"}, "1", "x")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at       time.Duration
		number   string
		status   uint64
		code     string
		received uint64
	}{
		{0, "+8613800000001", 3, "", 0},
		{0, "+8613900000002", 3, "", 0},
		{time.Minute, "+8613800000001", 2, "DELIVRD", uint64(t0.Add(time.Minute).Unix())},
		{time.Minute, "+8613900000002", 4, "SHUTDOWN", 0},
	} {
		clock.Set(t0.Add(tc.at))
		got := describeSendRecords(t, srv, "POST", false, map[string]any{
			"PhoneNumber": tc.number, "SmsSdkAppId": "1400006666", "BeginTime": t0.Unix(),
		})
		if len(got.Response.SendRecordSet) != 1 {
			t.Fatalf("%s: %+v", tc.number, got.Response)
		}
		r := got.Response.SendRecordSet[0]
		if r.SendStatus != tc.status || r.StatusCode != tc.code || r.UserReceiveTime != tc.received {
			t.Errorf("+%s %s: SendStatus %d StatusCode %q UserReceiveTime %d, want %d %q %d",
				tc.at, tc.number, r.SendStatus, r.StatusCode, r.UserReceiveTime, tc.status, tc.code, tc.received)
		}
	}
}
