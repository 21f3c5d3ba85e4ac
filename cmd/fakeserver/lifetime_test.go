package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMaxLifetimeEndsServer checks that the server stops by itself, as a
// clean exit, once -max-lifetime is over, while its context is still live.
func TestMaxLifetimeEndsServer(t *testing.T) {
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"-addr", "127.0.0.1:0", "-max-lifetime", "50ms"},
			func(string) string { return "" }, io.Discard, stderr)
	}()
	select {
	case err := <-done:
		if code := exitCode(io.Discard, err); err != nil || code != 0 {
			t.Fatalf("run = %v (exit status %d), want a clean exit", err, code)
		}
	case <-time.After(time.Minute):
		t.Fatal("the server still runs a minute after its 50ms lifetime")
	}
	if !strings.Contains(stderr.String(), `msg="fakeserver shutting down: max lifetime reached" maxLifetime=50ms`) {
		t.Errorf("the log does not say why the server stopped:\n%s", stderr.String())
	}
}

// TestMaxLifetimeSources checks -max-lifetime, FAKESERVER_MAX_LIFETIME and
// the config file's maxLifetime, each source overriding the one before.
func TestMaxLifetimeSources(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(cfg, []byte(`{"maxLifetime": "3h"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want time.Duration
	}{
		{"none", nil, nil, 0},
		{"file", []string{"-config", cfg}, nil, 3 * time.Hour},
		{"env over file", []string{"-config", cfg}, map[string]string{"FAKESERVER_MAX_LIFETIME": "2h"}, 2 * time.Hour},
		{"flag over env", []string{"-config", cfg, "-max-lifetime", "90m"}, map[string]string{"FAKESERVER_MAX_LIFETIME": "2h"}, 90 * time.Minute},
		{"zero flag over file", []string{"-config", cfg, "-max-lifetime", "0"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseConfig(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := c.options(); err != nil {
				t.Fatal(err)
			}
			if c.maxLifetime != tt.want {
				t.Errorf("maxLifetime = %v, want %v", c.maxLifetime, tt.want)
			}
		})
	}
}

func TestMaxLifetimeRejectsBadValues(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(cfg, []byte(`{"maxLifetime": "-1h"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"negative flag", []string{"-max-lifetime", "-1s"}, nil, `invalid value "-1s" for flag -max-lifetime: negative duration`},
		{"not a duration", []string{"-max-lifetime", "forever"}, nil, `invalid value "forever" for flag -max-lifetime`},
		{"bad env", nil, map[string]string{"FAKESERVER_MAX_LIFETIME": "1 hour"}, `FAKESERVER_MAX_LIFETIME="1 hour"`},
		{"negative in file", []string{"-config", cfg}, nil, "maxLifetime -1h0m0s is negative"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, func(k string) string { return tt.env[k] }, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("run: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
