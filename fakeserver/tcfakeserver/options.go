package tcfakeserver

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/testcontainers/testcontainers-go"
)

// Every option of this package is a testcontainers.CustomizeRequestOption:
// it changes the container request (environment, files, labels, host
// config) and nothing else, so it mixes freely with testcontainers' own
// customizers and can be applied by any code that builds a request. An
// invalid value makes Run fail before anything is created.

// WithCredentials adds a SecretId/SecretKey pair the server accepts; call it
// again to add more. Once any pair is given, the default pair
// (AKIDEXAMPLE/SECRETKEYEXAMPLE) is no longer accepted. The first pair is the
// one Container.Credentials returns.
func WithCredentials(secretID, secretKey string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		// The server reads FAKESERVER_CREDENTIALS as comma-separated ID:KEY
		// pairs, so neither part may contain a comma, nor the ID a colon.
		// The errors never repeat the key.
		if secretID == "" {
			return errors.New("tcfakeserver: WithCredentials: empty SecretId")
		}
		if secretKey == "" {
			return fmt.Errorf("tcfakeserver: WithCredentials: empty SecretKey for SecretId %q", secretID)
		}
		if strings.ContainsAny(secretID, ",:") {
			return fmt.Errorf("tcfakeserver: WithCredentials: SecretId %q must not contain ',' or ':'", secretID)
		}
		if strings.Contains(secretKey, ",") {
			return fmt.Errorf("tcfakeserver: WithCredentials: the SecretKey for SecretId %q must not contain ','", secretID)
		}
		pairs := secretID + ":" + secretKey
		if prev := req.Env[envCredentials]; prev != "" {
			pairs = prev + "," + pairs
		}
		return testcontainers.WithEnv(map[string]string{envCredentials: pairs})(req)
	}
}

// WithStrict starts the server in strict mode: the SmsSdkAppId, sign and
// template of a send must be registered and approved, as on the real service.
func WithStrict() testcontainers.CustomizeRequestOption {
	return testcontainers.WithEnv(map[string]string{"FAKESERVER_STRICT": "true"})
}

// WithConfigFile copies the JSON seed file at path (on the host running the
// test) into the container as ConfigPath and points FAKESERVER_CONFIG at it.
// The file is copied rather than bind-mounted, so it also works with a remote
// Docker daemon.
func WithConfigFile(path string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		fi, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("tcfakeserver: WithConfigFile: %w", err)
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("tcfakeserver: WithConfigFile: %s is not a regular file", path)
		}
		if err := testcontainers.WithFiles(testcontainers.ContainerFile{
			HostFilePath:      path,
			ContainerFilePath: ConfigPath,
			FileMode:          0o644, // readable by the image's non-root user
		})(req); err != nil {
			return err
		}
		return testcontainers.WithEnv(map[string]string{"FAKESERVER_CONFIG": ConfigPath})(req)
	}
}

// WithReceiptCallbackURL makes the server push delivery receipts to url as
// Tencent's receipt callback (a POST of a JSON array; see the fakeserver
// package documentation), through FAKESERVER_RECEIPT_CALLBACK_URL. The URL is
// dialled from inside the container, where 127.0.0.1 is the container
// itself: a receiver on the test's host names the host HostGateway
// ("host.docker.internal"), which Run maps to the host, and listens where
// HostListener listens. Pushes and their outcome are listed by the admin
// API's GET /_fake/callbacks.
func WithReceiptCallbackURL(url string) testcontainers.CustomizeRequestOption {
	return callbackURL("WithReceiptCallbackURL", "FAKESERVER_RECEIPT_CALLBACK_URL", url)
}

// WithReplyCallbackURL makes the server push the replies injected through
// POST /_fake/replies to url as Tencent's reply callback (a POST of one JSON
// object), through FAKESERVER_REPLY_CALLBACK_URL. What WithReceiptCallbackURL
// says about reaching the host applies.
func WithReplyCallbackURL(url string) testcontainers.CustomizeRequestOption {
	return callbackURL("WithReplyCallbackURL", "FAKESERVER_REPLY_CALLBACK_URL", url)
}

// callbackURL sets env to url, rejecting what the server could never POST to.
func callbackURL(option, env, url string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			return fmt.Errorf("tcfakeserver: %s: %q is not an http(s) URL", option, url)
		}
		return testcontainers.WithEnv(map[string]string{env: url})(req)
	}
}

// WithReceiptDelay sets how long, by the server clock, each accepted message
// waits before its receipt is reported (pulled or pushed), through
// FAKESERVER_RECEIPT_DELAY; the server's default is 0.
func WithReceiptDelay(d time.Duration) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if d < 0 {
			return fmt.Errorf("tcfakeserver: WithReceiptDelay: negative delay %v", d)
		}
		return testcontainers.WithEnv(map[string]string{"FAKESERVER_RECEIPT_DELAY": d.String()})(req)
	}
}

// WithHostIP publishes Port on the Docker host's address ip instead of
// 127.0.0.1. Run's loopback default keeps the unauthenticated admin API off
// the network; a daemon on another machine (DOCKER_HOST=tcp://..., Docker in
// Docker on a CI service) needs "0.0.0.0", since its loopback is not the
// test's.
func WithHostIP(ip string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		addr, err := netip.ParseAddr(ip)
		if err != nil {
			return fmt.Errorf("tcfakeserver: WithHostIP: %q is not an IP address", ip)
		}
		return testcontainers.WithHostConfigModifier(publishOn(addr))(req)
	}
}

// envAdminToken is the server's admin token variable (-admin-token).
const envAdminToken = "FAKESERVER_ADMIN_TOKEN"

// WithAdminToken protects the server's admin API with token: every /_fake/
// endpoint but healthz then needs "Authorization: Bearer <token>".
// Container.Admin sends it; other clients must too. The port is published
// on 127.0.0.1 only, so a token matters where that is not enough (a shared
// Docker host, WithHostIP).
func WithAdminToken(token string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if token == "" || strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			return errors.New("tcfakeserver: WithAdminToken: the token is empty or has spaces or control characters")
		}
		return testcontainers.WithEnv(map[string]string{envAdminToken: token})(req)
	}
}
