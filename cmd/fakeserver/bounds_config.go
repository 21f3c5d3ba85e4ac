package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/notifykit/notifier/fakeserver"
)

// boundsConfig is the retention, body and admin protection configuration
// from flags and environment; set values override the config file.
type boundsConfig struct {
	maxMessages    int
	maxMessagesSet bool
	inFlight       int64
	inFlightSet    bool
	adminToken     string
	adminHosts     []string
}

// fileBounds are the bounds and admin keys of the -config JSON.
type fileBounds struct {
	MaxMessages          int      `json:"maxMessages"`
	MaxInFlightBodyBytes int64    `json:"maxInFlightBodyBytes"`
	AdminToken           string   `json:"adminToken"`
	AdminHosts           []string `json:"adminHosts"`
}

// register adds the flags to fs.
func (b *boundsConfig) register(fs *flag.FlagSet) {
	fs.Func("max-messages", "hold at most `N` accepted messages, evicting the oldest (default 100000; negative: no cap) [FAKESERVER_MAX_MESSAGES]", func(v string) error {
		n, err := strconv.Atoi(v)
		b.maxMessages, b.maxMessagesSet = n, true
		return err
	})
	fs.Func("max-inflight-body", "receive at most `SIZE` of API request bodies at once, all requests together, e.g. 64M (default 64M; negative: no cap) [FAKESERVER_MAX_INFLIGHT_BODY]", func(v string) error {
		n, err := parseSize(v)
		b.inFlight, b.inFlightSet = n, true
		return err
	})
	fs.Func("admin-token", "require `TOKEN` for the admin API under /_fake/ (healthz aside): Authorization: Bearer TOKEN, or visit /_fake/?token=TOKEN once in a browser; prefer the environment variable, which ps does not show [FAKESERVER_ADMIN_TOKEN]", func(v string) error {
		b.adminToken = v // checked by fakeserver.New, which never echoes it
		return nil
	})
	fs.Func("admin-hosts", "also answer admin requests for the host `NAMES` (comma-separated), e.g. the container's name in a Compose network; IP addresses and localhost always work [FAKESERVER_ADMIN_HOSTS]", func(v string) error {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				b.adminHosts = append(b.adminHosts, h)
			}
		}
		return nil
	})
}

// applyFile sets the options of the config file.
func (fb *fileBounds) applyFile(opts *fakeserver.Options) {
	opts.MaxMessages, opts.MaxInFlightBodyBytes = fb.MaxMessages, fb.MaxInFlightBodyBytes
	opts.AdminToken, opts.AdminHosts = fb.AdminToken, fb.AdminHosts
}

// apply sets the options given by flags or environment, which override
// the config file's; admin hosts add to the file's.
func (b *boundsConfig) apply(opts *fakeserver.Options) {
	if b.maxMessagesSet {
		opts.MaxMessages = b.maxMessages
	}
	if b.inFlightSet {
		opts.MaxInFlightBodyBytes = b.inFlight
	}
	if b.adminToken != "" {
		opts.AdminToken = b.adminToken
	}
	opts.AdminHosts = append(opts.AdminHosts, b.adminHosts...)
}

// parseSize reads a byte count with an optional K, M or G suffix (powers
// of 1024), such as "64M".
func parseSize(v string) (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > (1<<62)/mult || n < -(1<<62)/mult {
		return 0, fmt.Errorf("%q is not a size such as 65536, 512K or 64M", v)
	}
	return n * mult, nil
}
