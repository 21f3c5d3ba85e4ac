//go:build unix

package main

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds the command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fakeserver")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startBinary starts bin on a free port and returns the process and its
// endpoint once it listens.
func startBinary(t *testing.T, bin string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "FAKESERVER_LOG_LEVEL=warn")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if m := listenRE.FindStringSubmatch(lines.Text()); m != nil {
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return cmd, m[1]
		}
	}
	t.Fatal("the server printed no listening address")
	return nil, ""
}

// stop sends SIGTERM and returns the exit code and how long the exit took.
func stop(t *testing.T, cmd *exec.Cmd) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), time.Since(start)
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, time.Since(start)
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not exit after SIGTERM")
		return -1, 0
	}
}

// TestSIGTERM pins issue 11's finding that SIGTERM with an open long poll
// waited the whole grace period and exited 2: the built binary exits 0,
// idle or not, and the long poll is answered 503.
func TestSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	t.Run("idle", func(t *testing.T) {
		cmd, endpoint := startBinary(t, bin)
		if resp, err := http.Get("http://" + endpoint + "/_fake/healthz"); err == nil {
			resp.Body.Close()
		}
		code, took := stop(t, cmd)
		t.Logf("idle: exit %d after %s", code, took)
		if code != 0 {
			t.Errorf("exit code %d, want 0", code)
		}
	})
	t.Run("long poll and hanging request", func(t *testing.T) {
		cmd, endpoint := startBinary(t, bin)
		base := "http://" + endpoint + "/_fake"
		resp, err := http.Post(base+"/faults", "application/json",
			strings.NewReader(`{"action":"SendSms","http":"hang","nth":1}`))
		if err != nil || resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST /_fake/faults: %v %v", err, resp)
		}
		resp.Body.Close()
		poll := make(chan int, 1)
		go func() {
			resp, err := http.Get(base + "/messages/wait?timeout=5m")
			if err != nil {
				poll <- 0
				return
			}
			resp.Body.Close()
			poll <- resp.StatusCode
		}()
		hung := make(chan error, 1)
		go func() {
			_, err := client(t, endpoint, "AKIDEXAMPLE", "SECRETKEYEXAMPLE").SendSms(sendRequest())
			hung <- err
		}()
		for { // the rule is used up once the send hangs on it
			resp, err := http.Get(base + "/faults")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(b), `"faults":[]`) {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // the long poll was sent before; let it arrive
		code, took := stop(t, cmd)
		t.Logf("busy: exit %d after %s", code, took)
		if code != 0 {
			t.Errorf("exit code %d, want 0", code)
		}
		if got := <-poll; got != http.StatusServiceUnavailable {
			t.Errorf("the long poll got %d, want 503", got)
		}
		if err := <-hung; err == nil {
			t.Error("the hanging send succeeded")
		}
	})
}
