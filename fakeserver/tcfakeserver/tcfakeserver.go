package tcfakeserver

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
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

// startupTimeout bounds the wait for /_fake/healthz. The server is ready in
// milliseconds; the margin is for a loaded CI machine.
const startupTimeout = 30 * time.Second

// Container is a running fake Tencent Cloud SMS server. It embeds the
// testcontainers.Container, so Terminate, Logs, testcontainers.CleanupContainer
// and the rest work as for any container. Its methods are safe for concurrent
// use.
type Container struct {
	testcontainers.Container
	secretID, secretKey string // the first credential, for Credentials
}

// Run starts a fake server container and waits until GET /_fake/healthz
// answers 200. Options are this package's (WithImage, WithCredentials,
// WithStrict, WithConfigFile, WithReceiptCallbackURL, WithReplyCallbackURL,
// WithReceiptDelay) and any testcontainers.ContainerCustomizer, applied
// after the module's defaults.
//
// Without WithImage, Run builds the image from this module's sources the
// first time (go build of cmd/fakeserver, then the repository's Dockerfile)
// and tags it ImageRepository:src-<content hash>; later runs, in this or any
// other process, find that tag and start at once. Nothing is pulled.
//
// When the container was created but did not become ready, Run returns it
// together with the error, so that the caller's
// testcontainers.CleanupContainer or Terminate removes it. The caller owns
// the container and must terminate it.
func Run(ctx context.Context, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
	var settings options
	for _, opt := range opts {
		if o, ok := opt.(Option); ok {
			if err := o(&settings); err != nil {
				return nil, err
			}
		}
	}

	img := settings.image
	if img == "" {
		var err error
		if img, err = defaultImage(ctx); err != nil {
			return nil, err
		}
	}

	env := map[string]string{}
	secretID, secretKey := DefaultSecretID, DefaultSecretKey
	if len(settings.credentials) > 0 {
		pairs := make([]string, len(settings.credentials))
		for i, c := range settings.credentials {
			pairs[i] = c.id + ":" + c.key
		}
		env["FAKESERVER_CREDENTIALS"] = strings.Join(pairs, ",")
		secretID, secretKey = settings.credentials[0].id, settings.credentials[0].key
	}
	if settings.strict {
		env["FAKESERVER_STRICT"] = "true"
	}
	if settings.receiptURL != "" {
		env["FAKESERVER_RECEIPT_CALLBACK_URL"] = settings.receiptURL
	}
	if settings.replyURL != "" {
		env["FAKESERVER_REPLY_CALLBACK_URL"] = settings.replyURL
	}
	if settings.delay != nil {
		env["FAKESERVER_RECEIPT_DELAY"] = settings.delay.String()
	}
	if settings.configFile != "" {
		env["FAKESERVER_CONFIG"] = ConfigPath
	}

	custom := []testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts(Port),
		testcontainers.WithEnv(env),
		// Lets callbacks reach the host by name on every engine: Docker
		// Desktop defines host.docker.internal itself, Linux engines (20.10+)
		// need the host-gateway mapping.
		testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			hc.ExtraHosts = append(hc.ExtraHosts, HostGateway+":host-gateway")
		}),
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
	if settings.configFile != "" {
		custom = append(custom, testcontainers.WithFiles(testcontainers.ContainerFile{
			HostFilePath:      settings.configFile,
			ContainerFilePath: ConfigPath,
			FileMode:          0o644, // readable by the image's non-root user
		}))
	}

	ctr, err := testcontainers.Run(ctx, img, append(custom, opts...)...)
	var c *Container
	if ctr != nil {
		c = &Container{Container: ctr, secretID: secretID, secretKey: secretKey}
	}
	if err != nil {
		return c, fmt.Errorf("tcfakeserver: run %s: %w", img, err)
	}
	return c, nil
}

// Endpoint returns "host:port" of the server's API as seen from the test's
// host: the value for the Tencent SDK's HttpProfile.Endpoint (with scheme
// "http") or for tencent.Config.Endpoint. With proto set, for example "http",
// it returns "proto://host:port". It overrides the embedded container's
// Endpoint, which uses the lowest exposed port, to always name Port.
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

// Credentials returns the SecretId and SecretKey the server accepts: the
// first pair given to WithCredentials, else DefaultSecretID and
// DefaultSecretKey.
func (c *Container) Credentials() (secretID, secretKey string) {
	return c.secretID, c.secretKey
}
