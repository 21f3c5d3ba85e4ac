package fakeserver_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms2019 "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20190711"

	"github.com/notifykit/notifier/fakeserver"
)

func callbackStatsReq2019(begin, end uint64) *sms2019.CallbackStatusStatisticsRequest {
	req := sms2019.NewCallbackStatusStatisticsRequest()
	req.SmsSdkAppid = common.StringPtr("1400006666")
	req.StartDateTime, req.EndDataTime = common.Uint64Ptr(begin), common.Uint64Ptr(end)
	req.Limit, req.Offset = common.Uint64Ptr(0), common.Uint64Ptr(0)
	return req
}

func TestV2019CallbackStatusStatistics(t *testing.T) {
	clock := fakeserver.NewManualClock(time.Now())
	srv := fakeserver.Run(t, fakeserver.WithClock(clock))
	c := newClient2019(t, srv, signModes[0])
	// Delivered, blacklisted and a rejected number: two accepted, two receipts.
	if _, err := c.SendSms(sendReq2019([]string{"+8613800000001", "+8613900000003", "123"}, "1", "x")); err != nil {
		t.Fatal(err)
	}
	hour := hour2019(t, clock.Now())
	resp, err := c.CallbackStatusStatistics(callbackStatsReq2019(hour, hour))
	if err != nil {
		t.Fatal(err)
	}
	got := resp.Response.CallbackStatusStatistics
	counts := []uint64{*got.CallbackCount, *got.RequestSuccessCount, *got.CallbackSuccessCount, *got.CallbackFailCount,
		*got.InternalErrorCount, *got.InvalidNumberCount, *got.ShutdownErrorCount, *got.BlackListCount, *got.FrequencyLimitCount}
	if fmt.Sprint(counts) != "[2 2 1 1 0 0 0 1 0]" {
		t.Errorf("this hour: %v, want [2 2 1 1 0 0 0 1 0]", counts)
	}
	_, err = c.CallbackStatusStatistics(callbackStatsReq2019(2026050100, 2026060301))
	if e := sdkError(t, err); e.Code != "InvalidParameterValue.EndTimeVerifyFail" ||
		e.Message != "EndDataTime may be at most 32 days after StartDateTime." {
		t.Errorf("33 days: %s %q", e.Code, e.Message)
	}
}

func packagesReq2019(limit, offset uint64) *sms2019.SmsPackagesStatisticsRequest {
	req := sms2019.NewSmsPackagesStatisticsRequest()
	req.SmsSdkAppid = common.StringPtr("1400006666")
	req.Limit, req.Offset = common.Uint64Ptr(limit), common.Uint64Ptr(offset)
	return req
}

func TestV2019SmsPackagesStatistics(t *testing.T) {
	clock := fakeserver.NewManualClock(time.Now())
	srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithTemplates(fakeserver.Template{
		ID: "7", Content: strings.Repeat("长", 80) + "{1}", // two segments
	}))
	c := newClient2019(t, srv, signModes[1])
	if _, err := c.SendSms(sendReq2019([]string{"+8613800000001", "+8613800000002"}, "7", "x")); err != nil {
		t.Fatal(err)
	}
	resp, err := c.SmsPackagesStatistics(packagesReq2019(500, 0))
	if err != nil {
		t.Fatal(err)
	}
	set := resp.Response.SmsPackagesStatisticsSet
	// The request has no window: the current month and the 11 before it.
	if len(set) != 12 {
		t.Fatalf("%d packages, want 12", len(set))
	}
	now := clock.Now().In(beijingTZ)
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, beijingTZ)
	for i, p := range set {
		start := thisMonth.AddDate(0, -i, 0)
		end := start.AddDate(0, 1, 0)
		usage := uint64(0)
		if i == 0 {
			usage = 4
		}
		if *p.PackageId != uint64(start.Year()*100+int(start.Month())) || *p.CurrentUsage != usage ||
			*p.AmountOfPackage != fakeserver.GiftPackageAmount || *p.TypeOfPackage != 0 ||
			*p.PackageCreateUnixTime != uint64(start.Unix()) || *p.PackageCreateTime != beijingDateTime(start) ||
			*p.PackageEffectiveUnixTime != uint64(start.Unix()) || *p.PackageEffectiveTime != beijingDateTime(start) ||
			*p.PackageExpiredUnixTime != uint64(end.Unix()) || *p.PackageExpiredTime != beijingDateTime(end) {
			t.Errorf("package %d = id %d usage %d amount %d created %s (%d) expires %s", i, *p.PackageId, *p.CurrentUsage,
				*p.AmountOfPackage, *p.PackageCreateTime, *p.PackageCreateUnixTime, *p.PackageExpiredTime)
		}
	}
	if !strings.HasSuffix(*set[0].PackageCreateTime, "-01 00:00:00") {
		t.Errorf("PackageCreateTime %q is not a month's start in Beijing time", *set[0].PackageCreateTime)
	}
	paged, err := c.SmsPackagesStatistics(packagesReq2019(5, 10))
	if err != nil || len(paged.Response.SmsPackagesStatisticsSet) != 2 || *paged.Response.SmsPackagesStatisticsSet[0].PackageId != *set[10].PackageId {
		t.Errorf("offset 10 limit 5: %v", err)
	}
	if _, err := c.SmsPackagesStatistics(packagesReq2019(501, 0)); sdkCode(t, err) != "InvalidParameterValue.LimitVerifyFail" {
		t.Errorf("limit 501: %v", err)
	}
	noApp := packagesReq2019(10, 0)
	noApp.SmsSdkAppid = nil
	if _, err := c.SmsPackagesStatistics(noApp); !strings.Contains(sdkError(t, err).Message, "`SmsSdkAppid`") {
		t.Errorf("no SmsSdkAppid: %v", err)
	}
	strict := newClient2019(t, fakeserver.Run(t, fakeserver.WithStrict()), signModes[1])
	if _, err := strict.SmsPackagesStatistics(packagesReq2019(10, 0)); sdkCode(t, err) != "InvalidParameterValue.SdkAppIdNotExist" {
		t.Errorf("strict, unknown app: %v", err)
	}
}
