package main

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	const (
		core = "github.com/notifykit/notifier"
		cmd  = core + "/cmd/fakeserver"
	)
	vcs := []debug.BuildSetting{
		{Key: "-trimpath", Value: "true"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "5669eca0d1b2c3d4e5f60718293a4b5c6d7e8f90"},
		{Key: "vcs.time", Value: "2026-11-30T07:39:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	modified := append(vcs[:4:4], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	sdk := &debug.Module{Path: "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common", Version: "v1.3.212", Sum: "h1:FiYAf/jBpn8aVWiwZXPX3jFFM/woYuzv97AuCu+EN5A="}
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"go install of a release", &debug.BuildInfo{GoVersion: "go1.26.8", Path: cmd, Main: debug.Module{Path: core, Version: "v0.1.0"}, Deps: []*debug.Module{sdk}}, true,
			"fakeserver v0.1.0 (github.com/notifykit/notifier), go1.26.8"},
		{"checkout build", &debug.BuildInfo{GoVersion: "go1.26.8", Path: cmd, Main: debug.Module{Path: core, Version: "v0.0.0-20261130073900-5669eca0d1b2"}, Settings: vcs}, true,
			"fakeserver v0.0.0-20261130073900-5669eca0d1b2 (github.com/notifykit/notifier), revision 5669eca0d1b2c3d4e5f60718293a4b5c6d7e8f90 of 2026-11-30T07:39:00Z, go1.26.8"},
		{"checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.8", Path: cmd, Main: debug.Module{Path: core, Version: "(devel)"}, Settings: modified}, true,
			"fakeserver (devel) (github.com/notifykit/notifier), revision 5669eca0d1b2c3d4e5f60718293a4b5c6d7e8f90 of 2026-11-30T07:39:00Z with uncommitted changes, go1.26.8"},
		{"devel without vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Path: cmd, Main: debug.Module{Path: core, Version: "(devel)"}}, true,
			"fakeserver (devel) (github.com/notifykit/notifier), revision unknown (built outside a repository or with -buildvcs=false), go1.26.8"},
		{"empty version, no package path", &debug.BuildInfo{Main: debug.Module{Path: core}}, true,
			"fakeserver (devel) (github.com/notifykit/notifier), revision unknown (built outside a repository or with -buildvcs=false)"},
		// tcfakeserver.BuildImage builds the command in the caller's
		// module; in this repository that module replaces the core by
		// the checkout, and the go command stamps no revision.
		{"replaced by the checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Path: cmd,
			Main: debug.Module{Path: core, Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "../..", Version: "(devel)"}}}, true,
			"fakeserver (devel) (github.com/notifykit/notifier => ../..), revision unknown (built outside a repository or with -buildvcs=false), go1.26.8"},
		{"replaced by a fork's version", &debug.BuildInfo{GoVersion: "go1.26.8", Path: cmd,
			Main: debug.Module{Path: core, Version: "v0.2.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v0.2.1"}}}, true,
			"fakeserver v0.2.1 (github.com/notifykit/notifier => example.com/fork), go1.26.8"},
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
