package tcsms

import "unicode/utf8"

// Content limits of Tencent Cloud SMS (reference §5), in characters as
// Tencent counts them: every Chinese character, letter, digit, punctuation
// mark (full or half width) and space is one character (Chars).
//
// Source: the Body Template Review Standards, "短信总长度（含签名和变量的实际取值）
// 最长不超过500字" — a message, its signature and its variables' values
// included, has at most 500 characters — and "个人认证用户创建的短信正文模板每个
// 变量取值最多支持12个字。企业认证用户没有变量取值长度限制" — a variable's value has
// at most 12 characters for individual accounts and no limit of its own for
// enterprise accounts (https://cloud.tencent.com/document/product/382/39023,
// English https://www.tencentcloud.com/document/product/382/40659). The
// reference's error list gives 6 characters "by default for new accounts"
// (TemplateParameterLengthLimit). The docs give no separate limit for a
// template's content.
//
// Where the docs disagree or are silent the fake takes the generous
// reading, so that it never rejects what an enterprise account may send:
// a variable is bounded only by the message's own 500 characters, and so is
// a template's content (a longer template could never be sent). The GSM
// extension characters and emoji that Tencent's international billing
// counts twice count once here.
const (
	// MaxContentChars is the most characters a message may have, its
	// 【signature】 and its variables' values included. A longer send fails
	// per number with InvalidParameterValue.ContentLengthLimit.
	MaxContentChars = 500
	// MaxTemplateChars is the most characters a template's content may
	// have, its {n} placeholders counted as written.
	MaxTemplateChars = MaxContentChars
	// MaxParamChars is the most characters one template variable's value
	// may have. A longer one fails its send per number with
	// InvalidParameterValue.TemplateParameterLengthLimit.
	MaxParamChars = MaxContentChars
)

// Chars returns the length of s in characters as Tencent's content limits
// count them: one per Unicode code point (an invalid byte counts as one).
func Chars(s string) int { return utf8.RuneCountInString(s) }

// CheckTemplateContent returns an *APIError with CodeInvalidTemplateFormat
// when content has more than MaxTemplateChars characters. (AddSmsTemplate
// and ModifySmsTemplate document no code of their own for a long content;
// InvalidTemplateFormat is the one of theirs that fits.) It counts without
// allocating, so it may run before anything else looks at the content.
func CheckTemplateContent(content string) error {
	if n := Chars(content); n > MaxTemplateChars {
		return Errorf(CodeInvalidTemplateFormat,
			"The template content has %d characters; at most %d are allowed.", n, MaxTemplateChars)
	}
	return nil
}

// CheckParams returns an *APIError with CodeTemplateParameterLengthLimit
// when a value of params has more than MaxParamChars characters.
func CheckParams(params []string) error {
	for i, p := range params {
		if n := Chars(p); n > MaxParamChars {
			return Errorf(CodeTemplateParameterLengthLimit,
				"TemplateParamSet.%d has %d characters; at most %d are allowed.", i, n, MaxParamChars)
		}
	}
	return nil
}

// RenderedChars returns Chars(Render(content, params)) without rendering:
// the cost is that of scanning content and counting each param once,
// however often a placeholder repeats it, so a send whose text would be huge
// is refused before it is built. It fails exactly as Render fails.
func RenderedChars(content string, params []string) (int, error) {
	ps := scanPlaceholders(content)
	n, err := countPlaceholders(ps)
	if err != nil {
		return 0, err
	}
	if len(params) != n {
		return 0, Errorf(CodeTemplateParamSetNotMatchApprovedTemplate,
			"request content does not match the template content: the template has %d variables, the request %d parameters", n, len(params))
	}
	chars := make([]int, n) // each param counted once, however often it is used
	for i, p := range params {
		chars[i] = Chars(p)
	}
	total := Chars(content)
	for _, p := range ps {
		// A placeholder "{N}" is ASCII: as many characters as bytes.
		total += chars[p.n-1] - (p.end - p.start)
	}
	return total, nil
}

// CheckContentChars returns an *APIError with CodeContentLengthLimit when
// a message of n characters is longer than MaxContentChars.
func CheckContentChars(n int) error {
	if n > MaxContentChars {
		return Errorf(CodeContentLengthLimit,
			"The message has %d characters with its signature and parameters; at most %d are allowed.", n, MaxContentChars)
	}
	return nil
}
