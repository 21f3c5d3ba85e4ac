package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// callbackConfig is the receipt and reply callback configuration from
// flags and environment; set values override the config file.
type callbackConfig struct {
	receiptURL, replyURL string
	receiptDelay         time.Duration
	delaySet             bool // -receipt-delay or FAKESERVER_RECEIPT_DELAY given
}

// fileCallbacks are the callback keys of the -config JSON.
type fileCallbacks struct {
	ReceiptCallbackURL string       `json:"receiptCallbackUrl"`
	ReplyCallbackURL   string       `json:"replyCallbackUrl"`
	ReceiptDelay       fileDuration `json:"receiptDelay"`
}

// fileDuration is a Go duration string in JSON, such as "90s".
type fileDuration time.Duration

func (d *fileDuration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf(`a duration must be a string such as "90s"`)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = fileDuration(v)
	return nil
}

// register adds the callback flags to fs.
func (cb *callbackConfig) register(fs *flag.FlagSet) {
	fs.StringVar(&cb.receiptURL, "receipt-callback", "",
		"POST delivery receipts as Tencent's callback JSON to `URL`, retried until it answers {\"result\":0} [FAKESERVER_RECEIPT_CALLBACK_URL]")
	fs.StringVar(&cb.replyURL, "reply-callback", "",
		"POST injected replies as Tencent's callback JSON to `URL` [FAKESERVER_REPLY_CALLBACK_URL]")
	fs.Func("receipt-delay", "server-clock `duration` before each receipt is reported, e.g. 5s (default 0) [FAKESERVER_RECEIPT_DELAY]", func(v string) error {
		d, err := time.ParseDuration(v)
		cb.receiptDelay, cb.delaySet = d, true
		return err
	})
}

// applyFile sets the callback options of the config file.
func (fc *fileCallbacks) applyFile(opts *fakeserver.Options) {
	opts.ReceiptCallbackURL, opts.ReplyCallbackURL = fc.ReceiptCallbackURL, fc.ReplyCallbackURL
	opts.ReceiptDelay = time.Duration(fc.ReceiptDelay)
}

// apply sets the callback options given by flags or environment, which
// override the config file's.
func (cb *callbackConfig) apply(opts *fakeserver.Options) {
	if cb.receiptURL != "" {
		opts.ReceiptCallbackURL = cb.receiptURL
	}
	if cb.replyURL != "" {
		opts.ReplyCallbackURL = cb.replyURL
	}
	if cb.delaySet {
		opts.ReceiptDelay = cb.receiptDelay
	}
}
