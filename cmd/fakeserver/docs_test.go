package main

import (
	"os"
	"strings"
	"testing"
)

// TestEnvVariablesDocumented checks that every environment variable of a
// flag has its row in the README's table of variables and is named in the
// Dockerfile's comment, the two places a container user looks.
func TestEnvVariablesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range envFlags {
		if !strings.Contains(string(readme), "\n| `"+e.env+"`") && !strings.Contains(string(readme), "`"+e.env+"` |") {
			t.Errorf("README.md has no table row for %s (-%s)", e.env, e.flag)
		}
		name := strings.TrimPrefix(e.env, "FAKESERVER")
		if !strings.Contains(string(dockerfile), e.env) && !strings.Contains(string(dockerfile), name) {
			t.Errorf("the Dockerfile's comment does not name %s (-%s)", e.env, e.flag)
		}
	}
}
