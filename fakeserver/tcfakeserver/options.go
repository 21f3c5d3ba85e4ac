package tcfakeserver

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/testcontainers/testcontainers-go"
)

// options collects what the module's own Option values set; Run reads it
// before it builds the container request.
type options struct {
	image       string
	credentials []credential
	strict      bool
	configFile  string
	receiptURL  string         // FAKESERVER_RECEIPT_CALLBACK_URL
	replyURL    string         // FAKESERVER_REPLY_CALLBACK_URL
	delay       *time.Duration // FAKESERVER_RECEIPT_DELAY when set
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

// WithReceiptCallbackURL makes the server push delivery receipts to url as
// Tencent's receipt callback (a POST of a JSON array; see the fakeserver
// package documentation), through FAKESERVER_RECEIPT_CALLBACK_URL. The URL is
// dialled from inside the container, where 127.0.0.1 is the container
// itself: a receiver on the test's host names the host HostGateway
// ("host.docker.internal"), which Run maps to the host, and listens where
// HostListener listens. Pushes and their outcome are listed by the admin
// API's GET /_fake/callbacks.
func WithReceiptCallbackURL(url string) Option {
	return func(o *options) error {
		if err := checkCallbackURL("WithReceiptCallbackURL", url); err != nil {
			return err
		}
		o.receiptURL = url
		return nil
	}
}

// WithReplyCallbackURL makes the server push the replies injected through
// POST /_fake/replies to url as Tencent's reply callback (a POST of one JSON
// object), through FAKESERVER_REPLY_CALLBACK_URL. What WithReceiptCallbackURL
// says about reaching the host applies.
func WithReplyCallbackURL(url string) Option {
	return func(o *options) error {
		if err := checkCallbackURL("WithReplyCallbackURL", url); err != nil {
			return err
		}
		o.replyURL = url
		return nil
	}
}

// WithReceiptDelay sets how long, by the server clock, each accepted message
// waits before its receipt is reported (pulled or pushed), through
// FAKESERVER_RECEIPT_DELAY; the server's default is 0.
func WithReceiptDelay(d time.Duration) Option {
	return func(o *options) error {
		if d < 0 {
			return fmt.Errorf("tcfakeserver: WithReceiptDelay: negative delay %v", d)
		}
		o.delay = &d
		return nil
	}
}

// checkCallbackURL rejects what the server could never POST to.
func checkCallbackURL(option, url string) error {
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return fmt.Errorf("tcfakeserver: %s: %q is not an http(s) URL", option, url)
	}
	return nil
}
