package tencent

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

// Signing methods accepted in Config.SignMethod.
const (
	// SignTC3 is TC3-HMAC-SHA256, Tencent's current signature and the default.
	SignTC3 = "TC3-HMAC-SHA256"
	// SignHmacSHA1 is the legacy v1 signature with HMAC-SHA1.
	SignHmacSHA1 = "HmacSHA1"
	// SignHmacSHA256 is the legacy v1 signature with HMAC-SHA256.
	SignHmacSHA256 = "HmacSHA256"
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultRegion is the region used when Config.Region is empty.
	DefaultRegion = "ap-guangzhou"
	// DefaultMaxRecipients is the largest Message.To accepted when
	// Config.MaxRecipients is zero.
	DefaultMaxRecipients = 1000
	// DefaultTimeout bounds each API request when Config.Timeout is zero
	// (the SDK's own default).
	DefaultTimeout = 60 * time.Second
	// DefaultLanguage is the language of Tencent's error messages when
	// Config.Language is empty.
	DefaultLanguage = "en-US"
)

// ErrInvalidConfig is wrapped by every error New returns for a bad Config or
// Option, so callers can tell configuration mistakes from other failures
// with errors.Is.
var ErrInvalidConfig = errors.New("tencent: invalid config")

// Config is what New needs to talk to Tencent Cloud SMS.
//
// Exactly one source of credentials is required: SecretID and SecretKey
// (with SessionToken for temporary keys), or Credential, or
// CredentialProvider (for example common.DefaultProviderChain(), which reads
// TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY, the profile file, then the
// instance role). Config's String, GoString and LogValue methods never print
// SecretKey or SessionToken, so a Config may be logged safely.
type Config struct {
	// SecretID is the API key ID (AKID...).
	SecretID string
	// SecretKey is the API key secret. It is never printed or logged.
	SecretKey string
	// SessionToken is the token of a temporary key (STS); empty for a
	// permanent key. It is never printed or logged.
	SessionToken string
	// Credential is an SDK credential, used instead of SecretID/SecretKey.
	// Refreshing credentials (CVM role, role ARN) refresh themselves.
	Credential common.CredentialIface
	// CredentialProvider is asked once, by New, for the credential.
	CredentialProvider common.Provider

	// SDKAppID is the SMS application ID (SmsSdkAppId, "1400006666"). Required.
	SDKAppID string
	// SignName is the default signature text, used when Message.Sign is empty.
	SignName string
	// SenderID is the default sender ID for international numbers, used when
	// Message.SenderID is empty. It is never sent to mainland numbers.
	SenderID string

	// Region is the API region; DefaultRegion when empty. Use ap-singapore
	// (with Endpoint "sms.intl.tencentcloudapi.com") for the international site.
	Region string
	// Endpoint overrides the API host, "host[:port]" with an optional path.
	// A full URL ("http://127.0.0.1:8080") also sets Scheme. Empty means
	// sms.tencentcloudapi.com.
	Endpoint string
	// Scheme is "https" (the default) or "http".
	Scheme string
	// SignMethod is SignTC3 (the default), SignHmacSHA1 or SignHmacSHA256.
	SignMethod string
	// ReqMethod is the HTTP method, "POST" (the default) or "GET". With
	// GET the Client keeps net/http from resending a request on its own
	// (it does so for GETs on a failed keep-alive connection), since a
	// resent SendSms texts the person twice.
	ReqMethod string
	// Timeout bounds each API request, on top of the caller's context;
	// DefaultTimeout when zero.
	Timeout time.Duration
	// Language is the language of Tencent's messages, "en-US" (the default)
	// or "zh-CN".
	Language string
	// MaxRecipients is the largest Message.To that Send accepts;
	// DefaultMaxRecipients when zero. Larger messages fail with
	// notifier.ErrInvalidMessage before any request is made.
	MaxRecipients int
}

// settings is a validated Config with defaults applied.
type settings struct {
	cred          common.CredentialIface
	appID         string
	signName      string
	senderID      string
	region        string
	endpoint      string
	scheme        string
	signMethod    string
	reqMethod     string
	timeout       time.Duration
	language      string
	maxRecipients int
}

// validate checks cfg and resolves its credential. Errors wrap
// ErrInvalidConfig and never quote secrets.
func (cfg Config) validate() (settings, error) {
	s := settings{
		appID:         cfg.SDKAppID,
		signName:      cfg.SignName,
		senderID:      cfg.SenderID,
		region:        cfg.Region,
		endpoint:      cfg.Endpoint,
		scheme:        strings.ToLower(cfg.Scheme),
		signMethod:    cfg.SignMethod,
		reqMethod:     strings.ToUpper(cfg.ReqMethod),
		timeout:       cfg.Timeout,
		language:      cfg.Language,
		maxRecipients: cfg.MaxRecipients,
	}
	cred, err := cfg.credential()
	if err != nil {
		return settings{}, err
	}
	s.cred = cred

	switch {
	case s.appID == "":
		return settings{}, configErrorf("SDKAppID is required")
	case !allDigits(s.appID):
		return settings{}, configErrorf("SDKAppID %q is not numeric", s.appID)
	}
	if s.region == "" {
		s.region = DefaultRegion
	}
	if !validRegion(s.region) {
		return settings{}, configErrorf("Region %q is not a region name like ap-guangzhou", s.region)
	}
	if err := s.splitEndpoint(); err != nil {
		return settings{}, err
	}
	switch s.scheme {
	case "":
		s.scheme = "https"
	case "http", "https":
	default:
		return settings{}, configErrorf("Scheme %q is not http or https", cfg.Scheme)
	}
	switch s.signMethod {
	case "":
		s.signMethod = SignTC3
	case SignTC3, SignHmacSHA1, SignHmacSHA256:
	default:
		return settings{}, configErrorf("SignMethod %q is not %s, %s or %s", s.signMethod, SignTC3, SignHmacSHA1, SignHmacSHA256)
	}
	switch s.reqMethod {
	case "":
		s.reqMethod = "POST"
	case "POST", "GET":
	default:
		return settings{}, configErrorf("ReqMethod %q is not POST or GET", cfg.ReqMethod)
	}
	switch {
	case s.timeout < 0:
		return settings{}, configErrorf("Timeout %v is negative", s.timeout)
	case s.timeout == 0:
		s.timeout = DefaultTimeout
	}
	switch s.language {
	case "":
		s.language = DefaultLanguage
	case "en-US", "zh-CN":
	default:
		return settings{}, configErrorf("Language %q is not en-US or zh-CN", s.language)
	}
	switch {
	case s.maxRecipients < 0:
		return settings{}, configErrorf("MaxRecipients %d is negative", s.maxRecipients)
	case s.maxRecipients == 0:
		s.maxRecipients = DefaultMaxRecipients
	}
	return s, nil
}

// credential returns the one configured credential source.
func (cfg Config) credential() (common.CredentialIface, error) {
	sources := 0
	if cfg.SecretID != "" || cfg.SecretKey != "" || cfg.SessionToken != "" {
		sources++
	}
	if !isNil(cfg.Credential) {
		sources++
	}
	if !isNil(cfg.CredentialProvider) {
		sources++
	}
	switch {
	case sources == 0:
		return nil, configErrorf("no credentials: set SecretID and SecretKey, Credential or CredentialProvider")
	case sources > 1:
		return nil, configErrorf("more than one credential source: set only one of SecretID/SecretKey, Credential, CredentialProvider")
	}
	switch {
	case !isNil(cfg.Credential):
		return cfg.Credential, nil
	case !isNil(cfg.CredentialProvider):
		cred, err := cfg.CredentialProvider.GetCredential()
		if err != nil {
			return nil, fmt.Errorf("%w: CredentialProvider: %w", ErrInvalidConfig, err)
		}
		if isNil(cred) {
			return nil, configErrorf("CredentialProvider returned no credential")
		}
		return cred, nil
	case cfg.SecretID == "":
		return nil, configErrorf("SecretID is empty")
	case cfg.SecretKey == "":
		return nil, configErrorf("SecretKey is empty")
	case !cleanSecret(cfg.SecretID):
		return nil, configErrorf("SecretID has white space or control characters (a stray newline from a file or variable?)")
	case !cleanSecret(cfg.SecretKey):
		return nil, configErrorf("SecretKey has white space or control characters (a stray newline from a file or variable?)")
	case !cleanSecret(cfg.SessionToken):
		return nil, configErrorf("SessionToken has white space or control characters (a stray newline from a file or variable?)")
	case cfg.SessionToken != "":
		return common.NewTokenCredential(cfg.SecretID, cfg.SecretKey, cfg.SessionToken), nil
	}
	return common.NewCredential(cfg.SecretID, cfg.SecretKey), nil
}

// splitEndpoint accepts "host[:port][/path]" or a URL and moves a URL's
// scheme into s.scheme.
func (s *settings) splitEndpoint() error {
	ep := s.endpoint
	for _, scheme := range []string{"http", "https"} {
		prefix := scheme + "://"
		if len(ep) >= len(prefix) && strings.EqualFold(ep[:len(prefix)], prefix) {
			if s.scheme != "" && s.scheme != scheme {
				return configErrorf("Endpoint %q contradicts Scheme %q", s.endpoint, s.scheme)
			}
			s.scheme = scheme
			ep = ep[len(prefix):]
			break
		}
	}
	ep = strings.TrimSuffix(ep, "/")
	if strings.ContainsAny(ep, " ?#@\\") || strings.Contains(ep, "://") || strings.HasPrefix(ep, "/") {
		return configErrorf("Endpoint %q is not host[:port][/path]", s.endpoint)
	}
	if ep != "" {
		// What the SDK will build its URL from must parse, with a host
		// and a valid port: otherwise every Send fails at request time
		// as a temporary-looking ErrUnavailable.
		u, err := url.Parse("http://" + ep)
		if err != nil || u.Hostname() == "" || !validPort(u.Port()) || (strings.HasSuffix(u.Host, ":") && u.Port() == "") {
			return configErrorf("Endpoint %q is not host[:port][/path]", s.endpoint)
		}
	}
	s.endpoint = ep
	return nil
}

// validPort reports whether p is empty or a port number from 1 to 65535.
func validPort(p string) bool {
	if p == "" {
		return true
	}
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535 && allDigits(p)
}

// cleanSecret reports whether a credential string has no white space or
// control characters, which Tencent's keys and tokens never contain.
func cleanSecret(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func configErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidConfig, fmt.Sprintf(format, args...))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func validRegion(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// isNil reports whether v is nil or a typed nil pointer in an interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Func, reflect.Slice, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

const redacted = "[REDACTED]"

func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return redacted
}

// String describes cfg with SecretKey and SessionToken redacted.
func (cfg Config) String() string {
	var b strings.Builder
	b.WriteString("tencent.Config{")
	for i, a := range cfg.attrs() {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %q", a.Key, a.Value.String())
	}
	b.WriteString("}")
	return b.String()
}

// GoString is String, so that %#v does not print secrets either.
func (cfg Config) GoString() string { return cfg.String() }

// LogValue implements slog.LogValuer with secrets redacted.
func (cfg Config) LogValue() slog.Value { return slog.GroupValue(cfg.attrs()...) }

func (cfg Config) attrs() []slog.Attr {
	attrs := []slog.Attr{
		slog.String("SecretID", cfg.SecretID),
		slog.String("SecretKey", redact(cfg.SecretKey)),
	}
	if cfg.SessionToken != "" {
		attrs = append(attrs, slog.String("SessionToken", redacted))
	}
	if !isNil(cfg.Credential) {
		attrs = append(attrs, slog.String("Credential", fmt.Sprintf("%T", cfg.Credential)))
	}
	if !isNil(cfg.CredentialProvider) {
		attrs = append(attrs, slog.String("CredentialProvider", fmt.Sprintf("%T", cfg.CredentialProvider)))
	}
	attrs = append(attrs,
		slog.String("SDKAppID", cfg.SDKAppID),
		slog.String("SignName", cfg.SignName),
		slog.String("SenderID", cfg.SenderID),
		slog.String("Region", cfg.Region),
		slog.String("Endpoint", cfg.Endpoint),
		slog.String("Scheme", cfg.Scheme),
		slog.String("SignMethod", cfg.SignMethod),
		slog.String("ReqMethod", cfg.ReqMethod),
		slog.String("Timeout", cfg.Timeout.String()),
		slog.String("Language", cfg.Language),
		slog.String("MaxRecipients", fmt.Sprint(cfg.MaxRecipients)),
	)
	return attrs
}
