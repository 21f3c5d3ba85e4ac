package tcsms

import (
	"strings"

	"github.com/notifykit/notifier"
)

// CodeInfo describes one Tencent error code.
type CodeInfo struct {
	// Code is Tencent's code, e.g. "LimitExceeded.PhoneNumberDailyLimit".
	Code string
	// Kind is the notifier sentinel the code maps to (nil only for CodeOk).
	Kind error
	// Message is a default English text close to Tencent's meaning.
	Message string
	// PerNumber reports whether the code may appear in SendStatus.Code
	// (one recipient's outcome) rather than only in Response.Error.
	PerNumber bool
}

// Shorter names for the sentinels, to keep the table readable.
var (
	kRecipient   = notifier.ErrInvalidRecipient
	kMessage     = notifier.ErrInvalidMessage
	kAuth        = notifier.ErrUnauthorized
	kRate        = notifier.ErrRateLimited
	kQuota       = notifier.ErrQuotaExceeded
	kRejected    = notifier.ErrRejected
	kUnavailable = notifier.ErrUnavailable
	kNotFound    = notifier.ErrNotFound
	kUnsupported = notifier.ErrUnsupported
)

const perNumber = true

// codeTable lists every known code once. Order follows codes.go.
var codeTable = []CodeInfo{
	{CodeOk, nil, MsgSendSuccess, perNumber},

	// Common API 3.0.
	{CodeAuthFailure, kAuth, "Authentication failed.", false},
	{CodeInvalidAuthorization, kAuth, "The Authorization header is not in the required format.", false},
	{CodeInvalidSecretID, kAuth, "The SecretId is not a cloud API key.", false},
	{CodeMFAFailure, kAuth, "Multi-factor authentication failed.", false},
	{CodeSecretIDNotFound, kAuth, "The SecretId does not exist or the key is disabled.", false},
	{CodeSignatureExpire, kAuth, "The signature has expired: the request timestamp differs from server time by more than 5 minutes.", false},
	{CodeSignatureFailure, kAuth, "The provided credentials could not be validated. Please check your signature is correct.", false},
	{CodeTokenFailure, kAuth, "The token is invalid.", false},
	{CodeAuthFailureUnauthorizedOperation, kAuth, "The request is not authorized by CAM.", false},
	{CodeActionOffline, kUnsupported, "The API has been taken offline.", false},
	{CodeDryRunOperation, kUnsupported, "The request would have succeeded, but DryRun was set.", false},
	{CodeFailedOperation, kUnavailable, "The operation failed.", false},
	{CodeInternalError, kUnavailable, "Internal error.", false},
	{CodeInvalidAction, kUnsupported, "The API does not exist.", false},
	{CodeInvalidParameter, kMessage, "A parameter is malformed or of the wrong type.", false},
	{CodeInvalidParameterValue, kMessage, "A parameter value is invalid.", false},
	{CodeInvalidRequest, kMessage, "The multipart request body is malformed.", false},
	{CodeIPInBlacklist, kAuth, "The requesting IP is in the blocklist.", false},
	{CodeIPNotInWhitelist, kAuth, "The requesting IP is not in the allowlist.", false},
	{CodeLimitExceeded, kQuota, "A quota limit was exceeded.", false},
	{CodeMissingParameter, kMessage, "A required parameter is missing.", false},
	{CodeNoSuchProduct, kUnsupported, "The product does not exist.", false},
	{CodeNoSuchVersion, kUnsupported, "The API version does not exist.", false},
	{CodeRequestLimitExceeded, kRate, "Too many requests: the API rate limit was exceeded.", false},
	{CodeRequestSizeLimitExceeded, kMessage, "The request is too large.", false},
	{CodeResourceInUse, kRejected, "The resource is in use.", false},
	{CodeResourceInsufficient, kQuota, "Resources are insufficient.", false},
	{CodeResourceNotFound, kNotFound, "The resource does not exist.", false},
	{CodeResourceUnavailable, kUnavailable, "The resource is unavailable.", false},
	{CodeResponseSizeLimitExceeded, kMessage, "The response would be too large.", false},
	{CodeServiceUnavailable, kUnavailable, "The service is temporarily unavailable.", false},
	{CodeUnauthorizedOperation, kAuth, "The operation is not authorized.", false},
	{CodeUnknownParameter, kMessage, "An unknown parameter was passed.", false},
	{CodeUnsupportedOperation, kUnsupported, "The operation is not supported.", perNumber},
	{CodeUnsupportedProtocol, kUnsupported, "Only GET and POST requests are supported.", false},
	{CodeUnsupportedRegion, kUnsupported, "The API does not support this region.", false},
	{CodeGlobalRegionUinLimitExceeded, kRate, "Too many requests from this account across regions.", false},
	{CodeIPLimitExceeded, kRate, "Too many requests from this IP.", false},
	{CodeUinLimitExceeded, kRate, "Too many requests from this account.", false},

	// Local SDK codes.
	{CodeClientError, kUnavailable, "The SDK rejected the request locally.", false},
	{CodeClientCircuitBreakerError, kUnavailable, "The SDK region circuit breaker is open.", false},
	{CodeClientCredentialError, kAuth, "The SDK could not obtain credentials.", false},
	{CodeClientHTTPStatusCodeError, kUnavailable, "The server answered with a non-200 HTTP status.", false},
	{CodeClientINIError, kAuth, "The SDK could not read the credentials file.", false},
	{CodeClientIOError, kUnavailable, "The SDK could not read the response body.", false},
	{CodeClientInvalidParameter, kMessage, "The SDK rejected a request parameter.", false},
	{CodeClientNetworkError, kUnavailable, "The request could not reach the server.", false},
	{CodeClientParseJSONError, kUnavailable, "The SDK could not parse the response.", false},
	{CodeClientTypeError, kUnavailable, "The SDK could not decode a response field.", false},

	// sms v20210111: FailedOperation.
	{CodeContainSensitiveWord, kRejected, "The message content contains sensitive words.", perNumber},
	{CodeFailResolvePacket, kMessage, "The request packet could not be parsed.", false},
	{CodeForbidAddMarketingTemplates, kAuth, "Individual accounts cannot create marketing templates.", false},
	{CodeInsufficientBalanceInSmsPackage, kQuota, "The SMS package balance is insufficient.", perNumber},
	{CodeJSONParseFail, kMessage, "The request body could not be parsed.", false},
	{CodeMarketingSendTimeConstraint, kRejected, "Marketing SMS may only be sent between 08:00 and 22:00.", perNumber},
	{CodeMissingSignature, kMessage, "A signature must be approved before templates can be requested.", false},
	{CodeMissingSignatureList, kMessage, "The signature is not recognised or has not been approved.", perNumber},
	{CodeMissingSignatureToModify, kNotFound, "The signature ID does not exist or was not submitted.", false},
	{CodeMissingTemplateList, kMessage, "The template is not recognised or has not been approved.", perNumber},
	{CodeMissingTemplateToModify, kNotFound, "The template ID does not exist or was not submitted.", false},
	{CodeNotEnterpriseCertification, kAuth, "Signature and template APIs require enterprise verification.", false},
	{CodeOtherError, kMessage, "Other error, usually caused by invalid parameters.", perNumber},
	{CodeParametersOtherError, kMessage, "Unknown parameter error.", false},
	{CodePhoneNumberInBlacklist, kRejected, "The phone number is in the do-not-disturb list.", perNumber},
	{CodePhoneNumberParseFail, kRecipient, "The phone number could not be parsed as E.164.", perNumber},
	{CodeProhibitSubAccountUse, kAuth, "Sub-accounts cannot use this API.", false},
	{CodeQualificationIDNotApproved, kMessage, "The qualification ID has not been approved.", false},
	{CodeSignIDNotExist, kNotFound, "The signature ID does not exist.", false},
	{CodeSignNumberLimit, kQuota, "The maximum number of signatures has been reached.", false},
	{CodeSignatureIncorrectOrUnapproved, kMessage, "The signature is malformed or has not been approved.", perNumber},
	{CodeTemplateAlreadyPassedCheck, kMessage, "An approved template cannot be modified.", false},
	{CodeTemplateIDNotExist, kNotFound, "The template ID does not exist.", false},
	{CodeTemplateIncorrectOrUnapproved, kMessage, "The template is unapproved or the content does not match it.", perNumber},
	{CodeTemplateNumberLimit, kQuota, "The maximum number of templates has been reached.", false},
	{CodeTemplateParamSetNotMatchApprovedTemplate, kMessage, "request content does not match the template content", perNumber},
	{CodeTemplateUnapprovedOrNotExist, kMessage, "The template is unapproved or does not exist.", perNumber},

	// sms v20210111: InternalError.
	{CodeInternalErrorJSONParseFail, kUnavailable, "The user parameters could not be parsed.", false},
	{CodeInternalErrorOtherError, kUnavailable, "Other internal error.", perNumber},
	{CodeParseBackendResponseFail, kUnavailable, "The carrier response could not be parsed.", perNumber},
	{CodeRequestTimeException, kUnavailable, "The request time differs from server time by more than 10 minutes.", false},
	{CodeRestAPIInterfaceNotExist, kUnavailable, "The REST API interface does not exist.", false},
	{CodeSendAndRecvFail, kUnavailable, "The request to the SMS backend timed out.", perNumber},
	{CodeSigFieldMissing, kUnavailable, "The backend request has no Sig field.", false},
	{CodeSigVerificationFail, kUnavailable, "The backend Sig verification failed.", false},
	{CodeTimeout, kUnavailable, "Sending the SMS timed out.", perNumber},
	{CodeUnknownError, kUnavailable, "Unknown error.", perNumber},

	// sms v20210111: InvalidParameter and InvalidParameterValue.
	{CodeAppidAndBizID, kAuth, "The account and the application ID do not match.", false},
	{CodeDirtyWordFound, kRejected, "The content contains sensitive words.", false},
	{CodeInvalidParameters, kMessage, "Invalid parameters.", false},
	{CodeBeginTimeVerifyFail, kMessage, "BeginTime is invalid.", false},
	{CodeContentLengthLimit, kMessage, "The message content is too long.", perNumber},
	{CodeEndTimeVerifyFail, kMessage, "EndTime is invalid.", false},
	{CodeImageInvalid, kMessage, "The uploaded image is invalid.", false},
	{CodeIncorrectPhoneNumber, kRecipient, "The phone number is malformed.", perNumber},
	{CodeInvalidDocumentType, kMessage, "DocumentType is invalid.", false},
	{CodeInvalidInternational, kMessage, "International is invalid.", false},
	{CodeInvalidSignPurpose, kMessage, "SignPurpose is invalid.", false},
	{CodeInvalidSmsType, kMessage, "SmsType is invalid.", false},
	{CodeInvalidStartTime, kMessage, "The start time is after the end time.", false},
	{CodeInvalidTemplateFormat, kMessage, "The template format is invalid.", false},
	{CodeInvalidUsedMethod, kMessage, "UsedMethod is invalid.", false},
	{CodeLimitVerifyFail, kMessage, "Limit is invalid.", false},
	{CodeMarketingTemplateWithoutUnsubscribe, kMessage, "Marketing templates must end with an unsubscribe instruction.", false},
	{CodeMultiSmsInfoSetEmpty, kMessage, "MultiSmsInfoSet is empty.", false},
	{CodeOffsetVerifyFail, kMessage, "Offset is invalid.", false},
	{CodeProhibitedUseURLInTemplateParameter, kMessage, "URLs are not allowed in template parameters.", perNumber},
	{CodeQualificationIDNotFound, kNotFound, "The qualification ID was not found.", false},
	{CodeSdkAppIDNotExist, kNotFound, "The SdkAppId does not exist.", false},
	{CodeSignAlreadyPassedCheck, kMessage, "An approved signature cannot be modified.", false},
	{CodeSignExistAndUnapproved, kMessage, "An identical signature is already pending review.", false},
	{CodeSignNameLengthTooLong, kMessage, "The signature name is too long.", false},
	{CodeTemplateParameterFormatError, kMessage, "Verification-code template parameters must be 0 to 6 digits.", perNumber},
	{CodeTemplateParameterLengthLimit, kMessage, "A template parameter is too long.", perNumber},
	{CodeTemplateWithDirtyWords, kRejected, "The template content contains sensitive words.", false},
	{CodeUnsupportedTemplateVariable, kMessage, "Mainland notification and marketing templates cannot have variables.", false},

	// sms v20210111: LimitExceeded and MissingParameter.
	{CodeAppCountryOrRegionDailyLimit, kQuota, "The application's daily limit for this country or region was exceeded.", perNumber},
	{CodeAppCountryOrRegionInBlacklist, kRejected, "Sending to this country or region is blocked by the application settings.", perNumber},
	{CodeAppDailyLimit, kQuota, "The application's daily sending limit was exceeded.", perNumber},
	{CodeAppGlobalDailyLimit, kQuota, "The application's daily international sending limit was exceeded.", perNumber},
	{CodeAppMainlandChinaDailyLimit, kQuota, "The application's daily mainland China sending limit was exceeded.", perNumber},
	{CodeDailyLimit, kQuota, "The daily international sending limit was exceeded.", perNumber},
	{CodeDeliveryFrequencyLimit, kRate, "The sending frequency policy was hit.", perNumber},
	{CodeGlobalSmsSendingRateLimit, kRate, "The international SMS sending rate limit was exceeded.", perNumber},
	{CodePhoneNumberCountLimit, kMessage, "More than 200 phone numbers in one request.", false},
	{CodePhoneNumberDailyLimit, kRate, "The daily limit for this phone number was exceeded.", perNumber},
	{CodePhoneNumberOneHourLimit, kRate, "The one-hour limit for this phone number was exceeded.", perNumber},
	{CodePhoneNumberSameContentDailyLimit, kRate, "The daily limit for the same content to this phone number was exceeded.", perNumber},
	{CodePhoneNumberThirtySecondLimit, kRate, "The 30-second limit for this phone number was exceeded.", perNumber},
	{CodeEmptyPhoneNumberSet, kMessage, "PhoneNumberSet is empty.", false},
	{CodeMissingParameterMissingSignatureList, kMessage, "No signature list was given, or the account has no such signature.", false},

	// sms v20210111: UnauthorizedOperation and UnsupportedOperation.
	{CodeIndividualUserMarketingSmsPermissionDeny, kAuth, "Individual accounts cannot send marketing SMS.", perNumber},
	{CodeRequestIPNotInWhitelist, kAuth, "The requesting IP is not in the allowlist.", false},
	{CodeRequestPermissionDeny, kAuth, "The request is not permitted.", false},
	{CodeSdkAppIDIsDisabled, kAuth, "This SdkAppId is disabled.", perNumber},
	{CodeServiceSuspendDueToArrears, kQuota, "The service is suspended because the account is in arrears.", perNumber},
	{CodeSmsSdkAppIDVerifyFail, kAuth, "The SmsSdkAppId does not belong to the account of the API key.", false},
	{CodeChineseMainlandTemplateToGlobalPhone, kUnsupported, "A mainland China template cannot be sent to an international number.", perNumber},
	{CodeContainDomesticAndInternationalPhoneNumber, kUnsupported, "The request mixes mainland China and international numbers.", false},
	{CodeContainDomesticPhoneNumber, kUnsupported, "This API supports only international numbers.", perNumber},
	{CodeGlobalTemplateToChineseMainlandPhone, kUnsupported, "An international template cannot be sent to a mainland China number.", perNumber},
	{CodeUnsupportedOperationUnsupportedRegion, kUnsupported, "Sending to this region is not supported.", perNumber},
}

// codeIndex maps Code to its position in codeTable.
var codeIndex = func() map[string]int {
	m := make(map[string]int, len(codeTable))
	for i, c := range codeTable {
		m[c.Code] = i
	}
	return m
}()

// Lookup returns the table entry for code; ok is false when the code is
// not in the table.
func Lookup(code string) (CodeInfo, bool) {
	i, ok := codeIndex[code]
	if !ok {
		return CodeInfo{}, false
	}
	return codeTable[i], true
}

// Codes returns a copy of the whole table, in a stable order.
func Codes() []CodeInfo {
	out := make([]CodeInfo, len(codeTable))
	copy(out, codeTable)
	return out
}

// KindOf returns the notifier sentinel for code: from the table when the
// code is known, otherwise from its prefix (so new sub-codes Tencent adds
// later still land in a sensible kind). CodeOk gives nil; an unknown or
// empty code gives notifier.ErrUnavailable.
func KindOf(code string) error {
	if info, ok := Lookup(code); ok {
		return info.Kind
	}
	category, sub, dotted := strings.Cut(code, ".")
	if !dotted {
		return kUnavailable
	}
	switch category {
	case "LimitExceeded":
		switch {
		case strings.HasPrefix(sub, "PhoneNumber"):
			return kRate
		case strings.Contains(sub, "Daily"):
			return kQuota
		case strings.Contains(sub, "Rate") || strings.Contains(sub, "Frequency"):
			return kRate
		}
		return kQuota
	case "FailedOperation":
		switch {
		case strings.HasSuffix(sub, "NotExist"):
			return kNotFound
		case strings.Contains(sub, "Sensitive") || strings.Contains(sub, "DirtyWord"):
			return kRejected
		}
		return kMessage
	case "InvalidParameterValue", "InvalidParameter":
		switch {
		case strings.HasSuffix(sub, "NotExist") || strings.HasSuffix(sub, "NotFound"):
			return kNotFound
		case strings.Contains(sub, "PhoneNumber"):
			return kRecipient
		case strings.Contains(sub, "DirtyWord"):
			return kRejected
		}
		return kMessage
	}
	if i, ok := codeIndex[category]; ok && codeTable[i].Kind != nil {
		return codeTable[i].Kind
	}
	return kUnavailable
}

// perNumberCodes are, for each kind, the per-number code Tencent answers
// most often for it: what a test injects to make one recipient fail that
// way.
var perNumberCodes = map[error]string{
	kRate:        CodePhoneNumberDailyLimit,
	kRecipient:   CodeIncorrectPhoneNumber,
	kRejected:    CodePhoneNumberInBlacklist,
	kQuota:       CodeInsufficientBalanceInSmsPackage,
	kMessage:     CodeTemplateIncorrectOrUnapproved,
	kUnavailable: CodeTimeout,
}

// PerNumberCode returns the per-number code Tencent answers most often for
// kind, one of notifier's sentinel errors, and false for a kind Tencent
// never reports per number (unauthorized, not found, unsupported).
func PerNumberCode(kind error) (string, bool) {
	code, ok := perNumberCodes[kind]
	return code, ok
}
