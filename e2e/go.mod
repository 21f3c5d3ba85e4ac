module github.com/notifykit/notifier/e2e

go 1.26.0

replace github.com/notifykit/notifier => ../

require (
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/notifykit/notifier v0.0.0-00010101000000-000000000000
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common v1.3.212
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms v1.3.155
)

require (
	github.com/go-json-experiment/json v1.27.2 // indirect
	github.com/google/uuid v1.6.0 // indirect
)
