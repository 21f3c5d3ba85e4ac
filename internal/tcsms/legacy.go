package tcsms

// legacyCodes maps the numeric result codes of Tencent's pre-3.0 SMS API
// to the 3.0 codes, matched by description (§6 of the reference; the
// pairing is inferred, not published by Tencent).
var legacyCodes = map[int]string{
	1001:  CodeSigVerificationFail,
	1002:  CodeContainSensitiveWord,
	1003:  CodeSigFieldMissing,
	1004:  CodeFailResolvePacket,
	1006:  CodeRequestPermissionDeny,
	1007:  CodeInternalErrorOtherError,
	1008:  CodeTimeout,
	1009:  CodeRequestIPNotInWhitelist,
	1011:  CodeRestAPIInterfaceNotExist,
	1012:  CodeSignatureIncorrectOrUnapproved,
	1013:  CodeDeliveryFrequencyLimit,
	1014:  CodeTemplateIncorrectOrUnapproved,
	1015:  CodePhoneNumberInBlacklist,
	1016:  CodeIncorrectPhoneNumber,
	1017:  CodeContentLengthLimit,
	1019:  CodeSdkAppIDNotExist,
	1020:  CodeSdkAppIDIsDisabled,
	1021:  CodeRequestTimeException,
	1022:  CodeAppDailyLimit,
	1023:  CodePhoneNumberThirtySecondLimit,
	1024:  CodePhoneNumberOneHourLimit,
	1025:  CodePhoneNumberDailyLimit,
	1026:  CodePhoneNumberSameContentDailyLimit,
	1029:  CodeMarketingSendTimeConstraint,
	1030:  CodeUnsupportedOperation,
	1031:  CodeInsufficientBalanceInSmsPackage,
	1032:  CodeIndividualUserMarketingSmsPermissionDeny,
	1033:  CodeServiceSuspendDueToArrears,
	1034:  CodeContainDomesticAndInternationalPhoneNumber,
	1036:  CodeTemplateParameterLengthLimit,
	1038:  CodeTemplateParameterFormatError,
	1045:  CodeUnsupportedOperationUnsupportedRegion,
	1046:  CodePhoneNumberCountLimit,
	1047:  CodeDailyLimit,
	1048:  CodeProhibitedUseURLInTemplateParameter,
	60008: CodeTimeout,
}

// LegacyCode returns the API 3.0 code for a numeric result code of the
// legacy SMS API (1001–1048, 60008); ok is false for codes without a
// known counterpart (0 means success and has none).
func LegacyCode(result int) (code string, ok bool) {
	code, ok = legacyCodes[result]
	return code, ok
}
