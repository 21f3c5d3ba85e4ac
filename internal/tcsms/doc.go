// Package tcsms holds the Tencent Cloud SMS rules that both the fake server
// (package fakeserver) and the production adapter (package tencent) need,
// so that the two cannot drift apart: the error-code catalogue with each
// code's notifier kind and default message, and the TC3-HMAC-SHA256 and
// legacy v1 (HmacSHA1, HmacSHA256) signature algorithms with a Verifier.
//
// Section numbers (§2.2, ...) refer to the shared reference
// tencent-sms-api.md, which records the wire protocol and the signature
// test vectors used by this package's tests.
//
// # Constants
//
// Every code Tencent documents for API 3.0 in general and for sms
// v20210111 has a constant:
//
//   - The name is "Code" followed by the last dot-separated segment of the
//     code, with Go initialisms upper-cased (Id→ID, Ip→IP, Url→URL,
//     Json→JSON, Http→HTTP, Api→API):
//     CodeSignatureFailure = "AuthFailure.SignatureFailure",
//     CodePhoneNumberDailyLimit = "LimitExceeded.PhoneNumberDailyLimit",
//     CodeSdkAppIDNotExist = "InvalidParameterValue.SdkAppIdNotExist".
//   - Where two codes share a last segment, the bare or FailedOperation code
//     keeps the short name and the other spells the whole code without dots:
//     CodeJSONParseFail ("FailedOperation.JsonParseFail") and
//     CodeInternalErrorJSONParseFail ("InternalError.JsonParseFail");
//     CodeUnauthorizedOperation and CodeAuthFailureUnauthorizedOperation;
//     CodeUnsupportedRegion and CodeUnsupportedOperationUnsupportedRegion;
//     CodeOtherError and CodeInternalErrorOtherError.
//   - Codes the Go SDK makes up locally (ClientError.*) start with
//     "CodeClient": CodeClientNetworkError.
//   - CodeOk ("Ok") is the per-number success code; MsgSendSuccess and
//     MsgDescribeSuccess are the matching success messages.
//
// Errors are *APIError values carrying a code and a message; they never
// contain a secret key or an expected signature.
package tcsms
