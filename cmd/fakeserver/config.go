package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// config is the command line merged with the environment.
type config struct {
	addr        string
	credentials []string // ID:KEY
	strict      bool
	configFile  string
	review      string
	logLevel    slog.Level
	callbacks   callbackConfig
	bounds      boundsConfig
	chaosSeed   uint64
	chaosRate   float64
	chaosSet    bool // -chaos-seed or -chaos-rate given
	maxLifetime time.Duration
	lifetimeSet bool // -max-lifetime or FAKESERVER_MAX_LIFETIME given
	version     bool // -version: print the version and exit
}

// fileConfig is the JSON seed read by -config.
type fileConfig struct {
	fileCallbacks // receiptCallbackUrl, replyCallbackUrl, receiptDelay
	fileBounds    // maxMessages, maxInFlightBodyBytes, adminToken, adminHosts

	// Credentials maps SecretId to SecretKey.
	Credentials map[string]string     `json:"credentials"`
	Strict      bool                  `json:"strict"`
	Apps        []fakeserver.App      `json:"apps"`
	Signs       []fakeserver.Sign     `json:"signs"`
	Templates   []fakeserver.Template `json:"templates"`
	Limits      fakeserver.Limits     `json:"limits"`
	Faults      []fakeserver.Fault    `json:"faults"`
	Chaos       fakeserver.Chaos      `json:"chaos"`
	// MaxLifetime is -max-lifetime, a duration string such as "2h".
	MaxLifetime fileDuration `json:"maxLifetime"`
}

const usageHead = `Usage: fakeserver [flags]

Runs a fake Tencent Cloud SMS API (sms.tencentcloudapi.com, versions 2021-01-11 and 2019-07-11)
for tests. Point the official SDK at it with HttpProfile.Endpoint = <addr> and
HttpProfile.Scheme = "http". Every flag can also be set through the environment
variable named in brackets; a flag given on the command line wins.

Flags:
`

const usageTail = `
Config file (-config), JSON; every key optional:

  {
    "credentials": {"AKIDEXAMPLE": "SECRETKEYEXAMPLE"},
    "strict": false,
    "apps":      [{"id": "1400006666", "name": "demo"}],
    "signs":     [{"name": "Notifier", "international": false, "status": 0}],
    "templates": [{"id": "100001", "content": "Your code is {1}", "international": false, "status": 0}],
    "receiptCallbackUrl": "http://app:9000/sms/receipts",
    "replyCallbackUrl":   "http://app:9000/sms/replies",
    "receiptDelay":       "5s",
    "limits":    {"enforce": "on", "sameContent30s": 1, "perHour": 0, "perDay": 10, "appPerDay": 0},
    "faults":    [{"action": "SendSms", "number": "+8613800000001", "code": "LimitExceeded.PhoneNumberDailyLimit"},
                  {"action": "SendSms", "http": "reset", "phase": "after", "nth": 3}],
    "chaos":     {"seed": 42, "rate": 0.05},
    "maxLifetime": "2h",
    "maxMessages": 100000,
    "maxInFlightBodyBytes": 67108864,
    "adminToken": "...",
    "adminHosts": ["fakeserver"]
  }

  status: 0 approved, 1 under review, -1 rejected. limits.enforce: "" (strict
  mode only), "on" or "off"; a zero limit is Tencent's default, a negative one
  off. Fault action: an API action (SendSms, ...); code: a Tencent error code;
  http: reset, status, truncate, malformed or hang; phase: before or after;
  latency: a Go duration. An unknown value stops the server with the valid
  ones. -chaos-seed and -chaos-rate override chaos, -max-lifetime overrides
  maxLifetime. Credentials from the file,
  FAKESERVER_CREDENTIALS and -credential are all accepted together. With none,
  SecretId AKIDEXAMPLE / SecretKey SECRETKEYEXAMPLE are used and printed.

Admin API (JSON) under /_fake/. Requests that change state need
Content-Type: application/json (415); requests whose Host is not an IP
address, localhost or an -admin-hosts name, or whose Origin is another site,
are refused (403). With -admin-token, every endpoint but healthz needs
"Authorization: Bearer TOKEN" (401); a browser visits /_fake/?token=TOKEN once.

  GET    /_fake/healthz                    readiness: {"status":"ok"}
  GET    /_fake/                           the inbox: open it in a browser (so does GET /)
  GET    /_fake/messages                   a page of held messages; filters number, template, tag, app,
                                           text, since, until; limit, order, after, before
  GET    /_fake/messages/wait              long-poll: same filters, count (1), timeout (10s); 408 on timeout
  GET    /_fake/messages/{serialNo}        one message, its billed segments and its redacted request
  DELETE /_fake/messages/{serialNo}        forget one message
  DELETE /_fake/messages                   forget messages, receipts, replies and statistics
  GET    /_fake/events                     Server-Sent Events: new messages (same filters), changes
  GET    /_fake/conversations/{number}     messages to a number and its replies, in time order
  GET    /_fake/stats                      held, evicted and retention counts
  POST   /_fake/apps | signs | templates   register one object or an array
  GET    /_fake/templates | signs          registered templates or signs
  POST   /_fake/templates/{id}/approve     approve a template
  POST   /_fake/templates/{id}/reject      reject it; body {"reviewReply":"..."} optional
  GET    /_fake/faults                     active fault rules
  POST   /_fake/faults                     add one rule (fields as in the config file) -> {"id":N}
  PUT    /_fake/faults                     replace all rules: {"faults":[...]}
  DELETE /_fake/faults[/{id}]              remove all rules, or one
  POST   /_fake/signs/{name}/approve       approve a sign
  POST   /_fake/signs/{name}/reject        reject it; body {"reviewReply":"..."} optional
  GET    /_fake/callbacks                  receipt and reply pushes: status, attempts, lastError;
                                           filters status (pending, delivered, failed) and kind
  DELETE /_fake/callbacks                  forget delivered and failed pushes
  POST   /_fake/replies                    inject a reply {"number","text","sign","extendCode","app","time"}
  GET    /_fake/replies                    injected replies
  GET    /_fake/clock                      {"now","manual"}
  POST   /_fake/clock                      {"set":"2026-05-01T12:00:00Z"} or {"advance":"90s"}; the
                                           system clock becomes a manual clock starting now
  GET|PUT /_fake/chaos                     random failures {"seed","rate","actions","effects"}
  GET    /_fake/duplicates                 identical messages to one number within 10 minutes

The server shuts down gracefully on SIGINT and SIGTERM: long polls are answered
503 and it exits 0 at once; a second signal stops it immediately.
`

// envFlags names the environment variable behind each flag. parseConfig
// passes a set variable to the flag itself before it parses the command
// line, so each value is parsed in one place, whichever source it comes
// from, and a flag on the command line wins.
var envFlags = []struct {
	env, flag string
	list      bool // comma-separated, one flag value per item
}{
	{"FAKESERVER_ADDR", "addr", false},
	{"FAKESERVER_CREDENTIALS", "credential", true},
	{"FAKESERVER_STRICT", "strict", false},
	{"FAKESERVER_CONFIG", "config", false},
	{"FAKESERVER_TEMPLATE_REVIEW", "template-review", false},
	{"FAKESERVER_CHAOS_SEED", "chaos-seed", false},
	{"FAKESERVER_CHAOS_RATE", "chaos-rate", false},
	{"FAKESERVER_LOG_LEVEL", "log-level", false},
	{"FAKESERVER_RECEIPT_CALLBACK_URL", "receipt-callback", false},
	{"FAKESERVER_REPLY_CALLBACK_URL", "reply-callback", false},
	{"FAKESERVER_RECEIPT_DELAY", "receipt-delay", false},
	{"FAKESERVER_MAX_LIFETIME", "max-lifetime", false},
	{"FAKESERVER_MAX_MESSAGES", "max-messages", false},
	{"FAKESERVER_MAX_INFLIGHT_BODY", "max-inflight-body", false},
	{"FAKESERVER_ADMIN_TOKEN", "admin-token", false},
	{"FAKESERVER_ADMIN_HOSTS", "admin-hosts", false},
}

func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (*config, error) {
	c := &config{}
	var level string
	fs := flag.NewFlagSet("fakeserver", flag.ContinueOnError)
	// The flag package would print a bad flag's error followed by the whole
	// usage, some 90 lines; the error comes back as one line instead (main
	// prints it), and the usage is printed for -h only.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen `address` [FAKESERVER_ADDR]; use 0.0.0.0:8080 in a container")
	fs.Func("credential", "accept SecretId:SecretKey `ID:KEY`; repeatable [FAKESERVER_CREDENTIALS, comma-separated]", func(v string) error {
		c.credentials = append(c.credentials, v) // checked by options, which never echoes it
		return nil
	})
	fs.BoolVar(&c.strict, "strict", false, "require registered, approved apps, signs and templates [FAKESERVER_STRICT]")
	fs.StringVar(&c.configFile, "config", "", "JSON seed `file` of credentials, apps, signs and templates [FAKESERVER_CONFIG]")
	fs.StringVar(&c.review, "template-review", "approve", "outcome for AddSmsTemplate: approve, hold or reject [FAKESERVER_TEMPLATE_REVIEW]")
	fs.Func("chaos-seed", "seed of random failures `N` [FAKESERVER_CHAOS_SEED]", func(v string) error {
		n, err := strconv.ParseUint(v, 10, 64)
		c.chaosSeed, c.chaosSet = n, true
		return err
	})
	fs.Func("chaos-rate", "fraction `R` (0-1) of calls that fail at random; 0 off [FAKESERVER_CHAOS_RATE]", func(v string) error {
		r, err := strconv.ParseFloat(v, 64)
		c.chaosRate, c.chaosSet = r, true
		return err
	})
	fs.StringVar(&level, "log-level", "info", "log `level`: debug, info, warn or error [FAKESERVER_LOG_LEVEL]")
	c.callbacks.register(fs)
	c.bounds.register(fs)
	fs.Func("max-lifetime", "serve for at most `duration`, e.g. 2h, then shut down and exit 0; 0 or unset: no limit [FAKESERVER_MAX_LIFETIME]", func(v string) error {
		d, err := time.ParseDuration(v)
		if err == nil && d < 0 {
			err = errors.New("negative duration")
		}
		c.maxLifetime, c.lifetimeSet = d, true
		return err
	})
	fs.BoolVar(&c.version, "version", false, "print the version and VCS revision, then exit")
	for _, e := range envFlags {
		v := getenv(e.env)
		if v == "" {
			continue
		}
		vals := []string{v}
		if e.list {
			vals = strings.Split(v, ",")
		}
		for _, v := range vals {
			if e.list {
				if v = strings.TrimSpace(v); v == "" {
					continue
				}
			}
			if err := fs.Set(e.flag, v); err != nil {
				return nil, fmt.Errorf("%s=%q: %w", e.env, v, err)
			}
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stderr, fs)
			return nil, err
		}
		return nil, fmt.Errorf("%w (-h for help)", err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q (-h for help)", fs.Args())
	}
	if err := c.logLevel.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: use debug, info, warn or error", level)
	}
	return c, nil
}

// printUsage writes the -h text to w.
func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, usageHead)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, usageTail)
}

// options builds fakeserver.Options; defaultCreds reports that no
// credential was configured, so the documented defaults apply. It also
// takes maxLifetime from the config file unless a flag or the environment
// set it.
func (c *config) options() (opts fakeserver.Options, defaultCreds bool, err error) {
	opts.Addr = c.addr
	opts.Strict = c.strict
	opts.Credentials = map[string]string{}
	switch c.review {
	case "approve":
		opts.TemplateReview = fakeserver.ReviewApprove
	case "hold":
		opts.TemplateReview = fakeserver.ReviewHold
	case "reject":
		opts.TemplateReview = fakeserver.ReviewReject
	default:
		return opts, false, fmt.Errorf("template review %q: use approve, hold or reject", c.review)
	}
	if c.configFile != "" {
		fc, err := readFileConfig(c.configFile)
		if err != nil {
			return opts, false, err
		}
		fc.apply(&opts)
		if !c.lifetimeSet {
			if fc.MaxLifetime < 0 {
				return opts, false, fmt.Errorf("config %s: maxLifetime %v is negative", c.configFile, time.Duration(fc.MaxLifetime))
			}
			c.maxLifetime = time.Duration(fc.MaxLifetime)
		}
	}
	if c.chaosSet {
		opts.Chaos.Seed, opts.Chaos.Rate = c.chaosSeed, c.chaosRate
	}
	c.callbacks.apply(&opts)
	c.bounds.apply(&opts)
	for _, cred := range c.credentials {
		id, key, ok := strings.Cut(cred, ":")
		if !ok || id == "" || key == "" {
			// Never echo the value: it may hold a real key.
			return opts, false, errors.New("a credential is not in ID:KEY form")
		}
		opts.Credentials[id] = key
	}
	if len(opts.Credentials) == 0 {
		opts.Credentials[fakeserver.DefaultSecretID] = fakeserver.DefaultSecretKey
		defaultCreds = true
	}
	return opts, defaultCreds, nil
}

// apply sets the options the config file gives.
func (fc *fileConfig) apply(opts *fakeserver.Options) {
	if opts.Credentials == nil {
		opts.Credentials = map[string]string{}
	}
	for id, key := range fc.Credentials {
		opts.Credentials[id] = key
	}
	opts.Strict = opts.Strict || fc.Strict
	opts.Apps, opts.Signs, opts.Templates = fc.Apps, fc.Signs, fc.Templates
	fc.fileCallbacks.applyFile(opts)
	fc.fileBounds.applyFile(opts)
	opts.Limits, opts.Faults, opts.Chaos = fc.Limits, fc.Faults, fc.Chaos
}

func readFileConfig(path string) (*fileConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parseFileConfig(path, b)
}

// parseFileConfig decodes a -config file named path: one JSON object whose
// keys are all known. Its errors say where, as path:line:column, when they
// can.
func parseFileConfig(path string, b []byte) (*fileConfig, error) {
	var fc fileConfig
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return nil, jsonError(path, b, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("config %s: unexpected data after the JSON object", position(path, b, dec.InputOffset()))
	}
	return &fc, nil
}

// jsonError says where in the config file data, named path, decoding
// failed, as path:line:column, when encoding/json tells the position
// (syntax errors, a value of the wrong type, a file that ends early).
// Other errors name the field instead ("unknown field", a bad duration).
func jsonError(path string, data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the bytes read, the offending one included.
		return fmt.Errorf("config %s: %w", position(path, data, syntax.Offset-1), err)
	case errors.As(err, &typ):
		return fmt.Errorf("config %s: %w", position(path, data, typ.Offset-1), err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("config %s: the file ends inside a JSON value (an unclosed '{', '[' or string): %w",
			position(path, data, int64(len(data))), err)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("config %s: the file is empty; want a JSON object", path)
	}
	return fmt.Errorf("config %s: %w", path, err)
}

// position returns "path:line:column" of the byte at offset in data, lines
// and columns counted from 1 and columns in bytes, as compilers print them.
func position(path string, data []byte, offset int64) string {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("%s:%d:%d", path, line, col)
}
