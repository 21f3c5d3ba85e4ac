package fake

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/notifykit/notifier"
)

// check is what Send works out once per message to decide each
// recipient: the registered template, the sign, and the shared errors of
// the request rules, made on first use. It lives on Send's stack.
type check struct {
	f        *Fake
	template string    // Message.Template
	params   []string  // Message.Params
	body     string    // Message.Body
	tmpl     *template // the registered template; nil for a Body or an unknown one
	sign     string    // Message.Sign, or the rules' DefaultSign

	unknown   bool // the template must be known and is not
	longParam int  // index of the first param over MaxParamRunes, or -1

	rendered string // text(), once textDone
	textDone bool
	runes    int  // the text's length in characters, once measured
	ascii    bool // the text is all ASCII, once measured
	measured bool

	// Shared request-level errors, made on first use.
	unknownErr, signErr error
	marketErr           [2]error // [0] domestic number, [1] international number
}

// newCheck prepares the checks of m. f.mu is held.
func (f *Fake) newCheck(m *notifier.Message) check {
	c := check{f: f, template: m.Template, params: m.Params, body: m.Body, sign: m.Sign, longParam: -1}
	if c.sign == "" {
		c.sign = f.rules.DefaultSign
	}
	if m.Template != "" {
		c.tmpl = f.templates[m.Template]
		c.unknown = c.tmpl == nil && (f.rules.KnownTemplates || len(f.templates) > 0)
	}
	if max := f.rules.MaxParamRunes; max > 0 {
		for i, p := range m.Params {
			if utf8.RuneCountInString(p) > max {
				c.longParam = i
				break
			}
		}
	}
	return c
}

// refuse returns why number does not get the message, or nil; see Send
// for the order of the checks. syntax asks for the E.164 check, which
// Message.Validate has already passed when it found no bad number.
func (c *check) refuse(number string, syntax bool) error {
	r := &c.f.rules
	if syntax {
		if err := notifier.CheckNumber(number); err != nil {
			return err
		}
	}
	if r.CheckNumber != nil {
		if err := r.CheckNumber(number); err != nil {
			return recipientError(err, number)
		}
	}
	if c.unknown {
		if c.unknownErr == nil {
			c.unknownErr = invalidMessage("template " + strconv.Quote(c.template) + " is not registered" + c.f.registerHint())
		}
		return c.unknownErr
	}
	if c.tmpl != nil && len(r.Domestic) > 0 {
		domestic := r.IsDomestic(number)
		if c.tmpl.international == domestic {
			return c.marketError(domestic)
		}
	}
	if c.sign == "" && r.NeedsSign(number) {
		if c.signErr == nil {
			c.signErr = invalidMessage(providerName(r) + " requires a sign for " + prefixOf(number, r.SignRequired) +
				" numbers; the message has none (set Message.Sign, or Rules.DefaultSign for the adapter's default)")
		}
		return c.signErr
	}
	if c.tmpl != nil && len(c.params) != c.tmpl.params {
		return &notifier.Error{Kind: notifier.ErrInvalidMessage, Recipient: number,
			Message: "fake: template " + strconv.Quote(c.template) + " takes " + count(c.tmpl.params, "parameter") +
				", the message has " + strconv.Itoa(len(c.params))}
	}
	if c.longParam >= 0 {
		return &notifier.Error{Kind: notifier.ErrInvalidMessage, Recipient: number,
			Message: "fake: template parameter " + strconv.Itoa(c.longParam+1) + " is " +
				count(utf8.RuneCountInString(c.params[c.longParam]), "character") + " long; " +
				providerName(r) + " takes at most " + strconv.Itoa(r.MaxParamRunes)}
	}
	if n := c.textTooLong(); n > 0 {
		return &notifier.Error{Kind: notifier.ErrInvalidMessage, Recipient: number,
			Message: "fake: the text is " + count(n, "character") + " long, its sign included; " +
				providerName(r) + " sends at most " + strconv.Itoa(r.MaxTextRunes)}
	}
	return nil
}

// textTooLong returns the text's length in characters when the rules'
// MaxTextRunes is set and the text is longer, else 0.
func (c *check) textTooLong() int {
	if max := c.f.rules.MaxTextRunes; max > 0 {
		if n, _ := c.measure(); n > max {
			return n
		}
	}
	return 0
}

// measure returns the text's length in characters and whether it is all
// ASCII, working them out once for the message.
func (c *check) measure() (runes int, ascii bool) {
	if !c.measured {
		c.runes, c.ascii = measure(c.text())
		c.measured = true
	}
	return c.runes, c.ascii
}

// segments is how many segments each recipient is billed for the text.
func (c *check) segments() int {
	return segmentCount(c.measure())
}

// marketError is the shared error of the numbers of one market that the
// message's template does not serve.
func (c *check) marketError(domestic bool) error {
	i, kind, numbers := 0, "an international", "domestic"
	if !domestic {
		i, kind, numbers = 1, "a domestic", "international"
	}
	if c.marketErr[i] == nil {
		c.marketErr[i] = unsupported("template " + strconv.Quote(c.template) + " is " + kind + " template; " +
			providerName(&c.f.rules) + " does not send it to " + numbers + " numbers")
	}
	return c.marketErr[i]
}

// text returns what the recipients read: 【sign】 (when there is a sign)
// followed by the rendered template, the Body, or, for a template that is
// not registered, the params joined by spaces. The fake server renders
// messages the same way.
func (c *check) text() string {
	if !c.textDone {
		c.rendered, c.textDone = c.render(), true
	}
	return c.rendered
}

// render builds text's answer.
func (c *check) render() string {
	switch {
	case c.tmpl != nil:
		return c.tmpl.render(c.sign, c.params)
	case c.template == "":
		if c.sign == "" {
			return c.body
		}
		return signOpen + c.sign + signClose + c.body
	}
	return joinParams(c.sign, c.params)
}

// recipientError reports err, from the rules' CheckNumber, as the error of
// number: an *notifier.Error as is (with its Recipient set), anything else
// as an ErrInvalidRecipient.
func recipientError(err error, number string) error {
	var ne *notifier.Error
	if errors.As(err, &ne) {
		if ne.Recipient == "" {
			cp := *ne
			cp.Recipient = number
			return &cp
		}
		return err
	}
	return &notifier.Error{Kind: notifier.ErrInvalidRecipient, Recipient: number, Message: err.Error(), Err: err}
}

// registerHint says how to make an unknown template known.
func (f *Fake) registerHint() string {
	if f.rules.KnownTemplates {
		return " (" + providerName(&f.rules) + " sends registered templates only: register it with fake.WithTemplate or SetTemplate)"
	}
	return " with the fake (once any template is registered, every template must be)"
}

// providerName names the provider of r for error messages.
func providerName(r *notifier.Rules) string {
	if r.Provider != "" {
		return r.Provider
	}
	return "the provider"
}

// prefixOf returns the first of prefixes that number starts with.
func prefixOf(number string, prefixes []string) string {
	for _, p := range prefixes {
		if len(number) >= len(p) && number[:len(p)] == p {
			return p
		}
	}
	return number
}

// count returns "1 parameter" or "n parameters".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
