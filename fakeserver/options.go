package fakeserver

import (
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Default credentials, used when Options.Credentials is empty. They are
// documented test values, not secrets.
const (
	DefaultSecretID  = "AKIDEXAMPLE"
	DefaultSecretKey = "SECRETKEYEXAMPLE"
)

// Request size limits of Tencent Cloud API 3.0 (reference §6).
const (
	DefaultMaxTC3BodyBytes = 10 << 20 // TC3-signed POST body
	DefaultMaxV1BodyBytes  = 1 << 20  // v1-signed (HmacSHA1/HmacSHA256) POST body
	DefaultMaxQueryBytes   = 32 << 10 // GET query string
)

// DefaultMaxInFlightBodyBytes is Options.MaxInFlightBodyBytes when it is
// 0: the request body bytes the server reads at once, all requests
// together.
const DefaultMaxInFlightBodyBytes = 64 << 20

// DefaultMaxMessages is Options.MaxMessages when it is 0: 100,000 held
// messages of the usual size keep the whole server at some 60 MB of RSS
// (see Bounds in the package doc).
const DefaultMaxMessages = 100_000

// Options configure a Server. The zero value is a permissive server with the
// default credentials, the system clock and no log output.
type Options struct {
	// Addr is the TCP address Start listens on; "" means 127.0.0.1:0 (a free
	// loopback port).
	Addr string
	// Credentials maps SecretId to SecretKey. Empty means
	// {DefaultSecretID: DefaultSecretKey}.
	Credentials map[string]string
	// Strict makes the server insist, like the real service, that the
	// SmsSdkAppId, sign and template of a send are registered and approved.
	// The default (permissive) accepts any app, any sign and any unregistered
	// template, so a first test needs no setup. Registered templates and
	// signs are checked in both modes, and so is the SignName that mainland
	// numbers need.
	Strict bool
	// Clock drives the signature window, message and receipt times,
	// receipt delays, frequency windows and statistics. Nil means the
	// system clock, which SetTime, AdvanceTime or POST /_fake/clock replace
	// by a ManualClock.
	Clock Clock
	// MaxClockSkew is how far a request's signing time may lie from the
	// server clock: 0 means Tencent's 5 minutes (AuthFailure.SignatureExpire
	// beyond), a negative value turns the check off, which a test needs
	// when it moves a ManualClock far from the wall clock the SDK signs with.
	MaxClockSkew time.Duration
	// ReceiptDelay is how long, on the server clock, each accepted message
	// waits for its delivery receipt; 0 (the default) reports it at once.
	// Magic test numbers add their own delays (see the package doc).
	ReceiptDelay time.Duration
	// ReceiptCallbackURL, when set, receives delivery receipts as Tencent
	// pushes them: POST of a JSON array, several receipts per request when
	// several are due together, retried until acknowledged.
	ReceiptCallbackURL string
	// ReplyCallbackURL, when set, receives each injected reply as Tencent
	// pushes it: POST of one JSON object, retried until acknowledged.
	ReplyCallbackURL string
	// CallbackBackoff is the wait, on the wall clock, before the second
	// attempt of a failed push; it doubles for each later attempt, up to
	// 5 minutes (or CallbackBackoff itself, if longer). 0 means 1 second.
	CallbackBackoff time.Duration
	// CallbackMaxAttempts bounds the attempts of one push, after which it is
	// marked failed (Callbacks, GET /_fake/callbacks). 0 means 6.
	CallbackMaxAttempts int
	// CallbackConcurrency is how many pushes may be in flight at once, over
	// one pooled connection each; 0 means DefaultCallbackConcurrency (8).
	// Redirects are never followed and no proxy is used.
	CallbackConcurrency int
	// MaxBodyBytes, when positive, caps every request size limit: the TC3
	// POST body (default 10 MB), the v1 POST body (default 1 MB) and the GET
	// query (default 32 KB). A larger request is answered with
	// RequestSizeLimitExceeded.
	MaxBodyBytes int64
	// MaxInFlightBodyBytes caps the API request body bytes being received
	// at once, all requests together, so that slow clients cannot pin
	// memory: a request that would pass it (by its Content-Length, or by
	// the size limit when it has none) is answered RequestLimitExceeded
	// before its body is read. 0 means DefaultMaxInFlightBodyBytes (64 MB);
	// a negative value turns the cap off.
	MaxInFlightBodyBytes int64
	// Logger receives one record per request (action, result code, request
	// ID). It never receives secrets, signatures or message content. Nil
	// discards logs; Run sets a logger to its test's output unless
	// WithLogger says otherwise.
	Logger *slog.Logger
	// TemplateReview decides what happens to templates created through
	// AddSmsTemplate. The default, ReviewApprove, approves them at once.
	TemplateReview Review
	// Apps, Signs and Templates are registered when the server is created.
	Apps      []App
	Signs     []Sign
	Templates []Template
	// Limits are Tencent's per-number frequency limits and per-app quotas;
	// the zero value applies the documented defaults in strict mode only.
	Limits Limits
	// Faults are fault rules added when the server is created (see Fault).
	Faults []Fault
	// Chaos fails a seeded random fraction of calls; the zero value is off.
	Chaos Chaos
	// MaxMessages is how many accepted messages the server holds; past it
	// the oldest are evicted (Stats counts them). 0 means
	// DefaultMaxMessages; a negative value holds every message, so memory
	// grows with the traffic. Injected replies have the same cap.
	MaxMessages int
	// DuplicateWindow is how close identical messages must follow each
	// other to count as duplicates (see Duplicates): 0 means
	// DefaultDuplicateWindow (10 minutes), negative means any distance.
	DuplicateWindow time.Duration
	// WaitTimeout is how long WaitFor waits, on the wall clock, when its
	// context has no deadline: 0 means DefaultWaitTimeout, a negative value
	// waits for the context alone.
	WaitTimeout time.Duration
	// AdminToken, when set, protects the admin API: every /_fake/ endpoint
	// but healthz then needs "Authorization: Bearer <AdminToken>", or the
	// cookie a browser gets by visiting /_fake/?token=<AdminToken> once
	// (see the package doc). It may not contain spaces or control
	// characters. It is never logged.
	AdminToken string
	// AdminHosts are host names, besides IP addresses, localhost and
	// *.localhost, under which the admin API answers, for example the
	// name of the server's container in a Compose network ("fakeserver").
	// Requests naming any other Host are refused (403), so that a web page
	// cannot reach the admin API through DNS rebinding.
	AdminHosts []string
}

// DefaultWaitTimeout is how long WaitFor waits when its context has no
// deadline, unless Options.WaitTimeout says otherwise; GET
// /_fake/messages/wait waits as long without a timeout parameter.
const DefaultWaitTimeout = defaultWaitTimeout

// WithWaitTimeout sets Options.WaitTimeout.
func WithWaitTimeout(d time.Duration) Option { return func(o *Options) { o.WaitTimeout = d } }

// Review is the outcome the fake's review desk gives a new template.
type Review int

const (
	// ReviewApprove approves new templates immediately (StatusCode 0).
	ReviewApprove Review = iota
	// ReviewHold leaves new templates under review (StatusCode 1) until they
	// are approved or rejected through Server or the admin API.
	ReviewHold
	// ReviewReject rejects new templates (StatusCode -1) with a ReviewReply.
	ReviewReject
)

// Status codes of templates and signs, as DescribeSmsTemplateList reports them.
const (
	StatusApproved    = 0  // approved and effective; the only usable state
	StatusUnderReview = 1  // submitted, not yet reviewed
	StatusRejected    = -1 // review failed; ReviewReply says why
)

// App is an SMS application (SmsSdkAppId).
type App struct {
	// ID is the SmsSdkAppId, for example "1400006666".
	ID string `json:"id"`
	// Name is a label shown in the admin UI.
	Name string `json:"name,omitempty"`
}

// Sign is a registered SMS signature.
type Sign struct {
	// Name is the signature text sent as SignName, for example "Notifier".
	Name string `json:"name"`
	// International marks a signature for international/HK/Macau/Taiwan SMS.
	International bool `json:"international,omitempty"`
	// Status is StatusApproved (the default), StatusUnderReview or StatusRejected.
	Status int `json:"status,omitempty"`
}

// Template is a registered message template.
type Template struct {
	// ID is the decimal template ID, for example "100001".
	ID string `json:"id"`
	// Name is the template's name.
	Name string `json:"name,omitempty"`
	// Content is the template text with placeholders {1}, {2}, ...
	Content string `json:"content"`
	// International marks an international/HK/Macau/Taiwan template.
	International bool `json:"international,omitempty"`
	// SmsType is 1 marketing, 2 notification (the default when 0) or 3 OTP.
	SmsType int `json:"smsType,omitempty"`
	// Status is StatusApproved (the default), StatusUnderReview or StatusRejected.
	Status int `json:"status,omitempty"`
	// ReviewReply is the reviewer's reason, shown for rejected templates.
	ReviewReply string `json:"reviewReply,omitempty"`
	// Created is when the template was submitted; zero means "now".
	Created time.Time `json:"created,omitzero"`
}

// Option changes Options; Run takes them.
type Option func(*Options)

// WithStrict selects strict mode (see Options.Strict).
func WithStrict() Option { return func(o *Options) { o.Strict = true } }

// WithCredential adds a SecretId/SecretKey pair. Once any credential is
// added the default pair is no longer accepted.
func WithCredential(secretID, secretKey string) Option {
	return func(o *Options) {
		if o.Credentials == nil {
			o.Credentials = map[string]string{}
		}
		o.Credentials[secretID] = secretKey
	}
}

// WithClock sets the server's clock.
func WithClock(c Clock) Option { return func(o *Options) { o.Clock = c } }

// WithMaxClockSkew sets Options.MaxClockSkew; -1 turns the signature
// time check off.
func WithMaxClockSkew(d time.Duration) Option { return func(o *Options) { o.MaxClockSkew = d } }

// WithReceiptDelay sets Options.ReceiptDelay.
func WithReceiptDelay(d time.Duration) Option { return func(o *Options) { o.ReceiptDelay = d } }

// WithReceiptCallback sets Options.ReceiptCallbackURL.
func WithReceiptCallback(url string) Option { return func(o *Options) { o.ReceiptCallbackURL = url } }

// WithReplyCallback sets Options.ReplyCallbackURL.
func WithReplyCallback(url string) Option { return func(o *Options) { o.ReplyCallbackURL = url } }

// WithCallbackRetry sets the first retry wait and the attempt bound of
// callback pushes (Options.CallbackBackoff, Options.CallbackMaxAttempts).
func WithCallbackRetry(backoff time.Duration, maxAttempts int) Option {
	return func(o *Options) { o.CallbackBackoff, o.CallbackMaxAttempts = backoff, maxAttempts }
}

// WithLogger sets the server's logger; nil discards the log, which Run
// otherwise writes to its test's output.
func WithLogger(l *slog.Logger) Option { return func(o *Options) { o.Logger = l } }

// WithTemplateReview sets how AddSmsTemplate's templates are reviewed.
func WithTemplateReview(r Review) Option { return func(o *Options) { o.TemplateReview = r } }

// WithApps registers applications.
func WithApps(apps ...App) Option { return func(o *Options) { o.Apps = append(o.Apps, apps...) } }

// WithSigns registers signatures.
func WithSigns(signs ...Sign) Option { return func(o *Options) { o.Signs = append(o.Signs, signs...) } }

// WithTemplates registers templates.
func WithTemplates(ts ...Template) Option {
	return func(o *Options) { o.Templates = append(o.Templates, ts...) }
}

// WithMaxMessages sets Options.MaxMessages.
func WithMaxMessages(n int) Option { return func(o *Options) { o.MaxMessages = n } }

// WithMaxInFlightBodyBytes sets Options.MaxInFlightBodyBytes.
func WithMaxInFlightBodyBytes(n int64) Option { return func(o *Options) { o.MaxInFlightBodyBytes = n } }

// WithAdminToken sets Options.AdminToken.
func WithAdminToken(token string) Option { return func(o *Options) { o.AdminToken = token } }

// WithAdminHosts adds names to Options.AdminHosts.
func WithAdminHosts(hosts ...string) Option {
	return func(o *Options) { o.AdminHosts = append(o.AdminHosts, hosts...) }
}

// WithOptions replaces the whole Options value, keeping nothing set before
// it, Run's logger to the test included: set opts.Logger to keep a log.
func WithOptions(opts Options) Option { return func(o *Options) { *o = opts } }

func validStatus(s int) bool {
	return s == StatusApproved || s == StatusUnderReview || s == StatusRejected
}

func (t Template) validate() error {
	if _, err := strconv.ParseUint(t.ID, 10, 64); err != nil {
		return fmt.Errorf("fakeserver: template ID %q is not a decimal number", t.ID)
	}
	if !validStatus(t.Status) {
		return fmt.Errorf("fakeserver: template %s: status %d is not 0, 1 or -1", t.ID, t.Status)
	}
	if t.SmsType < 0 || t.SmsType > 3 {
		return fmt.Errorf("fakeserver: template %s: SmsType %d is not 1, 2 or 3", t.ID, t.SmsType)
	}
	if len(t.ID) > actions.MaxIDBytes {
		return fmt.Errorf("fakeserver: template ID has more than %d bytes", actions.MaxIDBytes)
	}
	if n := tcsms.Chars(t.Content); n > tcsms.MaxTemplateChars {
		return fmt.Errorf("fakeserver: template %s: content has %d characters; Tencent allows at most %d", t.ID, n, tcsms.MaxTemplateChars)
	}
	if tcsms.Chars(t.Name) > actions.MaxTemplateNameChars || tcsms.Chars(t.ReviewReply) > maxReviewReplyChars {
		return fmt.Errorf("fakeserver: template %s: the name may have at most %d characters and the review reply %d",
			t.ID, actions.MaxTemplateNameChars, maxReviewReplyChars)
	}
	return nil
}

// maxReviewReplyChars bounds a ReviewReply given to the server, so that the
// catalog's size stays bounded.
const maxReviewReplyChars = 500

func (s Sign) validate() error {
	if s.Name == "" {
		return fmt.Errorf("fakeserver: sign has no name")
	}
	if len(s.Name) > actions.MaxIDBytes {
		return fmt.Errorf("fakeserver: sign name has more than %d bytes", actions.MaxIDBytes)
	}
	if !validStatus(s.Status) {
		return fmt.Errorf("fakeserver: sign %q: status %d is not 0, 1 or -1", s.Name, s.Status)
	}
	return nil
}

func (a App) validate() error {
	if a.ID == "" {
		return fmt.Errorf("fakeserver: app has no ID")
	}
	if len(a.ID) > actions.MaxIDBytes || tcsms.Chars(a.Name) > actions.MaxTemplateNameChars {
		return fmt.Errorf("fakeserver: an app ID may have at most %d bytes and its name %d characters",
			actions.MaxIDBytes, actions.MaxTemplateNameChars)
	}
	return nil
}
