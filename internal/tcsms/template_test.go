package tcsms

import (
	"errors"
	"strings"
	"testing"
)

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		content string
		want    int
		code    string
	}{
		{"no variables", 0, ""},
		{"", 0, ""},
		{"Your code is {1}.", 1, ""},
		{"{1} and {2}", 2, ""},
		{"{2} before {1}", 2, ""},
		{"{1} twice {1}", 1, ""},
		{"literal {x} {} {1a} { 1} braces", 0, ""},
		{"{{1}}", 1, ""},
		{"{1} and {3}", 0, CodeInvalidTemplateFormat},
		{"{2}", 0, CodeInvalidTemplateFormat},
		{"{0}", 0, CodeInvalidTemplateFormat},
		{"{01}", 0, CodeInvalidTemplateFormat},
		{"{99999999999999999999}", 0, CodeInvalidTemplateFormat},
		{"{1}{2}{3}{4}{5}{6}{7}{8}{9}{10}", 10, ""},
		{"unclosed {1", 0, ""},
	}
	for _, tt := range tests {
		got, err := Placeholders(tt.content)
		if tt.code == "" {
			if err != nil || got != tt.want {
				t.Errorf("Placeholders(%q) = %d, %v; want %d", tt.content, got, err, tt.want)
			}
			continue
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != tt.code {
			t.Errorf("Placeholders(%q) error = %v, want %s", tt.content, err, tt.code)
		}
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		content string
		params  []string
		want    string
		code    string
	}{
		{"Your code is {1}, valid {2} minutes.", []string{"4370", "5"}, "Your code is 4370, valid 5 minutes.", ""},
		{"{2}-{1}-{2}", []string{"a", "b"}, "b-a-b", ""},
		{"验证码{1}，请勿泄露。", []string{"123456"}, "验证码123456，请勿泄露。", ""},
		{"no vars", nil, "no vars", ""},
		{"params are not rescanned: {1}", []string{"{1}{2}"}, "params are not rescanned: {1}{2}", ""},
		{"{1}", nil, "", CodeTemplateParamSetNotMatchApprovedTemplate},
		{"{1}", []string{"a", "b"}, "", CodeTemplateParamSetNotMatchApprovedTemplate},
		{"no vars", []string{"a"}, "", CodeTemplateParamSetNotMatchApprovedTemplate},
		{"{1}{3}", []string{"a", "b", "c"}, "", CodeInvalidTemplateFormat},
	}
	for _, tt := range tests {
		got, err := Render(tt.content, tt.params)
		if tt.code == "" {
			if err != nil || got != tt.want {
				t.Errorf("Render(%q, %q) = %q, %v; want %q", tt.content, tt.params, got, err, tt.want)
			}
			continue
		}
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Code != tt.code {
			t.Errorf("Render(%q, %q) error = %v, want %s", tt.content, tt.params, err, tt.code)
		}
	}
}

func TestSegments(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mainland bool
		want     int
	}{
		{"mainland empty", "", true, 1},
		{"mainland 70 Chinese", strings.Repeat("短", 70), true, 1},
		{"mainland 71 Chinese", strings.Repeat("短", 71), true, 2},
		{"mainland 134", strings.Repeat("a", 134), true, 2},
		{"mainland 135", strings.Repeat("a", 135), true, 3},
		{"gsm 160", strings.Repeat("a", 160), false, 1},
		{"gsm 161", strings.Repeat("a", 161), false, 2},
		{"gsm 306", strings.Repeat("a", 306), false, 2},
		{"gsm 307", strings.Repeat("a", 307), false, 3},
		{"gsm accents and greek", strings.Repeat("é", 80) + strings.Repeat("Δ", 80), false, 1},
		{"gsm extension counts two", strings.Repeat("€", 80), false, 1},
		{"gsm extension 81", strings.Repeat("€", 81), false, 2},
		{"gsm extension braces", strings.Repeat("{", 81), false, 2},
		{"ucs2 70", strings.Repeat("短", 70), false, 1},
		{"ucs2 71", strings.Repeat("短", 71), false, 2},
		{"ucs2 backtick forces ucs2", "`" + strings.Repeat("a", 69), false, 1},
		{"ucs2 backtick 71", "`" + strings.Repeat("a", 70), false, 2},
		{"ucs2 emoji counts two", strings.Repeat("😀", 35), false, 1},
		{"ucs2 emoji 36", strings.Repeat("😀", 36), false, 2},
		{"ucs2 134", strings.Repeat("é", 133) + "短", false, 2},
		{"ucs2 135", strings.Repeat("é", 134) + "短", false, 3},
	}
	for _, tt := range tests {
		if got := Segments(tt.text, tt.mainland); got != tt.want {
			t.Errorf("%s: Segments = %d, want %d", tt.name, got, tt.want)
		}
	}
}
