package main

import (
	"runtime/debug"
	"strings"
)

// versionLine is what -version prints: the version of the module holding
// this command and the VCS revision it was built from, as the go command
// recorded them. `go install .../cmd/fakeserver@vX.Y.Z` records the version
// and no revision; a build in a clone records the revision and, since Go
// 1.24, a pseudo-version; `go run`, tests, -buildvcs=false and builds from
// another module (tcfakeserver.BuildImage builds the command in the caller's
// module, where this one is required or replaced by a directory) record
// neither, and the line says so.
func versionLine(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "fakeserver (devel), no build information"
	}
	// Main is the module of the main package, even when it is built from
	// another module; Replace is set when that module replaced it.
	version, where := info.Main.Version, info.Main.Path
	if r := info.Main.Replace; r != nil {
		where += " => " + r.Path
		version = r.Version // "(devel)" for a directory
	}
	if version == "" {
		version = "(devel)"
	}
	var b strings.Builder
	b.WriteString("fakeserver " + version + " (" + where + ")")

	revision, at, modified := vcsInfo(info.Settings)
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

// vcsInfo returns the VCS revision, commit time and modified flag the go
// command stamped into the binary.
func vcsInfo(settings []debug.BuildSetting) (revision, at string, modified bool) {
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return revision, at, modified
}
