package tcfakeserver

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// writeTree creates files (slash-separated path -> content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSourceHash(t *testing.T) {
	base := map[string]string{
		"go.mod":                   "module " + modulePath + "\n",
		"go.sum":                   "",
		"Dockerfile":               "FROM scratch\n",
		"notifier.go":              "package notifier\n",
		"cmd/fakeserver/main.go":   "package main\n",
		"fakeserver/server.go":     "package fakeserver\n",
		"fakeserver/x_test.go":     "package fakeserver\n",
		"fakeserver/testdata/a.go": "package a\n",
	}
	tests := []struct {
		name    string
		change  map[string]string // files written over the base tree
		extra   string
		changes bool // whether the hash must differ from the base tree's
	}{
		{"same tree", nil, "", false},
		{"source edited", map[string]string{"fakeserver/server.go": "package fakeserver // v2\n"}, "", true},
		{"source added", map[string]string{"internal/x/x.go": "package x\n"}, "", true},
		{"Dockerfile edited", map[string]string{"Dockerfile": "FROM scratch\nUSER 1\n"}, "", true},
		{"go.sum edited", map[string]string{"go.sum": "x v1 h1:\n"}, "", true},
		{"build setting differs", nil, "GOARCH=arm64", true},
		{"test edited", map[string]string{"fakeserver/x_test.go": "package fakeserver // v2\n"}, "", false},
		{"testdata edited", map[string]string{"fakeserver/testdata/a.go": "package b\n"}, "", false},
		{"dist written", map[string]string{"dist/fakeserver": "\x7fELF"}, "", false},
		{"hidden dir", map[string]string{".git/x.go": "package x\n"}, "", false},
		{"nested module", map[string]string{"tools/go.mod": "module tools\n", "tools/t.go": "package t\n"}, "", false},
		{"non-Go file", map[string]string{"README.md": "# hi\n"}, "", false},
		{"embedded page edited", map[string]string{"fakeserver/internal/inbox/assets/inbox.js": "'use strict';\n"}, "", true},
	}
	baseDir := t.TempDir()
	writeTree(t, baseDir, base)
	want, err := sourceHash(baseDir, "GOARCH=amd64")
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 16 {
		t.Fatalf("hash %q: want 16 hex digits", want)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, base)
			writeTree(t, dir, tt.change)
			extra := "GOARCH=amd64"
			if tt.extra != "" {
				extra = tt.extra
			}
			got, err := sourceHash(dir, extra)
			if err != nil {
				t.Fatal(err)
			}
			if (got != want) != tt.changes {
				t.Fatalf("hash %s, base %s: changed=%v, want changed=%v", got, want, got != want, tt.changes)
			}
		})
	}
}

// TestModuleRoot checks that the sources are found from this package's
// directory, which is where go test runs it.
func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !declaresModule(filepath.Join(root, "go.mod"), modulePath) {
		t.Fatalf("moduleRoot = %s, whose go.mod does not declare %s", root, modulePath)
	}
	if _, err := os.Stat(filepath.Join(root, "Dockerfile")); err != nil {
		t.Fatalf("moduleRoot = %s has no Dockerfile: %v", root, err)
	}
}

func TestDeclaresModule(t *testing.T) {
	tests := []struct {
		content string
		want    bool
	}{
		{"module " + modulePath + "\n\ngo 1.26\n", true},
		{"// comment\nmodule \"" + modulePath + "\"\n", true},
		{"module " + modulePath + "/v2\n", false},
		{"module example.com/other\n", false},
		{"go 1.26\n", false},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "go.mod")
		if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := declaresModule(p, modulePath); got != tt.want {
			t.Errorf("declaresModule(%q) = %v, want %v", tt.content, got, tt.want)
		}
	}
	if declaresModule(filepath.Join(t.TempDir(), "go.mod"), modulePath) {
		t.Error("declaresModule of a missing file = true")
	}
}
