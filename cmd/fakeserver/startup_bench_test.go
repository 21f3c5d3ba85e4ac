package main

import (
	"bufio"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// BenchmarkStartToFirstAnswer measures the built binary from exec to its
// first answer on GET /_fake/healthz (issue 3 asks for at most 50 ms). It
// reports the mean as ms/start.
func BenchmarkStartToFirstAnswer(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "fakeserver")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	addrRE := regexp.MustCompile(`listening on (http://\S+)`)
	client := &http.Client{Timeout: time.Second}
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-log-level", "error")
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		url := ""
		for url == "" && sc.Scan() {
			if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
				url = m[1]
			}
		}
		resp, err := client.Get(url + "/_fake/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("healthz: %v", err)
		}
		resp.Body.Close()
		total += time.Since(start)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/start")
}
