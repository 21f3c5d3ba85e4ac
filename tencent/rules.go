package tencent

import (
	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Rules returns what a Client with the default Config accepts, as
// notifier.Rules, for stand-ins that must refuse what the adapter refuses:
//
//	sms := fake.New(fake.WithRules(tencent.Rules()), fake.WithTemplate("100001", "Your code is {1}."))
//
// They are Tencent's rules (templates only, approved templates only, a
// template per market, a SignName for mainland China, SenderId for
// international numbers, SessionContext up to 511 bytes, Tencent's number
// parsing) and the adapter's batch limit, DefaultMaxRecipients. The
// differential suite (notifiertest.Diff) checks that the fake with these
// rules and this adapter against the fake server agree. Config.Rules gives
// the rules of a Client with a given Config.
func Rules() notifier.Rules { return Config{}.Rules() }

// Rules returns what a Client made with cfg accepts: Rules with cfg's
// MaxRecipients (DefaultMaxRecipients when zero) and with cfg.SignName as
// DefaultSign, since the Client sends it when Message.Sign is empty.
func (cfg Config) Rules() notifier.Rules {
	r := tcsms.Rules()
	r.MaxRecipients = DefaultMaxRecipients
	if cfg.MaxRecipients > 0 {
		r.MaxRecipients = cfg.MaxRecipients
	}
	r.DefaultSign = cfg.SignName
	return r
}
