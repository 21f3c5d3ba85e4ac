package tencent

import (
	"context"
	"time"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

// SendStats is the result of SendStatistics.
type SendStats struct {
	// Requests counts submitted numbers.
	Requests uint64
	// Accepted counts numbers Tencent accepted.
	Accepted uint64
	// Segments counts billed SMS segments (long messages count more than once).
	Segments uint64
}

// CallbackStats is the result of CallbackStatistics: delivery reports by
// outcome.
type CallbackStats struct {
	// Reports counts delivery reports received.
	Reports uint64
	// Accepted counts numbers Tencent accepted.
	Accepted uint64
	// Delivered and Failed split Reports by outcome.
	Delivered uint64
	Failed    uint64
	// The failure reasons: carrier internal error, invalid number, phone
	// off or out of service, blacklisted, frequency limit.
	InternalError  uint64
	InvalidNumber  uint64
	Shutdown       uint64
	Blacklisted    uint64
	FrequencyLimit uint64
}

// PackageType says how an SMS package was obtained.
type PackageType uint64

// Package types.
const (
	// PackageGift is a package Tencent gave away.
	PackageGift PackageType = 0
	// PackagePurchased is a package that was bought.
	PackagePurchased PackageType = 1
)

// Package is one SMS package of PackageStatistics.
type Package struct {
	// ID is the package ID.
	ID uint64
	// Type is PackageGift or PackagePurchased.
	Type PackageType
	// Amount is the package size in SMS segments, Used how many are spent.
	Amount uint64
	Used   uint64
	// Created, Effective and Expires are the package's dates.
	Created   time.Time
	Effective time.Time
	Expires   time.Time
}

// PackageQuery selects packages created between From and To.
type PackageQuery struct {
	// From and To are truncated to the hour, Beijing time.
	From, To time.Time
	// Limit is the page size, at most 500; 0 means 500.
	Limit int
	// Offset skips that many packages.
	Offset int
}

// SendStatistics returns send counts between from and to. Tencent counts
// whole hours in Beijing time, so both are truncated to the hour there.
func (c *Client) SendStatistics(ctx context.Context, from, to time.Time) (SendStats, error) {
	begin, end, err := hourRange(from, to)
	if err != nil {
		return SendStats{}, err
	}
	req := sms.NewSendStatusStatisticsRequest()
	var zero uint64
	req.BeginTime, req.EndTime, req.SmsSdkAppId, req.Limit, req.Offset = &begin, &end, &c.cfg.appID, &zero, &zero
	var st SendStats
	err = c.do(ctx, "SendStatusStatistics", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.SendStatusStatisticsWithContext(ctx, req)
		if err != nil || resp.Response == nil || resp.Response.SendStatusStatistics == nil {
			return nil, noResponse(err)
		}
		s := resp.Response.SendStatusStatistics
		st = SendStats{Requests: derefUint(s.RequestCount), Accepted: derefUint(s.RequestSuccessCount), Segments: derefUint(s.FeeCount)}
		return resp.Response.RequestId, nil
	})
	return st, err
}

// CallbackStatistics returns delivery-report counts between from and to (at
// most 32 days apart), truncated to the hour in Beijing time.
func (c *Client) CallbackStatistics(ctx context.Context, from, to time.Time) (CallbackStats, error) {
	begin, end, err := hourRange(from, to)
	if err != nil {
		return CallbackStats{}, err
	}
	req := sms.NewCallbackStatusStatisticsRequest()
	var zero uint64
	req.BeginTime, req.EndTime, req.SmsSdkAppId, req.Limit, req.Offset = &begin, &end, &c.cfg.appID, &zero, &zero
	var st CallbackStats
	err = c.do(ctx, "CallbackStatusStatistics", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.CallbackStatusStatisticsWithContext(ctx, req)
		if err != nil || resp.Response == nil || resp.Response.CallbackStatusStatistics == nil {
			return nil, noResponse(err)
		}
		s := resp.Response.CallbackStatusStatistics
		st = CallbackStats{
			Reports:        derefUint(s.CallbackCount),
			Accepted:       derefUint(s.RequestSuccessCount),
			Delivered:      derefUint(s.CallbackSuccessCount),
			Failed:         derefUint(s.CallbackFailCount),
			InternalError:  derefUint(s.InternalErrorCount),
			InvalidNumber:  derefUint(s.InvalidNumberCount),
			Shutdown:       derefUint(s.ShutdownErrorCount),
			Blacklisted:    derefUint(s.BlackListCount),
			FrequencyLimit: derefUint(s.FrequencyLimitCount),
		}
		return resp.Response.RequestId, nil
	})
	return st, err
}

// PackageStatistics returns the account's SMS packages that q selects.
func (c *Client) PackageStatistics(ctx context.Context, q PackageQuery) ([]Package, error) {
	begin, end, err := hourRange(q.From, q.To)
	if err != nil {
		return nil, err
	}
	limit, offset, err := page(q.Limit, q.Offset, 500)
	if err != nil {
		return nil, err
	}
	req := sms.NewSmsPackagesStatisticsRequest()
	req.BeginTime, req.EndTime, req.SmsSdkAppId, req.Limit, req.Offset = &begin, &end, &c.cfg.appID, &limit, &offset
	var set []*sms.SmsPackagesStatistics
	err = c.do(ctx, "SmsPackagesStatistics", func(ctx context.Context) (*string, error) {
		resp, err := c.sdk.SmsPackagesStatisticsWithContext(ctx, req)
		if err != nil || resp.Response == nil {
			return nil, noResponse(err)
		}
		set = resp.Response.SmsPackagesStatisticsSet
		return resp.Response.RequestId, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Package, 0, len(set))
	for _, p := range set {
		if p == nil {
			continue
		}
		out = append(out, Package{
			ID:        derefUint(p.PackageId),
			Type:      PackageType(derefUint(p.PackageType)),
			Amount:    derefUint(p.PackageAmount),
			Used:      derefUint(p.CurrentUsage),
			Created:   unixTime(p.PackageCreateTime),
			Effective: unixTime(p.PackageEffectiveTime),
			Expires:   unixTime(p.PackageExpiredTime),
		})
	}
	return out, nil
}

// hourRange formats from and to as Tencent's yyyymmddhh in Beijing time.
func hourRange(from, to time.Time) (string, string, error) {
	switch {
	case from.IsZero() || to.IsZero():
		return "", "", invalidArgument("statistics need both a start and an end time")
	case to.Before(from):
		return "", "", invalidArgument("statistics end %v is before start %v", to, from)
	}
	return from.In(tcsms.Beijing).Format(tcsms.HourLayout), to.In(tcsms.Beijing).Format(tcsms.HourLayout), nil
}
