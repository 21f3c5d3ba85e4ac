package fake

import (
	"strconv"
	"strings"
)

// template is a registered template text split at its placeholders, so that
// rendering is one pass and one allocation.
type template struct {
	// parts alternates literal text and placeholders: a part with param > 0
	// stands for Params[param-1], otherwise it is the literal text.
	parts []part
	// params is the number of parameters the template needs: its highest
	// placeholder index.
	params int
	// literalLen is the total length of the literal parts.
	literalLen int
	// international marks a template for international numbers; see
	// SetInternationalTemplate.
	international bool
}

// part is one piece of a parsed template.
type part struct {
	text  string
	param int
}

// parseTemplate splits text at its {1}, {2}, ... placeholders. Anything else
// in braces ("{0}", "{x}", a lone "{") is literal text, as it is for
// providers that use this placeholder style.
func parseTemplate(text string) *template {
	t := &template{}
	lit := 0 // start of the pending literal text
	for i := 0; i < len(text); i++ {
		if text[i] != '{' {
			continue
		}
		end := strings.IndexByte(text[i+1:], '}')
		if end <= 0 {
			continue
		}
		n, err := strconv.Atoi(text[i+1 : i+1+end])
		if err != nil || n < 1 || text[i+1] < '1' || text[i+1] > '9' {
			continue
		}
		if lit < i {
			t.addLiteral(text[lit:i])
		}
		t.parts = append(t.parts, part{param: n})
		t.params = max(t.params, n)
		i += end + 1
		lit = i + 1
	}
	if lit < len(text) {
		t.addLiteral(text[lit:])
	}
	return t
}

func (t *template) addLiteral(s string) {
	t.parts = append(t.parts, part{text: s})
	t.literalLen += len(s)
}

// render returns the template with its placeholders filled with params,
// after 【sign】 when sign is not empty, in one allocation. The caller has
// checked that len(params) == t.params.
func (t *template) render(sign string, params []string) string {
	if t.params == 0 && sign == "" {
		if len(t.parts) == 0 {
			return ""
		}
		return t.parts[0].text // one literal part
	}
	n := signLen(sign) + t.literalLen
	for _, p := range t.parts {
		if p.param > 0 {
			n += len(params[p.param-1])
		}
	}
	var b strings.Builder
	b.Grow(n)
	writeSign(&b, sign)
	for _, p := range t.parts {
		if p.param > 0 {
			b.WriteString(params[p.param-1])
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// joinParams returns params joined by single spaces, after 【sign】 when
// sign is not empty: the text of a message whose template is not
// registered.
func joinParams(sign string, params []string) string {
	n := signLen(sign)
	for i, p := range params {
		if i > 0 {
			n++
		}
		n += len(p)
	}
	var b strings.Builder
	b.Grow(n)
	writeSign(&b, sign)
	for i, p := range params {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// Brackets around the sign at the start of a rendered text, as Tencent
// shows it.
const (
	signOpen  = "【"
	signClose = "】"
)

// signLen is the length of 【sign】, 0 without a sign.
func signLen(sign string) int {
	if sign == "" {
		return 0
	}
	return len(signOpen) + len(sign) + len(signClose)
}

// writeSign writes 【sign】 to b, or nothing without a sign.
func writeSign(b *strings.Builder, sign string) {
	if sign != "" {
		b.WriteString(signOpen)
		b.WriteString(sign)
		b.WriteString(signClose)
	}
}

// SetTemplate registers text as the template with the given id, replacing
// any earlier one. Placeholders are {1}, {2}, ...; a template needs as many
// parameters as its highest placeholder, and Send refuses a message with
// another count (notifier.ErrInvalidMessage, for each recipient). Once any
// template is registered, or always under rules with KnownTemplates, Send
// also refuses a template that is not registered. The rendered text is
// recorded in Sent.Text.
//
// Under rules with a Domestic market (tencent.Rules: mainland China), the
// template is a domestic one, which the provider does not send to
// international numbers; register those with SetInternationalTemplate.
func (f *Fake) SetTemplate(id, text string) { f.setTemplate(id, text, false) }

// SetInternationalTemplate is SetTemplate for a template of the
// international market (see notifier.Rules.Domestic): under rules with a
// Domestic market, Send refuses it for domestic numbers with
// notifier.ErrUnsupported, as Tencent refuses an international template
// to a mainland number. Without such rules it is the same as SetTemplate.
func (f *Fake) SetInternationalTemplate(id, text string) { f.setTemplate(id, text, true) }

func (f *Fake) setTemplate(id, text string, international bool) {
	t := parseTemplate(text)
	t.international = international
	f.mu.Lock()
	defer f.mu.Unlock()
	f.templates[id] = t
}
