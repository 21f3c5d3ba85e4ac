package fakeserver_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

var beijingTZ = time.FixedZone("CST", 8*3600)

func hourOf(t time.Time) string { return t.In(beijingTZ).Format("2006010215") }

func callbackStatsReq(begin, end string, limit, offset uint64) *sms.CallbackStatusStatisticsRequest {
	req := sms.NewCallbackStatusStatisticsRequest()
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.BeginTime, req.EndTime = common.StringPtr(begin), common.StringPtr(end)
	req.Limit, req.Offset = common.Uint64Ptr(limit), common.Uint64Ptr(offset)
	return req
}

func TestCallbackStatusStatistics(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			clock := fakeserver.NewManualClock(time.Now())
			srv := fakeserver.Run(t, fakeserver.WithClock(clock))
			c := newClient(t, srv, mode)
			// Two accepted numbers, one rejected: two receipts, two accepted.
			if _, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002", "123"}, "1", "x")); err != nil {
				t.Fatal(err)
			}
			hour := hourOf(clock.Now())
			resp, err := c.CallbackStatusStatistics(callbackStatsReq(hour, hour, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			got := resp.Response.CallbackStatusStatistics
			counts := []uint64{*got.CallbackCount, *got.RequestSuccessCount, *got.CallbackSuccessCount, *got.CallbackFailCount,
				*got.InternalErrorCount, *got.InvalidNumberCount, *got.ShutdownErrorCount, *got.BlackListCount, *got.FrequencyLimitCount}
			if fmt.Sprint(counts) != "[2 2 2 0 0 0 0 0 0]" {
				t.Errorf("this hour: %v, want [2 2 2 0 0 0 0 0 0]", counts)
			}
			prev := hourOf(clock.Now().Add(-time.Hour))
			resp, err = c.CallbackStatusStatistics(callbackStatsReq(prev, prev, 0, 0))
			if err != nil || *resp.Response.CallbackStatusStatistics.CallbackCount != 0 || *resp.Response.CallbackStatusStatistics.RequestSuccessCount != 0 {
				t.Errorf("previous hour: %v", err)
			}
			// Another app's window is empty.
			other := callbackStatsReq(hour, hour, 0, 0)
			other.SmsSdkAppId = common.StringPtr("1400000001")
			if resp, err := c.CallbackStatusStatistics(other); err != nil || *resp.Response.CallbackStatusStatistics.CallbackCount != 0 {
				t.Errorf("other app: %v", err)
			}
		})
	}
}

func TestCallbackStatusStatisticsErrors(t *testing.T) {
	srv := fakeserver.Run(t)
	strict := fakeserver.Run(t, fakeserver.WithStrict())
	c := newClient(t, srv, signModes[1])
	for _, tc := range []struct {
		name          string
		client        *sms.Client
		begin, end    string
		limit, offset uint64
		code          string
	}{
		{"33 days", c, "2026050100", "2026060301", 0, 0, "InvalidParameterValue.EndTimeVerifyFail"},
		{"end before begin", c, "2026050114", "2026050113", 0, 0, "InvalidParameterValue.InvalidStartTime"},
		{"bad begin", c, "20260501", "2026050113", 0, 0, "InvalidParameterValue.BeginTimeVerifyFail"},
		{"bad end", c, "2026050113", "2026-05-01", 0, 0, "InvalidParameterValue.EndTimeVerifyFail"},
		{"limit over 100", c, "2026050113", "2026050114", 101, 0, "InvalidParameterValue.LimitVerifyFail"},
		{"offset", c, "2026050113", "2026050114", 0, 1, "InvalidParameterValue.OffsetVerifyFail"},
		{"strict unknown app", newClient(t, strict, signModes[1]), "2026050113", "2026050114", 0, 0, "InvalidParameterValue.SdkAppIdNotExist"},
	} {
		_, err := tc.client.CallbackStatusStatistics(callbackStatsReq(tc.begin, tc.end, tc.limit, tc.offset))
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
		}
	}
	// Exactly 32 days is allowed, and so is any Limit up to 100: Tencent's
	// SDK example sends 10 where the reference says "fixed 0".
	for _, limit := range []uint64{0, 10, 100} {
		if _, err := c.CallbackStatusStatistics(callbackStatsReq("2026050100", "2026060200", limit, 0)); err != nil {
			t.Errorf("32 days, Limit %d: %v", limit, err)
		}
	}
}

func packagesReq(begin, end string, limit, offset uint64) *sms.SmsPackagesStatisticsRequest {
	req := sms.NewSmsPackagesStatisticsRequest()
	req.SmsSdkAppId = common.StringPtr("1400006666")
	req.BeginTime, req.EndTime = common.StringPtr(begin), common.StringPtr(end)
	req.Limit, req.Offset = common.Uint64Ptr(limit), common.Uint64Ptr(offset)
	return req
}

func TestSmsPackagesStatistics(t *testing.T) {
	for _, mode := range signModes {
		t.Run(mode.name, func(t *testing.T) {
			clock := fakeserver.NewManualClock(time.Now())
			srv := fakeserver.Run(t, fakeserver.WithClock(clock), fakeserver.WithTemplates(fakeserver.Template{
				ID: "7", Content: strings.Repeat("长", 80) + "{1}", // two segments
			}))
			c := newClient(t, srv, mode)
			if _, err := c.SendSms(sendReq([]string{"+8613800000001", "+8613800000002"}, "7", "x")); err != nil {
				t.Fatal(err)
			}
			now := clock.Now().In(beijingTZ)
			thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, beijingTZ)
			lastMonth := thisMonth.AddDate(0, -1, 0)
			begin, end := hourOf(lastMonth), hourOf(now)
			resp, err := c.SmsPackagesStatistics(packagesReq(begin, end, 10, 0))
			if err != nil {
				t.Fatal(err)
			}
			set := resp.Response.SmsPackagesStatisticsSet
			if len(set) != 2 {
				t.Fatalf("%d packages, want 2 (this month and last)", len(set))
			}
			for i, want := range []struct {
				start time.Time
				usage uint64
			}{{thisMonth, 4}, {lastMonth, 0}} {
				p := set[i]
				id := uint64(want.start.Year()*100 + int(want.start.Month()))
				if *p.PackageId != id || *p.CurrentUsage != want.usage || *p.PackageAmount != fakeserver.GiftPackageAmount ||
					*p.PackageType != 0 || *p.PackageCreateTime != uint64(want.start.Unix()) ||
					*p.PackageEffectiveTime != uint64(want.start.Unix()) || *p.PackageExpiredTime != uint64(want.start.AddDate(0, 1, 0).Unix()) {
					t.Errorf("package %d = id %d usage %d amount %d type %d created %d", i, *p.PackageId, *p.CurrentUsage,
						*p.PackageAmount, *p.PackageType, *p.PackageCreateTime)
				}
			}
			paged, err := c.SmsPackagesStatistics(packagesReq(begin, end, 1, 1))
			if err != nil || len(paged.Response.SmsPackagesStatisticsSet) != 1 || *paged.Response.SmsPackagesStatisticsSet[0].PackageId != *set[1].PackageId {
				t.Errorf("offset 1 limit 1: %v", err)
			}
			// A window holding no month start has no package.
			if thisMonth.Before(now.Add(-time.Hour)) {
				none, err := c.SmsPackagesStatistics(packagesReq(hourOf(now.Add(-time.Hour)), end, 10, 0))
				if err != nil || len(none.Response.SmsPackagesStatisticsSet) != 0 {
					t.Errorf("window without a month start: %v", err)
				}
			}
		})
	}
}

func TestSmsPackagesStatisticsErrors(t *testing.T) {
	srv := fakeserver.Run(t)
	strict := fakeserver.Run(t, fakeserver.WithStrict())
	c := newClient(t, srv, signModes[2])
	now := time.Now()
	past, nextHour := hourOf(now.Add(-48*time.Hour)), hourOf(now.Add(time.Hour))
	for _, tc := range []struct {
		name       string
		client     *sms.Client
		begin, end string
		limit      uint64
		code       string
	}{
		{"limit 501", c, past, hourOf(now), 501, "InvalidParameterValue.LimitVerifyFail"},
		{"end not before now", c, past, nextHour, 10, "InvalidParameterValue.EndTimeVerifyFail"},
		{"end equals begin", c, past, past, 10, "InvalidParameterValue.InvalidStartTime"},
		{"bad begin", c, "2026", past, 10, "InvalidParameterValue.BeginTimeVerifyFail"},
		{"strict unknown app", newClient(t, strict, signModes[2]), past, hourOf(now), 10, "InvalidParameterValue.SdkAppIdNotExist"},
	} {
		_, err := tc.client.SmsPackagesStatistics(packagesReq(tc.begin, tc.end, tc.limit, 0))
		if got := sdkCode(t, err); got != tc.code {
			t.Errorf("%s: code %s, want %s", tc.name, got, tc.code)
		}
	}
	if _, err := c.SmsPackagesStatistics(packagesReq(past, hourOf(now), 500, 0)); err != nil {
		t.Errorf("limit 500: %v", err)
	}
}
