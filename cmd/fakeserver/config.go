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
}

const usageHead = `Usage: fakeserver [flags]

Runs a fake Tencent Cloud SMS API (sms.tencentcloudapi.com, version 2021-01-11)
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
    "maxMessages": 100000,
    "maxInFlightBodyBytes": 67108864,
    "adminToken": "...",
    "adminHosts": ["fakeserver"]
  }

  status: 0 approved, 1 under review, -1 rejected. limits.enforce: "" (strict
  mode only), "on" or "off"; a zero limit is Tencent's default, a negative one
  off. Fault http: reset, status, truncate, malformed or hang; phase: before
  or after; latency: a Go duration. -chaos-seed and -chaos-rate override chaos. Credentials from the file,
  FAKESERVER_CREDENTIALS and -credential are all accepted together. With none,
  SecretId AKIDEXAMPLE / SecretKey SECRETKEYEXAMPLE are used and printed.

Admin API (JSON) under /_fake/. Requests that change state need
Content-Type: application/json (415); requests whose Host is not an IP
address, localhost or an -admin-hosts name, or whose Origin is another site,
are refused (403). With -admin-token, every endpoint but healthz needs
"Authorization: Bearer TOKEN" (401); a browser visits /_fake/?token=TOKEN once.

  GET    /_fake/healthz                    readiness: {"status":"ok"}
  GET    /_fake/                           HTML page of held messages
  GET    /_fake/messages                   one page of held messages: filters number, template, tag,
                                           app, text, since, until; limit (100), order (asc, desc),
                                           after/before (the previous page's next) -> total, next
  GET    /_fake/stats                      held, evicted and maxMessages; replies, templates, signs
  GET    /_fake/messages/wait              long-poll: same filters, count (1), timeout (10s); 408 on timeout
  DELETE /_fake/messages                   forget messages, receipts and statistics
  POST   /_fake/apps | signs | templates   register one object or an array
  GET    /_fake/templates                  registered templates
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
	{"FAKESERVER_MAX_MESSAGES", "max-messages", false},
	{"FAKESERVER_MAX_INFLIGHT_BODY", "max-inflight-body", false},
	{"FAKESERVER_ADMIN_TOKEN", "admin-token", false},
	{"FAKESERVER_ADMIN_HOSTS", "admin-hosts", false},
}

func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (*config, error) {
	c := &config{}
	var level string
	fs := flag.NewFlagSet("fakeserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usageHead)
		fs.PrintDefaults()
		fmt.Fprint(stderr, usageTail)
	}
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
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q; see -h", fs.Args())
	}
	if err := c.logLevel.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: use debug, info, warn or error", level)
	}
	return c, nil
}

// options builds fakeserver.Options; defaultCreds reports that no
// credential was configured, so the documented defaults apply.
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
	fc, err := parseFileConfig(b)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return fc, nil
}

// parseFileConfig decodes a -config file: one JSON object whose keys are
// all known.
func parseFileConfig(b []byte) (*fileConfig, error) {
	var fc fileConfig
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON object")
	}
	return &fc, nil
}
