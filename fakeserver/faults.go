package fakeserver

import (
	"fmt"
	"slices"
	"sync"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Fault is a rule that makes the server fail on purpose, so tests can drive
// a client's unhappy paths deterministically.
//
// A fault with a Number fails only that recipient: its SendStatus carries
// Code (with SerialNo "", Fee 0) while the other recipients of the same
// request succeed. A fault without a Number fails the whole request with
// Code in Response.Error, before anything is stored.
//
// All matching lives in faultSet.take, the one place later fault kinds
// (latency, HTTP failures, phases) extend.
type Fault struct {
	// ID identifies the rule once added; AddFault assigns it.
	ID int `json:"id"`
	// Action is the API action the rule applies to ("SendSms"); "" means
	// every action.
	Action string `json:"action,omitempty"`
	// Number is the recipient the rule applies to, matched after
	// normalisation (so "13800000000" matches "+8613800000000"); "" means
	// the whole request.
	Number string `json:"number,omitempty"`
	// Code is the Tencent error code to answer with, for example
	// "LimitExceeded.PhoneNumberDailyLimit".
	Code string `json:"code"`
	// Message is the error text; "" means the code's default message.
	Message string `json:"message,omitempty"`
	// Times is how many matches the rule fails before it removes itself;
	// 0 means until it is removed.
	Times int `json:"times,omitempty"`
	// Hits counts the matches so far (read-only).
	Hits int `json:"hits"`
}

func (f Fault) validate() error {
	if f.Code == "" {
		return fmt.Errorf("fakeserver: fault has no code")
	}
	if f.Code == tcsms.CodeOk {
		return fmt.Errorf("fakeserver: fault code %q is not an error", f.Code)
	}
	if f.Times < 0 {
		return fmt.Errorf("fakeserver: fault times %d is negative", f.Times)
	}
	return nil
}

// apiError returns the error the fault answers with.
func (f Fault) apiError() *tcsms.APIError {
	if f.Message != "" {
		return &tcsms.APIError{Code: f.Code, Message: f.Message}
	}
	return tcsms.NewError(f.Code)
}

// faultSet holds the active rules in the order they were added; the first
// matching rule wins.
type faultSet struct {
	mu     sync.Mutex // guards rules and nextID
	rules  []Fault
	nextID int
}

func (fs *faultSet) add(f Fault) (int, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	if n, err := tcsms.ParseNumber(f.Number); f.Number != "" && err == nil {
		f.Number = n.E164 // match however the request spells the number
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.nextID++
	f.ID, f.Hits = fs.nextID, 0
	fs.rules = append(fs.rules, f)
	return f.ID, nil
}

func (fs *faultSet) remove(id int) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	n := len(fs.rules)
	fs.rules = slices.DeleteFunc(fs.rules, func(f Fault) bool { return f.ID == id })
	return len(fs.rules) != n
}

func (fs *faultSet) clear() {
	fs.mu.Lock()
	fs.rules = nil
	fs.mu.Unlock()
}

func (fs *faultSet) list() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return slices.Clone(fs.rules)
}

// take finds the first rule for action and number (number "" asks for
// whole-request rules), counts the hit, retires a rule whose Times are used
// up, and returns a copy of it.
func (fs *faultSet) take(action, number string) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i := range fs.rules {
		f := &fs.rules[i]
		if (f.Action != "" && f.Action != action) || f.Number != number {
			continue
		}
		f.Hits++
		hit := *f
		if f.Times > 0 && f.Hits >= f.Times {
			fs.rules = slices.Delete(fs.rules, i, i+1)
		}
		return hit, true
	}
	return Fault{}, false
}

// empty reports whether no rule is active, so the hot path can skip take.
func (fs *faultSet) empty() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.rules) == 0
}

// AddFault adds a fault rule and returns its ID. It is safe for concurrent
// use and takes effect for requests that start after it returns.
func (s *Server) AddFault(f Fault) (int, error) { return s.faults.add(f) }

// RemoveFault removes the rule with the given ID and reports whether it
// existed.
func (s *Server) RemoveFault(id int) bool { return s.faults.remove(id) }

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() { s.faults.clear() }

// Faults returns copies of the active rules, in matching order.
func (s *Server) Faults() []Fault { return s.faults.list() }
