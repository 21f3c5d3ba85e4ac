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

// render fills the placeholders with params. The caller has checked that
// len(params) == t.params.
func (t *template) render(params []string) string {
	switch {
	case len(t.parts) == 0:
		return ""
	case t.params == 0: // one literal part
		return t.parts[0].text
	}
	n := t.literalLen
	for _, p := range t.parts {
		if p.param > 0 {
			n += len(params[p.param-1])
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range t.parts {
		if p.param > 0 {
			b.WriteString(params[p.param-1])
		} else {
			b.WriteString(p.text)
		}
	}
	return b.String()
}
