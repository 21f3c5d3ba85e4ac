package tcsms

import (
	"strconv"
	"strings"
)

// maxPlaceholder bounds a placeholder number; larger ones cannot be
// gap-free in any template that fits a request.
const maxPlaceholder = 9999

// placeholder is one {N} occurrence: content[start:end] is "{N}".
type placeholder struct {
	start, end, n int
}

// scanPlaceholders returns every {N} in content (N decimal, no sign).
// "{01}" (a leading zero) and "{0}" are reported with n = 0 so that the
// caller rejects them; braces around anything else are literal text.
func scanPlaceholders(content string) []placeholder {
	var out []placeholder
	for i := 0; i < len(content); i++ {
		if content[i] != '{' {
			continue
		}
		j := i + 1
		for j < len(content) && content[j] >= '0' && content[j] <= '9' {
			j++
		}
		if j == i+1 || j >= len(content) || content[j] != '}' {
			continue
		}
		n := 0
		digits := content[i+1 : j]
		if digits[0] != '0' && len(digits) <= 4 {
			n, _ = strconv.Atoi(digits)
		} else if digits[0] != '0' {
			n = maxPlaceholder + 1
		}
		out = append(out, placeholder{i, j + 1, n})
		i = j
	}
	return out
}

// Placeholders returns n, the number of template variables in content:
// the variables are {1} to {n}, each used at least once and possibly more
// often. A gap ({1} and {3} without {2}), {0} or a leading zero gives an
// *APIError with CodeInvalidTemplateFormat. Text without variables gives 0.
func Placeholders(content string) (int, error) {
	return countPlaceholders(scanPlaceholders(content))
}

func countPlaceholders(ps []placeholder) (int, error) {
	maxN := 0
	for _, p := range ps {
		if p.n < 1 || p.n > maxPlaceholder {
			return 0, Errorf(CodeInvalidTemplateFormat, "Template variables must be {1}, {2}, ... without leading zeros.")
		}
		maxN = max(maxN, p.n)
	}
	if maxN > len(ps) {
		return 0, Errorf(CodeInvalidTemplateFormat, "Template variables must be numbered {1} to {%d} without gaps.", maxN)
	}
	seen := make([]bool, maxN+1)
	for _, p := range ps {
		seen[p.n] = true
	}
	for i := 1; i <= maxN; i++ {
		if !seen[i] {
			return 0, Errorf(CodeInvalidTemplateFormat, "Template variable {%d} is missing: variables must be numbered without gaps.", i)
		}
	}
	return maxN, nil
}

// Render substitutes params[i-1] for every {i} in content. A params count
// different from Placeholders(content) gives an *APIError with
// CodeTemplateParamSetNotMatchApprovedTemplate; a malformed template
// gives CodeInvalidTemplateFormat. Parameter text is inserted verbatim and
// never re-scanned.
func Render(content string, params []string) (string, error) {
	ps := scanPlaceholders(content)
	n, err := countPlaceholders(ps)
	if err != nil {
		return "", err
	}
	if len(params) != n {
		return "", Errorf(CodeTemplateParamSetNotMatchApprovedTemplate,
			"request content does not match the template content: the template has %d variables, the request %d parameters", n, len(params))
	}
	if n == 0 {
		return content, nil
	}
	var b strings.Builder
	size := len(content)
	for _, p := range params {
		size += len(p)
	}
	b.Grow(size)
	last := 0
	for _, p := range ps {
		b.WriteString(content[last:p.start])
		b.WriteString(params[p.n-1])
		last = p.end
	}
	b.WriteString(content[last:])
	return b.String(), nil
}
