package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runErr runs the command with args and no environment, expecting it to
// fail before it serves, and returns the error and what run wrote to stderr.
func runErr(t *testing.T, args ...string) (error, string) {
	t.Helper()
	var stderr strings.Builder
	err := run(context.Background(), args, func(string) string { return "" }, io.Discard, &stderr)
	if err == nil {
		t.Fatalf("run %q: no error", args)
	}
	return err, stderr.String()
}

// printed returns what main prints for err and the exit status.
func printed(err error) (string, int) {
	var b strings.Builder
	code := exitCode(&b, err)
	return b.String(), code
}

// TestListenErrorNamesProgramOnce checks the line main prints when the
// address is taken: one "fakeserver:" prefix, not the package's and the
// command's both.
func TestListenErrorNamesProgramOnce(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err, _ = runErr(t, "-addr", ln.Addr().String())
	line, code := printed(err)
	if code != 2 || strings.Count(line, "fakeserver:") != 1 || !strings.HasPrefix(line, "fakeserver: listen tcp ") ||
		strings.Count(line, "\n") != 1 {
		t.Fatalf("printed %q with status %d; want one line \"fakeserver: listen tcp ...\" and status 2", line, code)
	}
}

// TestBadFlagIsOneLine checks that a mistyped flag prints one line that
// points to -h, not the whole usage.
func TestBadFlagIsOneLine(t *testing.T) {
	err, stderr := runErr(t, "-stirct")
	if stderr != "" {
		t.Errorf("run wrote to stderr for a bad flag:\n%s", stderr)
	}
	line, code := printed(err)
	if want := "fakeserver: flag provided but not defined: -stirct (-h for help)\n"; line != want || code != 2 {
		t.Errorf("printed %q with status %d, want %q and 2", line, code, want)
	}
	err, _ = runErr(t, "-receipt-delay", "soon")
	if line, _ := printed(err); strings.Count(line, "\n") != 1 || !strings.Contains(line, `invalid value "soon" for flag -receipt-delay`) || !strings.HasSuffix(line, "(-h for help)\n") {
		t.Errorf("bad value printed %q, want one line naming the flag and -h", line)
	}
	// -h still prints the whole usage, and exits 0.
	var help strings.Builder
	err = run(context.Background(), []string{"-h"}, func(string) string { return "" }, io.Discard, &help)
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(help.String(), "Usage: fakeserver") || !strings.Contains(help.String(), "-max-lifetime") {
		t.Errorf("-h: %v\n%s", err, help.String())
	}
	if line, code := printed(err); line != "" || code != 0 {
		t.Errorf("-h printed %q with status %d, want nothing more and 0", line, code)
	}
}

// TestConfigErrorsSayWhere checks that a broken -config file is reported
// with the line and column where decoding stopped.
func TestConfigErrorsSayWhere(t *testing.T) {
	tests := []struct {
		name, content string
		want          string // after "config PATH"
	}{
		{"ends early", "{\n  \"strict\": true,\n  \"apps\": [{\"id\": \"1400000001\"}\n",
			":4:1: the file ends inside a JSON value (an unclosed '{', '[' or string): unexpected EOF"},
		{"syntax", "{\n  \"strict\": true,\n}\n",
			":3:1: invalid character '}' looking for beginning of object key string"},
		// encoding/json reports the end of the wrong value.
		{"wrong type", "{\n  \"strict\": \"yes\"\n}\n",
			":2:17: json: cannot unmarshal string into Go struct field fileConfig.strict of type bool"},
		{"empty", "", ": the file is empty; want a JSON object"},
		{"unknown key", "{\"stirct\": true}", `: json: unknown field "stirct"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "seed.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			err, _ := runErr(t, "-config", path)
			if want := "config " + path + tt.want; err.Error() != want {
				t.Fatalf("error\n %s\nwant\n %s", err, want)
			}
		})
	}
}
