// Package tencent is the production notifier.Notifier for Tencent Cloud SMS
// (API 2021-01-11), built on the official SDK
// (github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111).
//
//	c, err := tencent.New(tencent.Config{
//		SecretID:  os.Getenv("TENCENTCLOUD_SECRET_ID"),
//		SecretKey: os.Getenv("TENCENTCLOUD_SECRET_KEY"),
//		SDKAppID:  "1400006666",
//		SignName:  "Acme",
//	})
//	res, err := c.Send(ctx, notifier.Message{To: []string{"+8613800000000"}, Template: "1110", Params: []string{"4370"}})
//
// # Sending
//
// Client.Send maps a notifier.Message onto SendSms: Template is the
// TemplateId, Params the TemplateParamSet, Sign (or Config.SignName) the
// SignName, SenderID (or Config.SenderID) the SenderId of international
// requests, and Tag the SessionContext. It splits the recipients into
// mainland and international requests of at most 200 numbers, sends them
// one after another, and merges the answers into one notifier.Result in
// the caller's order: MessageID is Tencent's SerialNo, Segments its Fee.
// Numbers that are not E.164, or not mainland mobile numbers after +86, fail
// on their own without a request. Message.Body is not supported (Tencent
// sends approved templates only). Send never retries: SendSms has no
// idempotency key.
//
// # Errors
//
// Tencent answers per-number failures inside a successful response
// (SendStatus.Code) and request failures as an error envelope. Both become
// *notifier.Error values whose Kind comes from the shared code table in
// internal/tcsms (errors.Is(err, notifier.ErrRateLimited)), whose Code and
// RequestID are Tencent's, and whose Err is the SDK's
// *errors.TencentCloudSDKError, so errors.As reaches it too. Network
// failures are notifier.ErrUnavailable: the message may or may not have
// gone out. A context cancelled before sending comes back as ctx.Err().
// Daily caps (LimitExceeded.PhoneNumberDailyLimit,
// PhoneNumberSameContentDailyLimit and the application daily limits) carry
// Error.RetryAfter, the time left until midnight in Beijing when they lift,
// so notifier.Retry does not resend them.
//
// # Receipts, replies and callbacks
//
// Client implements notifier.ReceiptPuller (PullSmsSendStatus) and
// notifier.ReplyPuller (PullSmsReplyStatus). CallbackHandler serves the
// delivery-report and reply callbacks Tencent POSTs, and makes Tencent
// retry when your handler fails.
//
// # Tencent-only operations
//
// Templates (AddTemplate, ModifyTemplate, DeleteTemplate, ListTemplates),
// signatures (AddSign, ModifySign, DeleteSign, ListSigns), statistics
// (SendStatistics, CallbackStatistics, PackageStatistics) and number lookup
// (LookupNumbers) are methods on *Client with plain Go types; their errors
// are mapped like Send's.
//
// # Testing
//
// For unit tests, give your code the in-memory fake with this adapter's
// rules, fake.New(fake.WithRules(tencent.Rules())): it then refuses what
// Send refuses (a Body, a mainland number without a sign, an unknown
// template, a wrong parameter count, ...) with the same error kinds, which
// notifiertest.Diff checks against this adapter on the fake server.
// Config.Rules gives the rules of a Client with your Config (its SignName
// and MaxRecipients).
//
// For integration tests, point Config.Endpoint at the fake server (package
// fakeserver) with Scheme "http", or pass its Transport with
// WithHTTPTransport; the SDK then signs and sends exactly what it would
// send to Tencent. New builds the SDK profile with
// profile.NewClientProfile, which keeps the SDK's region breaker off: a
// hand-built profile turns it on, and it then redirects a custom Endpoint
// to Tencent's backup host after a few calls.
//
// # Secrets
//
// Config, Client, errors and logs never show SecretKey or SessionToken. The
// SDK quotes request URLs in network errors; with the v1 signature and GET
// those hold the signature and token, so Client strips URL queries from
// the errors it returns.
package tencent
