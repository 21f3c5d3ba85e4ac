package fakeserver

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Fault is a rule that makes the server fail on purpose, so tests can drive
// a client's unhappy paths deterministically.
//
// Matching: a rule matches a call of Action ("" = every action) whose
// request names Number ("" = any request). Hits counts the matching calls;
// the rule fires on matching calls Nth, Nth+1, … Nth+Times-1 and then
// removes itself. Nth 0 means 1. Times 0 means once when Nth is set and on
// every match otherwise. The first active rule that matches wins.
//
// Effects: a rule with a Number and only a Code fails that recipient in its
// SendStatus (SerialNo "", Fee 0) while the others of the same request
// succeed. Every other rule acts on the whole request:
//   - Code: Response.Error with that code (and Message);
//   - HTTP: an HTTP-level failure (HTTPReset, HTTPStatus, HTTPTruncate,
//     HTTPMalformed, HTTPHang);
//   - Latency: the answer is delayed (alone or before Code or HTTP); a
//     client that gives up first gets nothing.
//
// Phase PhaseBefore (the default) fails the request before the action
// runs, so nothing is stored. PhaseAfter runs the action first (messages
// and receipts are stored) and then loses the answer, so a client that
// retries sends twice.
type Fault struct {
	// ID identifies the rule once added; AddFault assigns it.
	ID int `json:"id"`
	// Action is the API action the rule applies to ("SendSms"); "" means
	// every action. An action the server does not implement (see Actions)
	// is an error, as are an unknown Code, HTTP or Phase: a misspelt rule
	// fails when it is set, naming the valid values, rather than never
	// fire.
	Action string `json:"action,omitempty"`
	// Number is the recipient the rule applies to, matched after
	// normalisation (so "13800000000" matches "+8613800000000"); "" means
	// any request.
	Number string `json:"number,omitempty"`
	// Code is the Tencent error code to answer with, for example
	// "LimitExceeded.PhoneNumberDailyLimit": one of the codes Tencent's
	// servers send (not "Ok", nor the SDK's local ClientError.* codes).
	Code string `json:"code,omitempty"`
	// Message is the error text; "" means the code's default message.
	Message string `json:"message,omitempty"`
	// HTTP is an HTTP-level failure instead of a Tencent answer; "" none.
	HTTP string `json:"http,omitempty"`
	// Status is the HTTP status of HTTPStatus; 0 means 502.
	Status int `json:"status,omitempty"`
	// Body replaces the body of HTTPStatus and HTTPMalformed; "" means a
	// short HTML error page.
	Body string `json:"body,omitempty"`
	// Latency delays the answer, in wall-clock time; 0 none. In JSON it is
	// a Go duration string ("1.5s") or nanoseconds.
	Latency Duration `json:"latency,omitzero"`
	// Phase is PhaseBefore ("" too) or PhaseAfter.
	Phase string `json:"phase,omitempty"`
	// Nth is the first matching call the rule fires on; 0 means 1.
	Nth int `json:"nth,omitempty"`
	// Times is how many matching calls the rule fires on before it removes
	// itself; 0 means once with Nth and forever without.
	Times int `json:"times,omitempty"`
	// Hits counts the matching calls so far (read-only).
	Hits int `json:"hits"`
}

// HTTP-level failures of Fault.HTTP.
const (
	// HTTPReset closes the connection without an answer (a TCP reset).
	HTTPReset = "reset"
	// HTTPStatus answers Fault.Status (default 502) with Fault.Body, as a
	// gateway in front of the API would.
	HTTPStatus = "status"
	// HTTPTruncate sends the headers and half of the body, then closes the
	// connection.
	HTTPTruncate = "truncate"
	// HTTPMalformed answers HTTP 200 application/json with a body that is
	// not JSON.
	HTTPMalformed = "malformed"
	// HTTPHang never answers: it waits until the client gives up (the
	// request's context ends) or the server closes.
	HTTPHang = "hang"
)

// Phases of Fault.Phase.
const (
	// PhaseBefore fails the request before the action runs.
	PhaseBefore = "before"
	// PhaseAfter runs the action, then replaces its answer with the fault.
	PhaseAfter = "after"
)

// Duration is a time.Duration that reads and writes JSON as a Go duration
// string ("250ms"); a JSON number is read as nanoseconds.
type Duration time.Duration

// MarshalJSON writes d as a duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a duration string or a number of nanoseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("duration %s is neither a string nor nanoseconds", b)
		}
		*d = Duration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

func (f Fault) validate() error {
	if f.Code == "" && f.HTTP == "" && f.Latency <= 0 {
		return fmt.Errorf("fakeserver: fault has no code, HTTP failure or latency")
	}
	if f.Code != "" && f.HTTP != "" {
		return fmt.Errorf("fakeserver: fault has both a code and an HTTP failure")
	}
	if err := actions.CheckName(f.Action); err != nil {
		return fmt.Errorf("fakeserver: %w", err)
	}
	if err := tcsms.CheckServerCode(f.Code); err != nil {
		return fmt.Errorf("fakeserver: %w", err)
	}
	switch f.HTTP {
	case "", HTTPReset, HTTPStatus, HTTPTruncate, HTTPMalformed, HTTPHang:
	default:
		return fmt.Errorf("fakeserver: unknown HTTP failure %q; use %s, %s, %s, %s or %s",
			f.HTTP, HTTPReset, HTTPStatus, HTTPTruncate, HTTPMalformed, HTTPHang)
	}
	if f.Status != 0 && (f.Status < 100 || f.Status > 599) {
		return fmt.Errorf("fakeserver: HTTP status %d is out of range", f.Status)
	}
	switch f.Phase {
	case "", PhaseBefore, PhaseAfter:
	default:
		return fmt.Errorf("fakeserver: unknown phase %q; use %s (the default) or %s", f.Phase, PhaseBefore, PhaseAfter)
	}
	if f.Times < 0 || f.Nth < 0 || f.Latency < 0 {
		return fmt.Errorf("fakeserver: fault times, nth or latency is negative")
	}
	return nil
}

// perNumber reports whether the rule fails one recipient in its SendStatus
// rather than the whole request.
func (f *Fault) perNumber() bool {
	return f.Number != "" && f.Code != "" && f.Latency == 0 && f.Phase != PhaseAfter
}

// apiError returns the error the fault answers with.
func (f Fault) apiError() *tcsms.APIError {
	if f.Message != "" {
		return &tcsms.APIError{Code: f.Code, Message: f.Message}
	}
	return tcsms.NewError(f.Code)
}

// faultSet holds the active rules in the order they were added; the first
// matching rule wins. numberRules and requestRules count the two kinds so
// the hot path can skip the lock when there are none.
type faultSet struct {
	mu           sync.Mutex // guards rules and nextID
	rules        []Fault
	nextID       int
	numberRules  atomic.Int32
	requestRules atomic.Int32
}

// normalize validates f and spells its Number as E.164.
func normalize(f Fault) (Fault, error) {
	if err := f.validate(); err != nil {
		return f, err
	}
	if n, err := tcsms.ParseNumber(f.Number); f.Number != "" && err == nil {
		f.Number = n.E164 // match however the request spells the number
	}
	return f, nil
}

func (fs *faultSet) add(f Fault) (int, error) {
	f, err := normalize(f)
	if err != nil {
		return 0, err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.nextID++
	f.ID, f.Hits = fs.nextID, 0
	fs.rules = append(fs.rules, f)
	fs.recountLocked()
	return f.ID, nil
}

// replace swaps the whole rule set for rules, validating all first.
func (fs *faultSet) replace(rules []Fault) ([]int, error) {
	norm := make([]Fault, len(rules))
	for i, f := range rules {
		var err error
		if norm[i], err = normalize(f); err != nil {
			return nil, fmt.Errorf("fault %d: %w", i, err)
		}
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	ids := make([]int, len(norm))
	for i := range norm {
		fs.nextID++
		norm[i].ID, norm[i].Hits = fs.nextID, 0
		ids[i] = fs.nextID
	}
	fs.rules = norm
	fs.recountLocked()
	return ids, nil
}

func (fs *faultSet) remove(id int) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	n := len(fs.rules)
	fs.rules = slices.DeleteFunc(fs.rules, func(f Fault) bool { return f.ID == id })
	fs.recountLocked()
	return len(fs.rules) != n
}

func (fs *faultSet) clear() {
	fs.mu.Lock()
	fs.rules = nil
	fs.recountLocked()
	fs.mu.Unlock()
}

func (fs *faultSet) list() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return slices.Clone(fs.rules)
}

func (fs *faultSet) recountLocked() {
	var num, req int32
	for i := range fs.rules {
		if fs.rules[i].perNumber() {
			num++
		} else {
			req++
		}
	}
	fs.numberRules.Store(num)
	fs.requestRules.Store(req)
}

// takeNumber returns the per-number rule that fires for action and the
// E.164 number, counting the hit.
func (fs *faultSet) takeNumber(action, number string) (Fault, bool) {
	if fs.numberRules.Load() == 0 {
		return Fault{}, false
	}
	return fs.take(func(f *Fault) bool {
		return f.perNumber() && (f.Action == "" || f.Action == action) && f.Number == number
	})
}

// FailNumber returns the error of the per-number rule that fires for
// action and the E.164 number, counting its hit (actions.NumberFaults).
func (fs *faultSet) FailNumber(action, number string) (*tcsms.APIError, bool) {
	f, ok := fs.takeNumber(action, number)
	if !ok {
		return nil, false
	}
	return f.apiError(), true
}

// takeRequest returns the whole-request rule that fires for action; numbers
// lists the request's E.164 numbers and is called only when a rule names one.
func (fs *faultSet) takeRequest(action string, numbers func() []string) (Fault, bool) {
	if fs.requestRules.Load() == 0 {
		return Fault{}, false
	}
	var nums []string
	listed := false
	return fs.take(func(f *Fault) bool {
		if f.perNumber() || (f.Action != "" && f.Action != action) {
			return false
		}
		if f.Number == "" {
			return true
		}
		if !listed {
			nums, listed = numbers(), true
		}
		return slices.Contains(nums, f.Number)
	})
}

// take counts a hit on every active rule that matches, up to and including
// the first one whose firing window holds the hit, and returns a copy of
// that one. A rule whose window has passed is removed.
func (fs *faultSet) take(match func(*Fault) bool) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i := range fs.rules {
		f := &fs.rules[i]
		if !match(f) {
			continue
		}
		f.Hits++
		first, times := max(f.Nth, 1), f.Times
		if times == 0 && f.Nth > 0 {
			times = 1
		}
		if f.Hits < first {
			continue // not yet: later rules may still fire for this call
		}
		hit := *f
		if times > 0 && f.Hits >= first+times-1 {
			fs.rules = slices.Delete(fs.rules, i, i+1)
			fs.recountLocked()
		}
		return hit, true
	}
	return Fault{}, false
}

// AddFault adds a fault rule after the existing ones and returns its ID. It
// is safe for concurrent use and takes effect for requests that start after
// it returns.
func (s *Server) AddFault(f Fault) (int, error) { return s.faults.add(f) }

// SetFaults replaces every fault rule with rules, in matching order, and
// returns their IDs. Hits start at zero. If any rule is invalid nothing
// changes.
func (s *Server) SetFaults(rules ...Fault) ([]int, error) { return s.faults.replace(rules) }

// RemoveFault removes the rule with the given ID and reports whether it
// existed.
func (s *Server) RemoveFault(id int) bool { return s.faults.remove(id) }

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() { s.faults.clear() }

// Faults returns copies of the active rules, in matching order.
func (s *Server) Faults() []Fault { return s.faults.list() }

// WithFaults adds fault rules at creation (see Options.Faults).
func WithFaults(rules ...Fault) Option {
	return func(o *Options) { o.Faults = append(o.Faults, rules...) }
}

// RecipientFault returns the fault rule that fails SendSms for number
// alone, in its SendStatus, with the per-number code Tencent answers most
// often for kind, one of notifier's sentinel errors: ErrRateLimited is
// LimitExceeded.PhoneNumberDailyLimit, ErrInvalidRecipient
// InvalidParameterValue.IncorrectPhoneNumber, ErrRejected
// FailedOperation.PhoneNumberInBlacklist, ErrQuotaExceeded
// FailedOperation.InsufficientBalanceInSmsPackage, ErrInvalidMessage
// FailedOperation.TemplateIncorrectOrUnapproved and ErrUnavailable
// InternalError.Timeout. The Tencent adapter maps each back to its kind.
// Other kinds have no per-number code and give an error.
func RecipientFault(number string, kind error) (Fault, error) {
	code, ok := tcsms.PerNumberCode(kind)
	if !ok {
		return Fault{}, fmt.Errorf("fakeserver: Tencent reports no per-number failure of kind %v", kind)
	}
	return Fault{Action: "SendSms", Number: number, Code: code}, nil
}
