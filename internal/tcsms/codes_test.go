package tcsms

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/notifykit/notifier"
)

// codeConstants parses codes.go and returns every Code* constant, name to value.
func codeConstants(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "codes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !strings.HasPrefix(n.Name, "Code") {
					continue
				}
				v, err := strconv.Unquote(vs.Values[i].(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				out[n.Name] = v
			}
		}
	}
	return out
}

func TestEveryConstantIsInTheTable(t *testing.T) {
	consts := codeConstants(t)
	if len(consts) != len(codeTable) {
		t.Errorf("%d Code constants, %d table entries", len(consts), len(codeTable))
	}
	seen := map[string]bool{}
	for name, code := range consts {
		if seen[code] {
			t.Errorf("code %s has two constants", code)
		}
		seen[code] = true
		info, ok := Lookup(code)
		if !ok {
			t.Errorf("%s = %q is not in the table", name, code)
			continue
		}
		if info.Message == "" {
			t.Errorf("%s has no message", code)
		}
		if (info.Kind == nil) != (code == CodeOk) {
			t.Errorf("%s has kind %v", code, info.Kind)
		}
	}
	for i, c := range codeTable {
		if j := codeIndex[c.Code]; j != i {
			t.Errorf("%s appears twice in the table (%d, %d)", c.Code, i, j)
		}
	}
}

// TestConstantNames checks the naming scheme of doc.go: "Code" + the last
// segment of the code, with initialisms upper-cased; a clash is resolved by
// spelling the whole code, and ClientError.* codes use "CodeClient".
func TestConstantNames(t *testing.T) {
	initialisms := strings.NewReplacer("Id", "ID", "Ip", "IP", "Url", "URL", "Json", "JSON", "Http", "HTTP", "Api", "API")
	for name, code := range codeConstants(t) {
		last := code[strings.LastIndexByte(code, '.')+1:]
		candidates := []string{
			"Code" + initialisms.Replace(last),
			"Code" + initialisms.Replace(strings.ReplaceAll(code, ".", "")),
			"CodeClient" + initialisms.Replace(last),
		}
		// "Ok" is one word, and names like AppidAndBizId keep "Appid".
		if name != "CodeOk" && !slices.Contains(candidates, name) {
			t.Errorf("%s = %q does not follow the naming scheme (%v)", name, code, candidates)
		}
	}
}

func TestSDKCodesCovered(t *testing.T) {
	// The 94 constants of sms/v20210111/errors.go in SDK v1.3.155.
	sms := strings.Fields(`
FailedOperation.ContainSensitiveWord FailedOperation.FailResolvePacket FailedOperation.ForbidAddMarketingTemplates
FailedOperation.InsufficientBalanceInSmsPackage FailedOperation.JsonParseFail FailedOperation.MarketingSendTimeConstraint
FailedOperation.MissingSignature FailedOperation.MissingSignatureList FailedOperation.MissingSignatureToModify
FailedOperation.MissingTemplateList FailedOperation.MissingTemplateToModify FailedOperation.NotEnterpriseCertification
FailedOperation.OtherError FailedOperation.ParametersOtherError FailedOperation.PhoneNumberInBlacklist
FailedOperation.PhoneNumberParseFail FailedOperation.ProhibitSubAccountUse FailedOperation.QualificationIdNotApproved
FailedOperation.SignIdNotExist FailedOperation.SignNumberLimit FailedOperation.SignatureIncorrectOrUnapproved
FailedOperation.TemplateAlreadyPassedCheck FailedOperation.TemplateIdNotExist FailedOperation.TemplateIncorrectOrUnapproved
FailedOperation.TemplateNumberLimit FailedOperation.TemplateParamSetNotMatchApprovedTemplate FailedOperation.TemplateUnapprovedOrNotExist
InternalError.JsonParseFail InternalError.OtherError InternalError.ParseBackendResponseFail InternalError.RequestTimeException
InternalError.RestApiInterfaceNotExist InternalError.SendAndRecvFail InternalError.SigFieldMissing InternalError.SigVerificationFail
InternalError.Timeout InternalError.UnknownError InvalidParameter InvalidParameter.AppidAndBizId InvalidParameter.DirtyWordFound
InvalidParameter.InvalidParameters InvalidParameterValue.BeginTimeVerifyFail InvalidParameterValue.ContentLengthLimit
InvalidParameterValue.EndTimeVerifyFail InvalidParameterValue.ImageInvalid InvalidParameterValue.IncorrectPhoneNumber
InvalidParameterValue.InvalidDocumentType InvalidParameterValue.InvalidInternational InvalidParameterValue.InvalidSignPurpose
InvalidParameterValue.InvalidSmsType InvalidParameterValue.InvalidStartTime InvalidParameterValue.InvalidTemplateFormat
InvalidParameterValue.InvalidUsedMethod InvalidParameterValue.LimitVerifyFail InvalidParameterValue.MarketingTemplateWithoutUnsubscribe
InvalidParameterValue.MultiSmsInfoSetEmpty InvalidParameterValue.OffsetVerifyFail InvalidParameterValue.ProhibitedUseUrlInTemplateParameter
InvalidParameterValue.QualificationIdNotFound InvalidParameterValue.SdkAppIdNotExist InvalidParameterValue.SignAlreadyPassedCheck
InvalidParameterValue.SignExistAndUnapproved InvalidParameterValue.SignNameLengthTooLong InvalidParameterValue.TemplateParameterFormatError
InvalidParameterValue.TemplateParameterLengthLimit InvalidParameterValue.TemplateWithDirtyWords InvalidParameterValue.UnsupportedTemplateVariable
LimitExceeded.AppCountryOrRegionDailyLimit LimitExceeded.AppCountryOrRegionInBlacklist LimitExceeded.AppDailyLimit
LimitExceeded.AppGlobalDailyLimit LimitExceeded.AppMainlandChinaDailyLimit LimitExceeded.DailyLimit LimitExceeded.DeliveryFrequencyLimit
LimitExceeded.GlobalSmsSendingRateLimit LimitExceeded.PhoneNumberCountLimit LimitExceeded.PhoneNumberDailyLimit
LimitExceeded.PhoneNumberOneHourLimit LimitExceeded.PhoneNumberSameContentDailyLimit LimitExceeded.PhoneNumberThirtySecondLimit
MissingParameter MissingParameter.EmptyPhoneNumberSet UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny
UnauthorizedOperation.RequestIpNotInWhitelist UnauthorizedOperation.RequestPermissionDeny UnauthorizedOperation.SdkAppIdIsDisabled
UnauthorizedOperation.ServiceSuspendDueToArrears UnauthorizedOperation.SmsSdkAppIdVerifyFail UnsupportedOperation
UnsupportedOperation.ChineseMainlandTemplateToGlobalPhone UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber
UnsupportedOperation.ContainDomesticPhoneNumber UnsupportedOperation.GlobalTemplateToChineseMainlandPhone UnsupportedOperation.UnsupportedRegion`)
	if len(sms) != 94 {
		t.Fatalf("list has %d codes", len(sms))
	}
	for _, c := range sms {
		if _, ok := Lookup(c); !ok {
			t.Errorf("%s missing from the table", c)
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		code string
		want error
	}{
		{CodeOk, nil},
		{"", notifier.ErrUnavailable},
		{"Nonsense", notifier.ErrUnavailable},
		{"Ok.Weird", notifier.ErrUnavailable},
		{CodeSignatureFailure, notifier.ErrUnauthorized},
		{CodeSmsSdkAppIDVerifyFail, notifier.ErrUnauthorized},
		{CodePhoneNumberThirtySecondLimit, notifier.ErrRateLimited},
		{CodePhoneNumberDailyLimit, notifier.ErrRateLimited},
		{CodeDeliveryFrequencyLimit, notifier.ErrRateLimited},
		{CodeRequestLimitExceeded, notifier.ErrRateLimited},
		{CodeUinLimitExceeded, notifier.ErrRateLimited},
		{CodeAppDailyLimit, notifier.ErrQuotaExceeded},
		{CodeInsufficientBalanceInSmsPackage, notifier.ErrQuotaExceeded},
		{CodeServiceSuspendDueToArrears, notifier.ErrQuotaExceeded},
		{CodeIncorrectPhoneNumber, notifier.ErrInvalidRecipient},
		{CodePhoneNumberParseFail, notifier.ErrInvalidRecipient},
		{CodePhoneNumberInBlacklist, notifier.ErrRejected},
		{CodeContainSensitiveWord, notifier.ErrRejected},
		{CodeDirtyWordFound, notifier.ErrRejected},
		{CodeMarketingSendTimeConstraint, notifier.ErrRejected},
		{CodeTemplateParamSetNotMatchApprovedTemplate, notifier.ErrInvalidMessage},
		{CodeTemplateUnapprovedOrNotExist, notifier.ErrInvalidMessage},
		{CodePhoneNumberCountLimit, notifier.ErrInvalidMessage},
		{CodeMissingParameter, notifier.ErrInvalidMessage},
		{CodeTemplateIDNotExist, notifier.ErrNotFound},
		{CodeSdkAppIDNotExist, notifier.ErrNotFound},
		{CodeTimeout, notifier.ErrUnavailable},
		{CodeServiceUnavailable, notifier.ErrUnavailable},
		{CodeClientNetworkError, notifier.ErrUnavailable},
		{CodeGlobalTemplateToChineseMainlandPhone, notifier.ErrUnsupported},
		// Codes not in the table fall back on their prefix.
		{"AuthFailure.Something", notifier.ErrUnauthorized},
		{"UnauthorizedOperation.Something", notifier.ErrUnauthorized},
		{"LimitExceeded.PhoneNumberTenMinuteLimit", notifier.ErrRateLimited},
		{"LimitExceeded.SomethingDailyLimit", notifier.ErrQuotaExceeded},
		{"RequestLimitExceeded.Other", notifier.ErrRateLimited},
		{"InternalError.Other", notifier.ErrUnavailable},
		{"UnsupportedOperation.Other", notifier.ErrUnsupported},
		{"FailedOperation.FooNotExist", notifier.ErrNotFound},
		{"FailedOperation.Other", notifier.ErrInvalidMessage},
		{"InvalidParameterValue.BadPhoneNumber", notifier.ErrInvalidRecipient},
		{"MissingParameter.Other", notifier.ErrInvalidMessage},
		{"ResourceNotFound.Template", notifier.ErrNotFound},
		{"ClientError.Other", notifier.ErrUnavailable},
	}
	for _, tt := range tests {
		if got := KindOf(tt.code); got != tt.want {
			t.Errorf("KindOf(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestPerNumber(t *testing.T) {
	per := []string{CodeOk, CodeIncorrectPhoneNumber, CodePhoneNumberInBlacklist, CodePhoneNumberThirtySecondLimit,
		CodePhoneNumberOneHourLimit, CodePhoneNumberDailyLimit, CodePhoneNumberSameContentDailyLimit,
		CodeDeliveryFrequencyLimit, CodeTemplateParamSetNotMatchApprovedTemplate}
	for _, c := range per {
		if info, _ := Lookup(c); !info.PerNumber {
			t.Errorf("%s should be PerNumber", c)
		}
	}
	top := []string{CodeSignatureFailure, CodeMissingParameter, CodeInvalidParameter, CodeRequestLimitExceeded,
		CodeSdkAppIDNotExist, CodeSmsSdkAppIDVerifyFail, CodeEmptyPhoneNumberSet, CodePhoneNumberCountLimit,
		CodeContainDomesticAndInternationalPhoneNumber, CodeFailResolvePacket, CodeJSONParseFail}
	for _, c := range top {
		if info, _ := Lookup(c); info.PerNumber {
			t.Errorf("%s should not be PerNumber", c)
		}
	}
}

func TestCodesIsACopy(t *testing.T) {
	c := Codes()
	c[0].Code = "changed"
	if info, ok := Lookup(CodeOk); !ok || info.Code != CodeOk {
		t.Error("Codes() shares its backing array with the table")
	}
}
