package tcfakeserver

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/fakeserver/adminclient"
)

// What the image exposes and where it reads its configuration.
const (
	// Port is the container port the server listens on (FAKESERVER_ADDR
	// 0.0.0.0:8080 in the image).
	Port = "8080/tcp"
	// HealthPath is the readiness endpoint Run waits on.
	HealthPath = "/_fake/healthz"
	// ConfigPath is where WithConfigFile puts the JSON seed file.
	ConfigPath = "/config/fakeserver.json"
	// HostGateway is the name under which a container started by Run reaches
	// the host it runs on (Docker's "host-gateway"), for callback URLs.
	HostGateway = "host.docker.internal"
)

// The credentials the server accepts when none are given: documented test
// values, the same as fakeserver.DefaultSecretID and DefaultSecretKey (kept
// as copies so that this package does not compile the server).
const (
	// DefaultSecretID is the SecretId accepted without WithCredentials.
	DefaultSecretID = "AKIDEXAMPLE"
	// DefaultSecretKey is the SecretKey accepted without WithCredentials.
	DefaultSecretKey = "SECRETKEYEXAMPLE"
)

// The server's environment variables that Run and the options set.
const (
	envCredentials = "FAKESERVER_CREDENTIALS"
	envMaxLifetime = "FAKESERVER_MAX_LIFETIME"
)

// startupTimeout bounds the wait for /_fake/healthz. The server is ready in
// milliseconds; the margin is for a loaded CI machine.
const startupTimeout = 30 * time.Second

// loopback is where Run publishes Port unless WithHostIP says otherwise.
var loopback = netip.MustParseAddr("127.0.0.1")

// Container is a running fake Tencent Cloud SMS server. It embeds the
// testcontainers.Container, so Terminate, Logs, testcontainers.CleanupContainer
// and the rest work as for any container. Its methods are safe for concurrent
// use.
type Container struct {
	testcontainers.Container
	secretID, secretKey string // the first credential, for Credentials
	adminToken          string // the admin API's token, for Admin
}

// Run starts a fake server container from the image img and waits until
// GET /_fake/healthz answers 200, following the testcontainers-go module
// convention Run(ctx, img, opts...). BuildImage returns the image built from
// this module's sources, which is what a test usually runs:
//
//	img, err := tcfakeserver.BuildImage(ctx)
//	...
//	ctr, err := tcfakeserver.Run(ctx, img, tcfakeserver.WithStrict())
//
// Options are testcontainers.ContainerCustomizer values: this package's
// (WithCredentials, WithStrict, WithConfigFile, WithReceiptCallbackURL,
// WithReplyCallbackURL, WithReceiptDelay, WithMaxLifetime, WithHostIP) and
// testcontainers' own (testcontainers.WithEnv, WithLogger, ...), applied in
// order after the module's defaults, so a later one wins.
//
// The defaults: Port is published on a free port of the Docker host's
// 127.0.0.1 only (see WithHostIP), HostGateway is mapped to the host, the
// container carries the label Label and, through WithMaxLifetime's default
// DefaultMaxLifetime, ExpiresLabel; the server exits by itself when that
// lifetime is over, so a test process killed before it could terminate the
// container leaves it running no longer than that.
//
// When the container was created but did not become ready, Run returns it
// together with the error, so that the caller's
// testcontainers.CleanupContainer or Terminate removes it. The caller owns
// the container and must terminate it.
func Run(ctx context.Context, img string, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
	if strings.TrimSpace(img) == "" {
		return nil, errors.New("tcfakeserver: Run: empty image reference (BuildImage returns the image built from this module's sources)")
	}
	defaults := []testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts(Port),
		testcontainers.WithLabels(map[string]string{Label: "true"}),
		WithMaxLifetime(DefaultMaxLifetime),
		testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			// Lets callbacks reach the host by name on every engine: Docker
			// Desktop defines host.docker.internal itself, Linux engines
			// (20.10+) need the host-gateway mapping.
			hc.ExtraHosts = append(hc.ExtraHosts, HostGateway+":host-gateway")
		}),
		testcontainers.WithHostConfigModifier(publishOn(loopback)),
		testcontainers.WithWaitStrategy(
			wait.ForHTTP(HealthPath).
				WithPort(Port).
				WithStatusCodeMatcher(func(status int) bool { return status == 200 }).
				// The server is up within milliseconds; the default 100ms
				// poll would dominate the start-up time.
				WithPollInterval(20 * time.Millisecond).
				WithStartupTimeout(startupTimeout),
		),
	}
	// The credentials are read from the final request, after every
	// customizer, so that Credentials agrees with what the server got, from
	// WithCredentials or a plain testcontainers.WithEnv.
	secretID, secretKey, adminToken := DefaultSecretID, DefaultSecretKey, ""
	readCredentials := testcontainers.CustomizeRequestOption(func(req *testcontainers.GenericContainerRequest) error {
		if id, key, ok := firstCredential(req.Env[envCredentials]); ok {
			secretID, secretKey = id, key
		}
		adminToken = req.Env[envAdminToken]
		return nil
	})

	all := append(append(defaults, opts...), readCredentials)
	ctr, err := testcontainers.Run(ctx, img, all...)
	var c *Container
	if ctr != nil {
		c = &Container{Container: ctr, secretID: secretID, secretKey: secretKey, adminToken: adminToken}
	}
	if err != nil {
		return c, fmt.Errorf("tcfakeserver: run %s: %w", img, err)
	}
	return c, nil
}

// firstCredential returns the first ID:KEY pair of a FAKESERVER_CREDENTIALS
// value, read as the server reads it: comma-separated, the ID up to the
// first colon.
func firstCredential(list string) (id, key string, ok bool) {
	for pair := range strings.SplitSeq(list, ",") {
		if id, key, ok := strings.Cut(strings.TrimSpace(pair), ":"); ok && id != "" && key != "" {
			return id, key, true
		}
	}
	return "", "", false
}

// publishOn returns a host config modifier that publishes Port on ip (and a
// free host port) instead of every interface.
func publishOn(ip netip.Addr) func(*container.HostConfig) {
	port := network.MustParsePort(Port)
	return func(hc *container.HostConfig) {
		if hc.PortBindings == nil {
			hc.PortBindings = network.PortMap{}
		}
		hc.PortBindings[port] = []network.PortBinding{{HostIP: ip}}
	}
}

// Endpoint returns "host:port" of the server's API as seen from the test's
// host: the value for the Tencent SDK's HttpProfile.Endpoint (with scheme
// "http") or for tencent.Config.Endpoint. With proto set, for example "http",
// it returns "proto://host:port". It overrides the embedded container's
// Endpoint, which uses the lowest exposed port, to always name Port; it keeps
// testcontainers' two-argument signature so that *Container still satisfies
// testcontainers.Container.
func (c *Container) Endpoint(ctx context.Context, proto string) (string, error) {
	return c.PortEndpoint(ctx, Port, proto)
}

// AdminURL returns the base URL of the admin API, "http://host:port/_fake",
// without a trailing slash: append "/messages", "/healthz" and so on.
func (c *Container) AdminURL(ctx context.Context) (string, error) {
	u, err := c.PortEndpoint(ctx, Port, "http")
	if err != nil {
		return "", err
	}
	return u + "/_fake", nil
}

// Admin returns a fakeserver.Admin for the server in the container: the
// typed admin API, the same interface fakeserver.Server.Admin gives for an
// in-process server, so assertions written against one run against the
// other. It sends the admin token of a server started WithAdminToken (or
// with FAKESERVER_ADMIN_TOKEN set by testcontainers.WithEnv); opts
// configure it further (adminclient.WithHTTPClient).
func (c *Container) Admin(ctx context.Context, opts ...adminclient.Option) (fakeserver.Admin, error) {
	u, err := c.PortEndpoint(ctx, Port, "http")
	if err != nil {
		return nil, err
	}
	if c.adminToken != "" {
		opts = append([]adminclient.Option{adminclient.WithToken(c.adminToken)}, opts...)
	}
	return adminclient.New(u, opts...)
}

// Credentials returns the SecretId and SecretKey the server accepts: the
// first pair given to WithCredentials (or set in FAKESERVER_CREDENTIALS by
// testcontainers.WithEnv), else DefaultSecretID and DefaultSecretKey.
// Credentials from a WithConfigFile seed are not seen here.
func (c *Container) Credentials() (secretID, secretKey string) {
	return c.secretID, c.secretKey
}
