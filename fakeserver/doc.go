// Package fakeserver is a fake sms.tencentcloudapi.com: the Tencent Cloud
// SMS API 2021-01-11 as the official SDKs (Go, Node.js, ...) see it, for
// integration tests that must not be able to tell it from the real service.
//
// It checks TC3-HMAC-SHA256 and legacy v1 (HmacSHA1, HmacSHA256) signatures
// against configured credentials, accepts the four ways the SDKs send
// requests (TC3 POST JSON, TC3 GET query, v1 POST form, v1 GET query),
// decodes parameters into the SDK's own sms/v20210111 request models and
// encodes responses from its response models, and answers every request
// with HTTP 200 and Tencent's {"Response":{...,"RequestId":"<uuid>"}}
// envelope, errors included, with Tencent's error codes.
//
// # Use from Go tests
//
//	srv := fakeserver.Run(t) // listens on 127.0.0.1:0, closed by t.Cleanup
//	cpf := profile.NewClientProfile()
//	cpf.HttpProfile.Endpoint = srv.Endpoint()
//	cpf.HttpProfile.Scheme = "http"
//	client, _ := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
//	// ... code under test sends through client ...
//	m, _ := srv.WaitFor(ctx, func(m fakeserver.Message) bool { return m.Number == "+8613800000000" })
//	// m.Text is "【Sign】Your code is 1234"
//
// Without a listener, give the SDK the in-process transport:
// client.WithHttpTransport(srv.Transport()).
//
// Lifecycle follows net/http/httptest: New returns an unstarted Server,
// Start listens, Close (or Shutdown) stops. Handler, Transport and every
// inspection method work whether or not the server listens. A Server is
// safe for concurrent use.
//
// # Actions
//
// SendSms, PullSmsSendStatus, SendStatusStatistics, AddSmsTemplate,
// DescribeSmsTemplateList, and:
//
//   - SendMultiGlobalSms: up to 200 international numbers, each with its own template, params, SenderId and SessionContext; a mainland number is UnsupportedOperation.ContainDomesticPhoneNumber, an empty set InvalidParameterValue.MultiSmsInfoSetEmpty; template problems fail their entry only; messages are held like SendSms ones.
//   - PullSmsSendStatusByPhoneNumber: one number's receipts sent in [BeginTime, EndTime] (Unix s, at most 7 days back), oldest first; Offset must be 0, Limit at most 100; not consumed.
//   - CallbackStatusStatistics: receipts of messages sent in the yyyymmddhh window (at most 32 days, Beijing time); failures counted by words in the carrier description (BLACK, FREQ, EMPTY/INVALID, POWER/SHUTDOWN/ABSENT, else internal error).
//   - SmsPackagesStatistics: one gift package of GiftPackageAmount segments per calendar month whose start lies in the window, newest first, PackageId yyyymm, CurrentUsage the app's fees that month; Limit at most 500.
//   - ModifySmsTemplate, DeleteSmsTemplate: an approved template cannot be modified (FailedOperation.TemplateAlreadyPassedCheck), the region must match, and a modified template is reviewed again like a new one; unknown IDs give MissingTemplateToModify and TemplateIdNotExist.
//   - AddSmsSign, ModifySmsSign, DeleteSmsSign, DescribeSmsSignList: signs registered through the API are checked by strict-mode SendSms like seeded ones and reviewed like templates (ApproveSign, RejectSign); seeded signs get IDs in name order.
//   - DescribePhoneNumberInfo: up to 200 numbers normalised as SendSms does; a malformed one keeps its input and has its own Code.
//   - ReportConversion: the SerialNo must be held and sent by the SmsSdkAppId (else InvalidParameterValue, or UnauthorizedOperation.SmsSdkAppIdVerifyFail for another app's message); answers Code "OK", Message "success".
//   - DescribeSendRecordList (Node SDK 4.1.306; Go sms v1.3.155 has no model): one number's messages in the last 72 hours, newest first, Limit 1–50 (default 20), Offset 0–1000, Content with param digits masked as '*'.
//
// Others answer InvalidAction; a version other
// than 2021-01-11 answers NoSuchVersion, a method other than GET or POST
// UnsupportedProtocol.
//
// SendSms applies Tencent's rules: at most 200 numbers
// (LimitExceeded.PhoneNumberCountLimit), none is
// MissingParameter.EmptyPhoneNumberSet, mainland and international numbers
// may not be mixed (UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber).
// A malformed number fails alone with
// InvalidParameterValue.IncorrectPhoneNumber in its SendStatus while the
// others are sent. Accepted numbers get a SerialNo ("2433:…" for mainland
// numbers, a UUID for international ones), the normalised PhoneNumber, Fee
// (billed segments of the text with its 【sign】), the echoed
// SessionContext, Code "Ok", Message "send success" and the IsoCode.
// Accepted messages get an immediate SUCCESS/DELIVRD receipt, which
// PullSmsSendStatus returns once.
//
// # Modes
//
// Permissive (the default): any SmsSdkAppId, any sign and any unregistered
// template are accepted, so a first test needs no setup; the text of a
// message with an unregistered template is its sign and its params joined
// by spaces. Registered templates and signs are still checked: they must be
// approved (FailedOperation.TemplateIncorrectOrUnapproved,
// FailedOperation.SignatureIncorrectOrUnapproved), a registered template
// needs exactly its number of params (per-number
// FailedOperation.TemplateParamSetNotMatchApprovedTemplate), and mainland
// and international templates go only to their own numbers.
//
// Strict (Options.Strict): the app must be registered
// (InvalidParameterValue.SdkAppIdNotExist), and so must the template and,
// for mainland numbers, the sign.
//
// Templates created through AddSmsTemplate are approved at once by default;
// Options.TemplateReview holds or rejects them instead, and ApproveTemplate
// or RejectTemplate (or the admin API) decide later.
//
// # Faults
//
// AddFault makes chosen requests fail: a Fault with a Number fails that
// recipient in its SendStatus (for example
// LimitExceeded.PhoneNumberDailyLimit) while others succeed; one without a
// Number fails the whole request in Response.Error. Times limits how often
// it fires.
//
// # Admin API
//
// Under /_fake/, in JSON with ordinary HTTP status codes:
//
//	GET    /_fake/healthz                   {"status":"ok"} once serving
//	GET    /_fake/                          HTML page of held messages (also /_fake/ui)
//	GET    /_fake/messages                  {"messages":[Message...]}; query filters
//	                                        number, template, tag, app, since (RFC 3339 or Unix seconds)
//	GET    /_fake/messages/wait             long-poll with the same filters plus count (default 1)
//	                                        and timeout (default 10s): 200 {"messages":[...]} or 408
//	DELETE /_fake/messages                  Reset: forget messages, receipts and statistics
//	POST   /_fake/apps                      register App {"id","name"} (one object or an array)
//	POST   /_fake/signs                     register Sign {"name","international","status"}
//	POST   /_fake/templates                 register Template {"id","name","content","international","smsType","status","reviewReply"}
//	GET    /_fake/templates                 {"templates":[...]}
//	POST   /_fake/templates/{id}/approve    approve (404 if unknown)
//	POST   /_fake/templates/{id}/reject     reject; optional body {"reviewReply":"..."}
//	GET    /_fake/faults                    {"faults":[Fault...]}
//	POST   /_fake/faults                    add Fault {"action","number","code","message","times"}: 201 {"id":N}
//	DELETE /_fake/faults                    remove every fault
//	DELETE /_fake/faults/{id}               remove one (404 if unknown)
//
// Status values are 0 approved, 1 under review, -1 rejected. Message JSON
// fields: serialNo, number, app, template, params, sign, tag, senderId,
// extendCode, text, fee, time, mainland, receiptStatus, receiptPulled.
//
// # Logging and secrets
//
// Options.Logger gets one record per API request (action, result code,
// RequestId, method, elapsed time). Neither logs nor error messages ever
// contain a SecretKey, a signature or message content.
package fakeserver
