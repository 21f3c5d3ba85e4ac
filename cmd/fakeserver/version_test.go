package main

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	const path = "github.com/notifykit/notifier"
	vcs := []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "5669eca0d1b2c3d4e5f60718293a4b5c6d7e8f90"},
		{Key: "vcs.time", Value: "2026-11-30T07:39:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	modified := append(vcs[:4:4], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install of a release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: path, Version: "v0.1.0"}}, true,
			"fakeserver v0.1.0 (github.com/notifykit/notifier), go1.26.8"},
		{"checkout build", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: path, Version: "v0.0.0-20261130073900-5669eca0d1b2"}, Settings: vcs}, true,
			"fakeserver v0.0.0-20261130073900-5669eca0d1b2 (github.com/notifykit/notifier), revision 5669eca0d1b2c3d4e5f60718293a4b5c6d7e8f90 of 2026-11-30T07:39:00Z, go1.26.8"},
		{"checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: path, Version: "(devel)"}, Settings: modified}, true,
			"fakeserver (devel) (github.com/notifykit/notifier), revision 5669eca0d1b2c3d4e5f60718293a4b5c6d7e8f90 of 2026-11-30T07:39:00Z with uncommitted changes, go1.26.8"},
		{"devel without vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: path, Version: "(devel)"}}, true,
			"fakeserver (devel) (github.com/notifykit/notifier), revision unknown (built outside a repository or with -buildvcs=false), go1.26.8"},
		{"empty version", &debug.BuildInfo{Main: debug.Module{Path: path}}, true,
			"fakeserver (devel) (github.com/notifykit/notifier), revision unknown (built outside a repository or with -buildvcs=false)"},
		{"no build info", nil, false, "fakeserver (devel), no build information"},
	}
	for _, tt := range tests {
		if got := versionLine(tt.info, tt.ok); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestVersionFlag checks that -version prints the binary's version line
// and exits without starting a server.
func TestVersionFlag(t *testing.T) {
	var stdout, stderr strings.Builder
	// An address that cannot be listened on: -version must not try.
	err := run(context.Background(), []string{"-version", "-addr", "256.0.0.1:1"}, func(string) string { return "" }, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run -version: %v\n%s", err, stderr.String())
	}
	want := versionLine(debug.ReadBuildInfo())
	if got := strings.TrimSuffix(stdout.String(), "\n"); got != want || !strings.HasPrefix(got, "fakeserver ") {
		t.Errorf("-version printed %q, want %q", stdout.String(), want)
	}
}
