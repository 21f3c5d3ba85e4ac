package main

import (
	"runtime/debug"
	"strings"
)

// versionLine is what -version prints: the module version and the VCS
// revision the binary was built from, as the go command recorded them. A
// binary from `go install .../cmd/fakeserver@vX.Y.Z` knows its version but
// no revision; one built in a checkout knows its revision (unless built with
// -buildvcs=false) and, since Go 1.24, a pseudo-version; `go run` and tests
// know neither and say "(devel)".
func versionLine(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "fakeserver (devel), no build information"
	}
	var b strings.Builder
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	b.WriteString("fakeserver " + version)
	if info.Main.Path != "" {
		b.WriteString(" (" + info.Main.Path + ")")
	}
	var revision, at string
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	switch {
	case revision != "":
		b.WriteString(", revision " + revision)
		if at != "" {
			b.WriteString(" of " + at)
		}
		if modified {
			b.WriteString(" with uncommitted changes")
		}
	case version == "(devel)":
		// A released version names its source; a development build
		// without a revision names nothing, which is worth saying.
		b.WriteString(", revision unknown (built outside a repository or with -buildvcs=false)")
	}
	if info.GoVersion != "" {
		b.WriteString(", " + info.GoVersion)
	}
	return b.String()
}
