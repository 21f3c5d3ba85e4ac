module github.com/notifykit/notifier

go 1.26.0

require (
	github.com/go-json-experiment/json v1.27.2
	github.com/google/uuid v1.6.0
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common v1.3.212
	github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms v1.3.155
	go.uber.org/mock v0.6.0
)
