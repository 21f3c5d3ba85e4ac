package fake

import (
	"strings"
	"testing"
)

func TestTemplateRender(t *testing.T) {
	tests := []struct {
		text   string
		params []string
		want   string
		count  int
	}{
		{"", nil, "", 0},
		{"no placeholders", nil, "no placeholders", 0},
		{"Your code is {1}", []string{"123456"}, "Your code is 123456", 1},
		{"{1}", []string{"x"}, "x", 1},
		{"{2} before {1}", []string{"a", "b"}, "b before a", 2},
		{"{1}{1}", []string{"ab"}, "abab", 1},
		{"code {1}, valid {2} minutes.", []string{"42", "5"}, "code 42, valid 5 minutes.", 2},
		{"gap {1} {3}", []string{"a", "b", "c"}, "gap a c", 3},
		{"literal {0} {x} { } {} {01} {", nil, "literal {0} {x} { } {} {01} {", 0},
		{"验证码{1}，{2}分钟内有效", []string{"9876", "10"}, "验证码9876，10分钟内有效", 2},
		{"{12}", make([]string, 12), "", 12},
		{"brace {{1}}", []string{"v"}, "brace {v}", 1},
	}
	for _, tt := range tests {
		tmpl := parseTemplate(tt.text)
		if tmpl.params != tt.count {
			t.Errorf("parseTemplate(%q).params = %d, want %d", tt.text, tmpl.params, tt.count)
			continue
		}
		if got := tmpl.render("", tt.params); got != tt.want {
			t.Errorf("render(%q, %q) = %q, want %q", tt.text, tt.params, got, tt.want)
		}
		if got := tmpl.render("S", tt.params); got != "【S】"+tt.want {
			t.Errorf("render(%q, %q) with a sign = %q, want %q", tt.text, tt.params, got, "【S】"+tt.want)
		}
	}
}

func TestSegments(t *testing.T) {
	repeat := strings.Repeat
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 1},
		{"short ascii", "Your code is 123456", 1},
		{"160 ascii", repeat("a", 160), 1},
		{"161 ascii", repeat("a", 161), 2},
		{"306 ascii", repeat("a", 306), 2},
		{"307 ascii", repeat("a", 307), 3},
		{"70 chinese", repeat("码", 70), 1},
		{"71 chinese", repeat("码", 71), 2},
		{"134 chinese", repeat("码", 134), 2},
		{"135 chinese", repeat("码", 135), 3},
		{"mixed counts runes", repeat("a", 69) + "码", 1},
		{"mixed over 70", repeat("a", 70) + "码", 2},
		// A byte that is not UTF-8 is one character, and not ASCII.
		{"71 bytes, one not UTF-8", repeat("a", 70) + "\xff", 2},
		{"161 ascii but one byte not UTF-8", repeat("a", 160) + "\xff", 3},
	}
	for _, tt := range tests {
		if got := segments(tt.text); got != tt.want {
			t.Errorf("%s: segments = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestIDSourceUniqueOrderedFixedWidth(t *testing.T) {
	var s idSource
	prev := ""
	for i := range 3*idChunk + 5 {
		id := s.id()
		if len(id) != idLen {
			t.Fatalf("id %d = %q: length %d, want %d", i, id, len(id), idLen)
		}
		if id <= prev {
			t.Fatalf("id %d = %q not after %q", i, id, prev)
		}
		prev = id
	}
	if want := "fake-00000000197"; prev != want {
		t.Errorf("197th id = %q, want %q", prev, want)
	}
}
