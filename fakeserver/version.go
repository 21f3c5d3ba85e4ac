package fakeserver

import "github.com/notifykit/notifier/fakeserver/internal/actions"

// API versions the server answers. SDK packages sms/v20210111 and
// sms/v20190711 send them; any other version is NoSuchVersion.
const (
	// APIVersion is the current API version, 2021-01-11.
	APIVersion = actions.V20210111
	// APIVersion20190711 is the older version, 2019-07-11, which the SDK's
	// sms/v20190711 package speaks.
	APIVersion20190711 = actions.V20190711
)

// GiftPackageAmount is the size, in billed segments, of the gift package
// SmsPackagesStatistics reports for every calendar month (Beijing time).
// The fake has no purchased packages: each month's package is created and
// takes effect at 00:00 on the 1st, expires at the next month's start, and
// its CurrentUsage is the app's billed segments (Fee) of that month, capped
// at the amount. Its PackageId is the month as yyyymm.
const GiftPackageAmount = actions.GiftPackageAmount
