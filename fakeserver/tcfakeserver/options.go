package tcfakeserver

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/testcontainers/testcontainers-go"
)

// options collects what the module's own Option values set; Run reads it
// before it builds the container request.
type options struct {
	image       string
	credentials []credential
	strict      bool
	configFile  string
	callbackURL string
}

// credential is one SecretId/SecretKey pair the server accepts.
type credential struct{ id, key string }

// Option is a functional option of this module. It satisfies
// testcontainers.ContainerCustomizer so that it can be passed to Run together
// with testcontainers' own customizers (testcontainers.WithEnv,
// testcontainers.WithLogConsumers, ...). Its Customize method does nothing:
// Run applies module options itself, first, and then every customizer in
// order.
type Option func(*options) error

// Customize implements testcontainers.ContainerCustomizer. It is a no-op;
// see Option.
func (o Option) Customize(*testcontainers.GenericContainerRequest) error { return nil }

var _ testcontainers.ContainerCustomizer = Option(nil)

// WithImage runs ref (for example "notifier-fakeserver:dev", built by
// scripts/build-image.sh) instead of building the image from this module's
// sources. The image must exist locally or be pullable.
func WithImage(ref string) Option {
	return func(o *options) error {
		if strings.TrimSpace(ref) == "" {
			return errors.New("tcfakeserver: WithImage: empty image reference")
		}
		o.image = ref
		return nil
	}
}

// WithCredentials adds a SecretId/SecretKey pair the server accepts; call it
// again to add more. Once any pair is given, the default pair
// (AKIDEXAMPLE/SECRETKEYEXAMPLE) is no longer accepted. The first pair is the
// one Container.Credentials returns.
func WithCredentials(secretID, secretKey string) Option {
	return func(o *options) error {
		// The server reads FAKESERVER_CREDENTIALS as comma-separated ID:KEY
		// pairs, so neither part may contain a comma, nor the ID a colon.
		if secretID == "" || secretKey == "" {
			return errors.New("tcfakeserver: WithCredentials: SecretId and SecretKey must not be empty")
		}
		if strings.ContainsAny(secretID, ",:") || strings.Contains(secretKey, ",") {
			return errors.New("tcfakeserver: WithCredentials: SecretId must not contain ',' or ':', SecretKey must not contain ','")
		}
		o.credentials = append(o.credentials, credential{id: secretID, key: secretKey})
		return nil
	}
}

// WithStrict starts the server in strict mode: the SmsSdkAppId, sign and
// template of a send must be registered and approved, as on the real service.
func WithStrict() Option {
	return func(o *options) error {
		o.strict = true
		return nil
	}
}

// WithConfigFile copies the JSON seed file at path (on the host running the
// test) into the container as ConfigPath and points FAKESERVER_CONFIG at it.
// The file is copied rather than bind-mounted, so it also works with a remote
// Docker daemon.
func WithConfigFile(path string) Option {
	return func(o *options) error {
		fi, err := os.Stat(path)
		if err != nil {
			return fmt.Errorf("tcfakeserver: WithConfigFile: %w", err)
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("tcfakeserver: WithConfigFile: %s is not a regular file", path)
		}
		o.configFile = path
		return nil
	}
}

// WithCallbackURL passes the URL the server is to push delivery-receipt and
// reply callbacks to, as FAKESERVER_CALLBACK_URL. The URL is dialled from
// inside the container, where 127.0.0.1 is the container itself: a receiver
// on the test's host must listen on 0.0.0.0 (or the Docker bridge gateway)
// and the URL must name the host HostGateway ("host.docker.internal"), which
// Run maps to the host's gateway address; see the package documentation.
//
// cmd/fakeserver in this version does not push callbacks and ignores the
// variable; pushing them is fakeserver part 2, which reads this variable.
func WithCallbackURL(url string) Option {
	return func(o *options) error {
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			return fmt.Errorf("tcfakeserver: WithCallbackURL: %q is not an http(s) URL", url)
		}
		o.callbackURL = url
		return nil
	}
}
