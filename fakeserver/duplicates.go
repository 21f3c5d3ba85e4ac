package fakeserver

import (
	"net/http"
	"time"
)

// DefaultDuplicateWindow is the Options.DuplicateWindow used when it is 0.
const DefaultDuplicateWindow = 10 * time.Minute

// Duplicate is a run of identical accepted messages — same number,
// template and params — each sent within the duplicate window
// (Options.DuplicateWindow) of the one before it. A test asserts the app
// texted a person once by checking that Duplicates is empty.
type Duplicate struct {
	// Number is the recipient, E.164.
	Number string `json:"number"`
	// Template is the TemplateId.
	Template string `json:"template"`
	// Params are the template parameters.
	Params []string `json:"params"`
	// Count is how many identical messages the run holds (at least 2).
	Count int `json:"count"`
	// SerialNos are the messages' SerialNo, in acceptance order.
	SerialNos []string `json:"serialNos"`
	// First and Last are the acceptance times of the first and last one.
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
}

// Duplicates returns the runs of identical messages among the held ones
// (see Duplicate), ordered by their first message. Runs are found as
// messages arrive (a message is compared with the newest 256 to the same
// number), so listing them costs O(duplicates); Reset clears them with the
// messages.
func (s *Server) Duplicates() []Duplicate {
	ds := s.store.Duplicates()
	out := make([]Duplicate, len(ds))
	for i, d := range ds {
		out[i] = Duplicate(d)
	}
	return out
}

func (s *Server) adminDuplicates(w http.ResponseWriter, _ *http.Request) {
	adminJSON(w, http.StatusOK, map[string]any{"duplicates": s.Duplicates()})
}

// WithDuplicateWindow sets Options.DuplicateWindow.
func WithDuplicateWindow(d time.Duration) Option { return func(o *Options) { o.DuplicateWindow = d } }
