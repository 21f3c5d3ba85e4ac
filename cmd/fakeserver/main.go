// Command fakeserver runs a fake sms.tencentcloudapi.com: the Tencent Cloud
// SMS API (versions 2021-01-11 and 2019-07-11) as the official SDKs see it (TC3 and v1 signatures,
// Tencent's envelopes and error codes), with an admin API under /_fake/ to
// inspect sent messages, register apps, signs and templates, and inject
// faults.
//
// Install and run it with
//
//	go install github.com/notifykit/notifier/cmd/fakeserver@latest
//	fakeserver [flags]
//
// or, in a clone of the repository, go run ./cmd/fakeserver [flags]. Run
// with -h for the flags and their FAKESERVER_* environment variables;
// -version prints the module version and VCS revision it was built from.
// The server is ready when GET /_fake/healthz answers {"status":"ok"}; it
// shuts down gracefully on SIGINT or SIGTERM, and by itself, exiting 0, once
// -max-lifetime is over.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal stops the process at once
	}()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(os.Stderr, err))
}

// exitCode prints err, if any, as one line on stderr and returns the exit
// status for it: 0 for success and for -h, 2 otherwise.
func exitCode(stderr io.Writer, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, errorLine(err))
	return 2
}

// errorLine names the program once before err: errors of package
// fakeserver already start with "fakeserver: ", the command's own do not.
func errorLine(err error) string {
	msg := err.Error()
	if strings.HasPrefix(msg, "fakeserver: ") {
		return msg
	}
	return "fakeserver: " + msg
}

// shutdownGrace bounds how long requests in flight may finish their
// answers at shutdown. Long polls, hanging faults and latencies end at
// once (fakeserver.Server.Shutdown), so an idle server stops within
// milliseconds.
const shutdownGrace = 5 * time.Second

// run starts the server and serves until ctx is done or the configured
// maximum lifetime is over.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := parseConfig(args, getenv, stderr)
	if err != nil {
		return err
	}
	if cfg.version {
		_, err := fmt.Fprintln(stdout, versionLine(debug.ReadBuildInfo()))
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	opts, defaultCreds, err := cfg.options()
	if err != nil {
		return err
	}
	opts.Logger = logger
	srv, err := fakeserver.New(opts)
	if err != nil {
		return err
	}
	if err := srv.Start(); err != nil {
		return err
	}
	printBanner(stdout, srv, opts, defaultCreds)
	logger.Info("fakeserver listening", "addr", srv.Endpoint(), "strict", opts.Strict,
		"credentials", len(opts.Credentials), "apps", len(opts.Apps), "signs", len(opts.Signs), "templates", len(opts.Templates),
		"maxLifetime", cfg.maxLifetime)
	// A nil channel never fires: without a lifetime only ctx ends the wait.
	var lifetimeOver <-chan time.Time
	if cfg.maxLifetime > 0 {
		timer := time.NewTimer(cfg.maxLifetime)
		defer timer.Stop()
		lifetimeOver = timer.C
	}
	select {
	case <-ctx.Done():
		logger.Info("fakeserver shutting down")
	case <-lifetimeOver:
		// A clean exit (status 0): the lifetime is configuration, not a
		// failure. It is what stops a container whose test process died.
		logger.Info("fakeserver shutting down: max lifetime reached", "maxLifetime", cfg.maxLifetime)
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// A stop was asked for: answers still being written after the
		// grace period are cut, and the exit is still a clean one.
		logger.Warn("answers still in flight after the grace period; closing their connections", "grace", shutdownGrace)
		srv.Close()
	}
	logger.Info("fakeserver stopped")
	return nil
}

// printBanner prints where the server listens, which credentials it takes
// (keys only when they are the documented defaults) and an SDK snippet.
func printBanner(w io.Writer, srv *fakeserver.Server, opts fakeserver.Options, defaultCreds bool) {
	id, key := fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey
	endpoint, allInterfaces := bannerEndpoint(srv.Endpoint())
	url := "http://" + endpoint
	var b strings.Builder
	fmt.Fprintf(&b, "fake sms.tencentcloudapi.com (API %s and %s) listening on %s\n", fakeserver.APIVersion, fakeserver.APIVersion20190711, url)
	if allInterfaces {
		port := bannerPort(endpoint)
		fmt.Fprintf(&b, "  bound to  %s (all interfaces); in a container, use the host port Docker publishes\n"+
			"            for %s instead (docker run -p 127.0.0.1:%s:%s ..., or docker port NAME %s)\n",
			srv.Endpoint(), port, port, port, port)
	}
	if defaultCreds {
		fmt.Fprintf(&b, "  SecretId  %s\n  SecretKey %s   (documented defaults; set -credential ID:KEY for others)\n", id, key)
	} else {
		ids := slices.Sorted(maps.Keys(opts.Credentials)) // the same banner on every start
		fmt.Fprintf(&b, "  SecretIds %s (keys as configured)\n", strings.Join(ids, ", "))
		id, key = ids[0], "<your SecretKey>"
	}
	mode := "permissive (any app, sign and unregistered template accepted)"
	if opts.Strict {
		mode = "strict (apps, signs and templates must be registered and approved)"
	}
	fmt.Fprintf(&b, "  mode      %s\n", mode)
	fmt.Fprintf(&b, "  messages  %s/_fake/ (HTML)  %s/_fake/messages (JSON)\n\n", url, url)
	fmt.Fprintf(&b, `Go SDK (tencentcloud-sdk-go sms/v20210111):

	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = %q
	cpf.HttpProfile.Scheme = "http"
	client, _ := sms.NewClient(common.NewCredential(%q, %q), "ap-guangzhou", cpf)

`, endpoint, id, key)
	_, _ = io.WriteString(w, b.String())
}

// bannerEndpoint returns the host:port a client on this machine dials for
// the listen address addr: addr itself, or 127.0.0.1:port when addr is an
// unspecified address ("0.0.0.0:8080", "[::]:8080", ":8080"), which is no
// address to dial. allInterfaces reports the latter.
func bannerEndpoint(addr string) (endpoint string, allInterfaces bool) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr, false
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return net.JoinHostPort("127.0.0.1", port), true
	}
	return addr, false
}

// bannerPort returns the port of host:port endpoint.
func bannerPort(endpoint string) string {
	_, port, _ := net.SplitHostPort(endpoint)
	return port
}
