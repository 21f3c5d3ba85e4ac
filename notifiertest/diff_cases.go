package notifiertest

import (
	"strings"

	"github.com/notifykit/notifier"
)

// diffCase is one message of the differential table.
type diffCase struct {
	name      string
	templates []Template // registered on both backends before the send
	message   func(n *numbers) notifier.Message
	// lenient, when set, says why a reference may accept this message
	// although the candidate refuses it.
	lenient string
}

// The table's templates: domestic (mainland) unless International.
var (
	otpTemplate      = Template{ID: "100001", Text: "Your code is {1}."}
	twoParamTemplate = Template{ID: "100002", Text: "{1} is your code; it expires in {2} minutes."}
	plainTemplate    = Template{ID: "100003", Text: "Your parcel has shipped."}
	repeatTemplate   = Template{ID: "100004", Text: "Code {1}. Again: {1}."}
	intlTemplate     = Template{ID: "200001", Text: "Your code is {1}.", International: true}
)

// unregisteredTemplate is why a reference may accept a template nobody
// registered.
const unregisteredTemplate = "a lenient backend (the Tencent fake server in permissive mode) accepts unregistered templates so that a first test needs no setup; the provider, and a fake with its rules, do not"

// Malformed numbers: not E.164, and E.164 but not a mainland mobile
// number (11 digits starting with 1 after +86).
const (
	notE164          = "12345"
	leadingZero      = "+0123456789"
	noPlus           = "8613800000000"
	mainlandShort    = "+8612345678"
	mainlandLandline = "+862012345678"
	mainlandTooLong  = "+86138000000011"
)

// diffCases is the differential table, in the order Diff sends it.
var diffCases = []diffCase{
	{name: "OneMainland", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(n.mainland())
	}},
	{name: "OneInternational", templates: tmpls(intlTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.international()), intlTemplate)
	}},
	{name: "NoRecipients", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp()
	}},
	{name: "BodyOnly", message: func(n *numbers) notifier.Message {
		return notifier.Message{To: []string{n.mainland()}, Body: "Your code is 123456.", Sign: "Notifier"}
	}},
	{name: "BodyInternational", message: func(n *numbers) notifier.Message {
		return notifier.Message{To: []string{n.international()}, Body: "Your code is 123456."}
	}},
	{name: "BodyAndTemplate", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		m := otp(n.mainland(), n.mainland())
		m.Body = "Your code is 123456."
		return m
	}},
	{name: "NeitherTemplateNorBody", message: func(n *numbers) notifier.Message {
		return notifier.Message{To: []string{n.mainland()}, Sign: "Notifier"}
	}},
	{name: "ParamsWithoutTemplate", message: func(n *numbers) notifier.Message {
		return notifier.Message{To: []string{n.mainland()}, Body: "hello", Params: []string{"1"}, Sign: "Notifier"}
	}},
	{name: "NoSignMainland", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return unsigned(otp(n.mainland()))
	}},
	{name: "NoSignInternational", templates: tmpls(intlTemplate), message: func(n *numbers) notifier.Message {
		return unsigned(withTemplate(otp(n.international(), n.international()), intlTemplate))
	}},
	{name: "NoSignAmongMalformed", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return unsigned(otp(n.mainland(), notE164, n.mainland(), mainlandShort))
	}},
	{name: "NoSignMixedMarkets", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return unsigned(otp(n.mainland(), n.international(), n.mainland(), n.international()))
	}},
	{name: "MixedMarketsDomesticTemplate", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(n.mainland(), n.international(), n.mainland(), n.international(), n.mainland())
	}},
	{name: "MixedMarketsInternationalTemplate", templates: tmpls(intlTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.international(), n.mainland(), n.international()), intlTemplate)
	}},
	{name: "InternationalTemplateToMainland", templates: tmpls(intlTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.mainland()), intlTemplate)
	}},
	{name: "Recipients201", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(mainlands(n, 201)...)
	}},
	{name: "Recipients1000", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(mainlands(n, 1000)...)
	}},
	{name: "Recipients1001", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(mainlands(n, 1001)...)
	}},
	{name: "MalformedAmongGood", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(n.mainland(), notE164, n.mainland(), leadingZero, noPlus, n.mainland())
	}},
	{name: "NotMainlandMobile", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(n.mainland(), mainlandShort, mainlandLandline, mainlandTooLong, n.mainland())
	}},
	{name: "AllMalformed", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		return otp(notE164, mainlandShort, leadingZero)
	}},
	{name: "TooFewParams", templates: tmpls(twoParamTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.mainland()), twoParamTemplate)
	}},
	{name: "TooManyParams", templates: tmpls(twoParamTemplate), message: func(n *numbers) notifier.Message {
		m := withTemplate(otp(n.mainland()), twoParamTemplate)
		m.Params = []string{"123456", "5", "extra"}
		return m
	}},
	{name: "WrongParamCountMany", templates: tmpls(twoParamTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.mainland(), n.mainland(), n.mainland()), twoParamTemplate)
	}},
	{name: "WrongParamCountAmongMalformed", templates: tmpls(twoParamTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.mainland(), notE164, n.mainland()), twoParamTemplate)
	}},
	{name: "TwoParams", templates: tmpls(twoParamTemplate), message: func(n *numbers) notifier.Message {
		m := withTemplate(otp(n.mainland(), n.mainland()), twoParamTemplate)
		m.Params = []string{"123456", "5"}
		return m
	}},
	{name: "NoParamsTemplate", templates: tmpls(plainTemplate), message: func(n *numbers) notifier.Message {
		m := withTemplate(otp(n.mainland()), plainTemplate)
		m.Params = nil
		return m
	}},
	{name: "NoParamsTemplateGivenParams", templates: tmpls(plainTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.mainland(), n.mainland()), plainTemplate)
	}},
	{name: "RepeatedPlaceholder", templates: tmpls(repeatTemplate), message: func(n *numbers) notifier.Message {
		return withTemplate(otp(n.mainland()), repeatTemplate)
	}},
	{name: "UnicodeParams", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		m := otp(n.mainland())
		m.Params = []string{"验证码 1234 / 請勿轉發"}
		return m
	}},
	{name: "UnregisteredTemplate", lenient: unregisteredTemplate, message: func(n *numbers) notifier.Message {
		m := otp(n.mainland(), n.mainland())
		m.Template, m.Params = "999999", []string{"165385", "5"}
		return m
	}},
	{name: "UnregisteredTemplateAmongMalformed", lenient: unregisteredTemplate, message: func(n *numbers) notifier.Message {
		m := otp(n.mainland(), notE164)
		m.Template = "999999"
		return m
	}},
	{name: "TagAtLimit", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		m := otp(n.mainland())
		m.Tag = strings.Repeat("t", notifier.MaxTagBytes)
		return m
	}},
	{name: "TagTooLong", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		m := otp(n.mainland(), n.mainland())
		m.Tag = strings.Repeat("t", notifier.MaxTagBytes+1)
		return m
	}},
	{name: "SenderIDInternational", templates: tmpls(intlTemplate), message: func(n *numbers) notifier.Message {
		m := withTemplate(otp(n.international()), intlTemplate)
		m.SenderID = "ACME"
		return m
	}},
	{name: "SenderIDMainland", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		m := otp(n.mainland())
		m.SenderID = "ACME"
		return m
	}},
	{name: "ParamTooLong", templates: tmpls(otpTemplate), message: func(n *numbers) notifier.Message {
		m := otp(n.mainland(), n.mainland())
		m.Params = []string{strings.Repeat("7", 501)}
		return m
	}},
	{name: "TextTooLong", templates: tmpls(repeatTemplate), message: func(n *numbers) notifier.Message {
		m := withTemplate(otp(n.mainland()), repeatTemplate)
		m.Params = []string{strings.Repeat("码", 238)} // 15 + 2×238 + 【Notifier】's 10 = 501 characters
		return m
	}},
	{name: "TextJustUnderTheLimit", templates: tmpls(repeatTemplate), message: func(n *numbers) notifier.Message {
		m := withTemplate(otp(n.mainland()), repeatTemplate)
		m.Params = []string{strings.Repeat("码", 237)} // 499 characters
		return m
	}},
}

// tmpls lists templates.
func tmpls(ts ...Template) []Template { return ts }

// otp is the table's usual message: the one-parameter OTP template, signed.
func otp(to ...string) notifier.Message {
	return notifier.Message{To: to, Template: otpTemplate.ID, Params: []string{"123456"}, Sign: "Notifier", Tag: "diff"}
}

func withTemplate(m notifier.Message, tmpl Template) notifier.Message {
	m.Template = tmpl.ID
	return m
}

func unsigned(m notifier.Message) notifier.Message {
	m.Sign = ""
	return m
}

// mainlands returns count fresh mainland numbers.
func mainlands(n *numbers, count int) []string {
	out := make([]string, count)
	for i := range out {
		out[i] = n.mainland()
	}
	return out
}
