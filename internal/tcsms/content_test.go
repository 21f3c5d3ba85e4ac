package tcsms

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

func apiCode(err error) string {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "not an *APIError: " + err.Error()
	}
	return ""
}

func TestContentLimits(t *testing.T) {
	at, over := strings.Repeat("码", MaxContentChars), strings.Repeat("码", MaxContentChars+1)
	tests := []struct {
		name string
		err  error
		code string
	}{
		{"template of 500 characters", CheckTemplateContent(at), ""},
		{"template of 501 characters", CheckTemplateContent(over), CodeInvalidTemplateFormat},
		{"issue 11's 300 KB template", CheckTemplateContent(strings.Repeat("{1}", 100_000)), CodeInvalidTemplateFormat},
		{"params of 500 characters", CheckParams([]string{"a", at}), ""},
		{"a param of 501 characters", CheckParams([]string{"a", over}), CodeTemplateParameterLengthLimit},
		{"500 characters of message", CheckContentChars(MaxContentChars), ""},
		{"501 characters of message", CheckContentChars(MaxContentChars + 1), CodeContentLengthLimit},
	}
	for _, tt := range tests {
		if got := apiCode(tt.err); got != tt.code {
			t.Errorf("%s: code %q, want %q", tt.name, got, tt.code)
		}
	}
	if err := CheckParams([]string{"a", over}); !strings.Contains(err.Error(), "TemplateParamSet.1") {
		t.Errorf("CheckParams names no parameter: %v", err)
	}
}

// TestRenderedCharsMatchesRender checks the arithmetic against the real
// thing: the Render table, then random templates and params.
func TestRenderedCharsMatchesRender(t *testing.T) {
	cases := []struct {
		content string
		params  []string
	}{
		{"Your code is {1}, valid {2} minutes.", []string{"4370", "5"}},
		{"{2}-{1}-{2}", []string{"a", "码码"}},
		{"验证码{1}，请勿泄露。", []string{"123456"}},
		{"no vars", nil},
		{"{1}", nil},
		{"{1} and {3}", []string{"a", "b", "c"}},
		{"{10}{1}{2}{3}{4}{5}{6}{7}{8}{9}", strings.Split("abcdefghij", "")},
		{"bad utf8 \xff {1}", []string{"\xfe😀"}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "码", "😀", "{", "}", "{1}", "{2}", "{3}", " ", "\xff"}
	for range 500 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		params := make([]string, rng.IntN(4))
		for i := range params {
			params[i] = strings.Repeat(pieces[rng.IntN(len(pieces))], rng.IntN(5))
		}
		cases = append(cases, struct {
			content string
			params  []string
		}{b.String(), params})
	}
	for _, c := range cases {
		text, rerr := Render(c.content, c.params)
		n, err := RenderedChars(c.content, c.params)
		if apiCode(err) != apiCode(rerr) {
			t.Fatalf("RenderedChars(%q, %q) error %v, Render's %v", c.content, c.params, err, rerr)
		}
		if err == nil && n != Chars(text) {
			t.Fatalf("RenderedChars(%q, %q) = %d, Render gives %d characters", c.content, c.params, n, Chars(text))
		}
	}
}

// TestRenderedCharsDoesNotRender pins the point of RenderedChars: a
// template repeating a placeholder, filled with a long param, is measured
// without building the text (here 166 copies of 2 KB, a third of a
// megabyte, which Render would allocate).
func TestRenderedCharsDoesNotRender(t *testing.T) {
	content := strings.Repeat("{1}", 166)
	params := []string{strings.Repeat("😀", 500)}
	if n, _ := RenderedChars(content, params); n != 166*500 {
		t.Fatalf("RenderedChars = %d, want %d", n, 166*500)
	}
	// The placeholder list is all it allocates: a few KB, against the
	// 332 KB of the rendered text.
	if got := allocatedBytes(func() { _, _ = RenderedChars(content, params) }); got > 16<<10 {
		t.Errorf("RenderedChars allocated %d bytes, want at most 16 KB", got)
	}
}

// allocatedBytes returns the heap bytes fn allocates, averaged over runs.
func allocatedBytes(fn func()) uint64 {
	const runs = 20
	fn() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		fn()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}
