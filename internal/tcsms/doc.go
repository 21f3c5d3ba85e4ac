// Package tcsms holds the Tencent Cloud SMS rules that both the fake server
// (package fakeserver) and the production adapter (package tencent) need,
// so that the two cannot drift apart. It imports only the standard library
// and the root notifier package (for the error sentinels).
//
// Section numbers (§2.2, ...) refer to the shared reference
// tencent-sms-api.md, which records the wire protocol and the captured
// signature test vectors this package's tests replay.
//
// # Contents
//
//   - Error codes: a constant and a CodeInfo (notifier kind, default English
//     message, whether it can be a per-number SendStatus.Code) for every
//     common API 3.0 code, every sms v20210111 code of the Go SDK and the
//     SDK's local ClientError.* codes. Lookup, KindOf and Codes read the
//     table; APIError (built with NewError or Errorf) is the error the fake
//     writes into Response.Error and the adapter classifies; LegacyCode maps
//     the pre-3.0 numeric results.
//   - Phone numbers: ParseNumber normalises E.164 and the mainland shorthand
//     forms and reports the country (IsoCode, IsoName); CheckBatch applies
//     the request-level rules of SendSms (empty set, MaxNumbers, mixing
//     mainland and international numbers).
//   - Templates: Placeholders validates {1}..{n}; Render fills them in.
//   - Rules: what SendSms accepts, as notifier.Rules (Rules, which the
//     tencent adapter exports and the fake enforces), MaxSessionContext,
//     and the daily caps that lift only at midnight in Beijing
//     (DailyLimit, NextDailyReset).
//   - Content limits: MaxContentChars, MaxParamChars and MaxTemplateChars
//     (500 characters each, as Tencent counts them: Chars) with their
//     checks; RenderedChars measures a rendered text without building it.
//   - Billing: Segments counts the SMS segments Tencent bills (Fee).
//   - Signatures: SignTC3, TC3Authorization and ParseTC3Authorization for
//     TC3-HMAC-SHA256; V1StringToSign and SignV1 for the legacy HmacSHA1 and
//     HmacSHA256 scheme; Verifier checks either the way Tencent does, against
//     the candidate hosts of Candidates.
//
// Every function is safe for concurrent use. The package's only mutable
// state is a small internal cache of derived TC3 signing keys, shared by
// every Verifier. Errors returned by the package are *APIError values; they never
// contain a secret key or an expected signature.
//
// # Constant names
//
//   - A code's constant is "Code" followed by the last dot-separated segment
//     of the code, with Go initialisms upper-cased (Id→ID, Ip→IP, Url→URL,
//     Json→JSON, Http→HTTP, Api→API):
//     CodeSignatureFailure = "AuthFailure.SignatureFailure",
//     CodePhoneNumberDailyLimit = "LimitExceeded.PhoneNumberDailyLimit",
//     CodeSdkAppIDNotExist = "InvalidParameterValue.SdkAppIdNotExist".
//   - Where two codes share a last segment, the bare or FailedOperation code
//     keeps the short name and the other spells the whole code without dots:
//     CodeJSONParseFail ("FailedOperation.JsonParseFail") and
//     CodeInternalErrorJSONParseFail ("InternalError.JsonParseFail");
//     CodeOtherError and CodeInternalErrorOtherError;
//     CodeUnauthorizedOperation and CodeAuthFailureUnauthorizedOperation;
//     CodeUnsupportedRegion and CodeUnsupportedOperationUnsupportedRegion.
//   - Codes the Go SDK makes up locally (ClientError.*) start with
//     "CodeClient": CodeClientNetworkError, CodeClientParseJSONError.
//   - CodeOk ("Ok") is the per-number success code; MsgSendSuccess ("send
//     success") and MsgDescribeSuccess ("Describe success") are the success
//     messages of SendStatus and PhoneNumberInfo.
//
// # Kinds
//
// AuthFailure.* and UnauthorizedOperation.* are notifier.ErrUnauthorized
// (except ServiceSuspendDueToArrears, ErrQuotaExceeded). Per-number and
// frequency limits (LimitExceeded.PhoneNumber*, DeliveryFrequencyLimit,
// RequestLimitExceeded*) are ErrRateLimited, because a later send can
// succeed; application and account daily caps and package balance are
// ErrQuotaExceeded. Malformed numbers are ErrInvalidRecipient; blacklists,
// sensitive words and marketing hours are ErrRejected; template, signature
// and parameter problems are ErrInvalidMessage, or ErrNotFound where a
// referenced resource is missing; InternalError.*, ServiceUnavailable and
// the SDK's network and parse failures are ErrUnavailable;
// UnsupportedOperation.* is ErrUnsupported. Codes outside the table are
// classified by their prefix (KindOf).
package tcsms
