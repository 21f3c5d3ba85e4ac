package tcsms

// Success values of SendStatus and PhoneNumberInfo.
const (
	// CodeOk is the per-number success code: capital O, lowercase k.
	CodeOk = "Ok"
	// MsgSendSuccess is SendStatus.Message on success.
	MsgSendSuccess = "send success"
	// MsgDescribeSuccess is PhoneNumberInfo.Message on success.
	MsgDescribeSuccess = "Describe success"
)

// Common API 3.0 codes, shared by every Tencent Cloud product.
const (
	CodeAuthFailure                      = "AuthFailure"
	CodeInvalidAuthorization             = "AuthFailure.InvalidAuthorization"
	CodeInvalidSecretID                  = "AuthFailure.InvalidSecretId"
	CodeMFAFailure                       = "AuthFailure.MFAFailure"
	CodeSecretIDNotFound                 = "AuthFailure.SecretIdNotFound"
	CodeSignatureExpire                  = "AuthFailure.SignatureExpire"
	CodeSignatureFailure                 = "AuthFailure.SignatureFailure"
	CodeTokenFailure                     = "AuthFailure.TokenFailure"
	CodeAuthFailureUnauthorizedOperation = "AuthFailure.UnauthorizedOperation"

	CodeActionOffline             = "ActionOffline"
	CodeDryRunOperation           = "DryRunOperation"
	CodeFailedOperation           = "FailedOperation"
	CodeInternalError             = "InternalError"
	CodeInvalidAction             = "InvalidAction"
	CodeInvalidParameter          = "InvalidParameter"
	CodeInvalidParameterValue     = "InvalidParameterValue"
	CodeInvalidRequest            = "InvalidRequest"
	CodeIPInBlacklist             = "IpInBlacklist"
	CodeIPNotInWhitelist          = "IpNotInWhitelist"
	CodeLimitExceeded             = "LimitExceeded"
	CodeMissingParameter          = "MissingParameter"
	CodeNoSuchProduct             = "NoSuchProduct"
	CodeNoSuchVersion             = "NoSuchVersion"
	CodeRequestLimitExceeded      = "RequestLimitExceeded"
	CodeRequestSizeLimitExceeded  = "RequestSizeLimitExceeded"
	CodeResourceInUse             = "ResourceInUse"
	CodeResourceInsufficient      = "ResourceInsufficient"
	CodeResourceNotFound          = "ResourceNotFound"
	CodeResourceUnavailable       = "ResourceUnavailable"
	CodeResponseSizeLimitExceeded = "ResponseSizeLimitExceeded"
	CodeServiceUnavailable        = "ServiceUnavailable"
	CodeUnauthorizedOperation     = "UnauthorizedOperation"
	CodeUnknownParameter          = "UnknownParameter"
	CodeUnsupportedOperation      = "UnsupportedOperation"
	CodeUnsupportedProtocol       = "UnsupportedProtocol"
	CodeUnsupportedRegion         = "UnsupportedRegion"

	CodeGlobalRegionUinLimitExceeded = "RequestLimitExceeded.GlobalRegionUinLimitExceeded"
	CodeIPLimitExceeded              = "RequestLimitExceeded.IPLimitExceeded"
	CodeUinLimitExceeded             = "RequestLimitExceeded.UinLimitExceeded"
)

// Codes the Go SDK produces locally, without a server answer (§3 of the
// reference). They never come from the server.
const (
	CodeClientError               = "ClientError"
	CodeClientCircuitBreakerError = "ClientError.CircuitBreakerError"
	CodeClientCredentialError     = "ClientError.CredentialError"
	CodeClientHTTPStatusCodeError = "ClientError.HttpStatusCodeError"
	CodeClientINIError            = "ClientError.INIError"
	CodeClientIOError             = "ClientError.IOError"
	CodeClientInvalidParameter    = "ClientError.InvalidParameter"
	CodeClientNetworkError        = "ClientError.NetworkError"
	CodeClientParseJSONError      = "ClientError.ParseJsonError"
	CodeClientTypeError           = "ClientError.TypeError"
)

// SMS codes of sms/v20210111 (errors.go of the Go SDK), FailedOperation.*.
const (
	CodeContainSensitiveWord                     = "FailedOperation.ContainSensitiveWord"
	CodeFailResolvePacket                        = "FailedOperation.FailResolvePacket"
	CodeForbidAddMarketingTemplates              = "FailedOperation.ForbidAddMarketingTemplates"
	CodeInsufficientBalanceInSmsPackage          = "FailedOperation.InsufficientBalanceInSmsPackage"
	CodeJSONParseFail                            = "FailedOperation.JsonParseFail"
	CodeMarketingSendTimeConstraint              = "FailedOperation.MarketingSendTimeConstraint"
	CodeMissingSignature                         = "FailedOperation.MissingSignature"
	CodeMissingSignatureList                     = "FailedOperation.MissingSignatureList"
	CodeMissingSignatureToModify                 = "FailedOperation.MissingSignatureToModify"
	CodeMissingTemplateList                      = "FailedOperation.MissingTemplateList"
	CodeMissingTemplateToModify                  = "FailedOperation.MissingTemplateToModify"
	CodeNotEnterpriseCertification               = "FailedOperation.NotEnterpriseCertification"
	CodeOtherError                               = "FailedOperation.OtherError"
	CodeParametersOtherError                     = "FailedOperation.ParametersOtherError"
	CodePhoneNumberInBlacklist                   = "FailedOperation.PhoneNumberInBlacklist"
	CodePhoneNumberParseFail                     = "FailedOperation.PhoneNumberParseFail"
	CodeProhibitSubAccountUse                    = "FailedOperation.ProhibitSubAccountUse"
	CodeQualificationIDNotApproved               = "FailedOperation.QualificationIdNotApproved"
	CodeSignIDNotExist                           = "FailedOperation.SignIdNotExist"
	CodeSignNumberLimit                          = "FailedOperation.SignNumberLimit"
	CodeSignatureIncorrectOrUnapproved           = "FailedOperation.SignatureIncorrectOrUnapproved"
	CodeTemplateAlreadyPassedCheck               = "FailedOperation.TemplateAlreadyPassedCheck"
	CodeTemplateIDNotExist                       = "FailedOperation.TemplateIdNotExist"
	CodeTemplateIncorrectOrUnapproved            = "FailedOperation.TemplateIncorrectOrUnapproved"
	CodeTemplateNumberLimit                      = "FailedOperation.TemplateNumberLimit"
	CodeTemplateParamSetNotMatchApprovedTemplate = "FailedOperation.TemplateParamSetNotMatchApprovedTemplate"
	CodeTemplateUnapprovedOrNotExist             = "FailedOperation.TemplateUnapprovedOrNotExist"
)

// SMS codes, InternalError.*.
const (
	CodeInternalErrorJSONParseFail = "InternalError.JsonParseFail"
	CodeInternalErrorOtherError    = "InternalError.OtherError"
	CodeParseBackendResponseFail   = "InternalError.ParseBackendResponseFail"
	CodeRequestTimeException       = "InternalError.RequestTimeException"
	CodeRestAPIInterfaceNotExist   = "InternalError.RestApiInterfaceNotExist"
	CodeSendAndRecvFail            = "InternalError.SendAndRecvFail"
	CodeSigFieldMissing            = "InternalError.SigFieldMissing"
	CodeSigVerificationFail        = "InternalError.SigVerificationFail"
	CodeTimeout                    = "InternalError.Timeout"
	CodeUnknownError               = "InternalError.UnknownError"
)

// SMS codes, InvalidParameter.* and InvalidParameterValue.*.
const (
	CodeAppidAndBizID     = "InvalidParameter.AppidAndBizId"
	CodeDirtyWordFound    = "InvalidParameter.DirtyWordFound"
	CodeInvalidParameters = "InvalidParameter.InvalidParameters"

	CodeBeginTimeVerifyFail                 = "InvalidParameterValue.BeginTimeVerifyFail"
	CodeContentLengthLimit                  = "InvalidParameterValue.ContentLengthLimit"
	CodeEndTimeVerifyFail                   = "InvalidParameterValue.EndTimeVerifyFail"
	CodeImageInvalid                        = "InvalidParameterValue.ImageInvalid"
	CodeIncorrectPhoneNumber                = "InvalidParameterValue.IncorrectPhoneNumber"
	CodeInvalidDocumentType                 = "InvalidParameterValue.InvalidDocumentType"
	CodeInvalidInternational                = "InvalidParameterValue.InvalidInternational"
	CodeInvalidSignPurpose                  = "InvalidParameterValue.InvalidSignPurpose"
	CodeInvalidSmsType                      = "InvalidParameterValue.InvalidSmsType"
	CodeInvalidStartTime                    = "InvalidParameterValue.InvalidStartTime"
	CodeInvalidTemplateFormat               = "InvalidParameterValue.InvalidTemplateFormat"
	CodeInvalidUsedMethod                   = "InvalidParameterValue.InvalidUsedMethod"
	CodeLimitVerifyFail                     = "InvalidParameterValue.LimitVerifyFail"
	CodeMarketingTemplateWithoutUnsubscribe = "InvalidParameterValue.MarketingTemplateWithoutUnsubscribe"
	CodeMultiSmsInfoSetEmpty                = "InvalidParameterValue.MultiSmsInfoSetEmpty"
	CodeOffsetVerifyFail                    = "InvalidParameterValue.OffsetVerifyFail"
	CodeProhibitedUseURLInTemplateParameter = "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter"
	CodeQualificationIDNotFound             = "InvalidParameterValue.QualificationIdNotFound"
	CodeSdkAppIDNotExist                    = "InvalidParameterValue.SdkAppIdNotExist"
	CodeSignAlreadyPassedCheck              = "InvalidParameterValue.SignAlreadyPassedCheck"
	CodeSignExistAndUnapproved              = "InvalidParameterValue.SignExistAndUnapproved"
	CodeSignNameLengthTooLong               = "InvalidParameterValue.SignNameLengthTooLong"
	CodeTemplateParameterFormatError        = "InvalidParameterValue.TemplateParameterFormatError"
	CodeTemplateParameterLengthLimit        = "InvalidParameterValue.TemplateParameterLengthLimit"
	CodeTemplateWithDirtyWords              = "InvalidParameterValue.TemplateWithDirtyWords"
	CodeUnsupportedTemplateVariable         = "InvalidParameterValue.UnsupportedTemplateVariable"
)

// SMS codes, LimitExceeded.* and MissingParameter.*.
const (
	CodeAppCountryOrRegionDailyLimit     = "LimitExceeded.AppCountryOrRegionDailyLimit"
	CodeAppCountryOrRegionInBlacklist    = "LimitExceeded.AppCountryOrRegionInBlacklist"
	CodeAppDailyLimit                    = "LimitExceeded.AppDailyLimit"
	CodeAppGlobalDailyLimit              = "LimitExceeded.AppGlobalDailyLimit"
	CodeAppMainlandChinaDailyLimit       = "LimitExceeded.AppMainlandChinaDailyLimit"
	CodeDailyLimit                       = "LimitExceeded.DailyLimit"
	CodeDeliveryFrequencyLimit           = "LimitExceeded.DeliveryFrequencyLimit"
	CodeGlobalSmsSendingRateLimit        = "LimitExceeded.GlobalSmsSendingRateLimit"
	CodePhoneNumberCountLimit            = "LimitExceeded.PhoneNumberCountLimit"
	CodePhoneNumberDailyLimit            = "LimitExceeded.PhoneNumberDailyLimit"
	CodePhoneNumberOneHourLimit          = "LimitExceeded.PhoneNumberOneHourLimit"
	CodePhoneNumberSameContentDailyLimit = "LimitExceeded.PhoneNumberSameContentDailyLimit"
	CodePhoneNumberThirtySecondLimit     = "LimitExceeded.PhoneNumberThirtySecondLimit"

	CodeEmptyPhoneNumberSet = "MissingParameter.EmptyPhoneNumberSet"
	// CodeMissingParameterMissingSignatureList is in sms v20190711 only:
	// DescribeSmsSignList of API version 2019-07-11 lists it.
	CodeMissingParameterMissingSignatureList = "MissingParameter.MissingSignatureList"
)

// SMS codes, UnauthorizedOperation.* and UnsupportedOperation.*.
const (
	CodeIndividualUserMarketingSmsPermissionDeny = "UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny"
	CodeRequestIPNotInWhitelist                  = "UnauthorizedOperation.RequestIpNotInWhitelist"
	CodeRequestPermissionDeny                    = "UnauthorizedOperation.RequestPermissionDeny"
	CodeSdkAppIDIsDisabled                       = "UnauthorizedOperation.SdkAppIdIsDisabled"
	CodeServiceSuspendDueToArrears               = "UnauthorizedOperation.ServiceSuspendDueToArrears"
	CodeSmsSdkAppIDVerifyFail                    = "UnauthorizedOperation.SmsSdkAppIdVerifyFail"

	CodeChineseMainlandTemplateToGlobalPhone       = "UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone"
	CodeContainDomesticAndInternationalPhoneNumber = "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber"
	CodeContainDomesticPhoneNumber                 = "UnsupportedOperation.ContainDomesticPhoneNumber"
	CodeGlobalTemplateToChineseMainlandPhone       = "UnsupportedOperation.GlobalTemplateToChineseMainlandPhone"
	CodeUnsupportedOperationUnsupportedRegion      = "UnsupportedOperation.UnsupportedRegion"
)
