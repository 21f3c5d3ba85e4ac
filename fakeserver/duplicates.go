package fakeserver

import (
	"net/http"
	"slices"
	"strconv"
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
// (see Duplicate), ordered by their first message. It is computed from the
// held messages when called, so sending pays nothing for it; Reset clears
// it with the messages.
func (s *Server) Duplicates() []Duplicate {
	window := s.opts.DuplicateWindow
	if window == 0 {
		window = DefaultDuplicateWindow
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// A run is the record indexes of identical messages, in acceptance order.
	open := map[string][]int{} // the latest run of each key
	var done [][]int
	for i := 0; i < s.st.len(); i++ {
		r := s.st.at(i)
		key := s.duplicateKeyLocked(r)
		run := open[key]
		if run != nil && (window < 0 || r.at-s.st.at(run[len(run)-1]).at <= int64(window)) {
			open[key] = append(run, i)
			continue
		}
		if len(run) > 1 {
			done = append(done, run)
		}
		open[key] = []int{i}
	}
	for _, run := range open {
		if len(run) > 1 {
			done = append(done, run)
		}
	}
	slices.SortFunc(done, func(a, b []int) int { return a[0] - b[0] })
	out := make([]Duplicate, 0, len(done))
	for _, run := range done {
		m := s.messageLocked(run[0])
		dup := Duplicate{Number: m.Number, Template: m.Template, Params: nonNil(m.Params),
			Count: len(run), First: m.Time, Last: s.st.at(run[len(run)-1]).time()}
		for _, i := range run {
			dup.SerialNos = append(dup.SerialNos, s.serials.serialOf(s.st.at(i)))
		}
		out = append(out, dup)
	}
	return out
}

// duplicateKeyLocked identifies a record's number, template and params.
func (s *Server) duplicateKeyLocked(r *record) string {
	params := r.params
	if r.extra != nil && r.extra.params != nil {
		params = "\x00" + joinAll(r.extra.params)
	}
	return r.e164() + "\x1e" + s.st.strs.str(r.tmpl) + "\x1e" + params
}

// joinAll joins params unambiguously, each prefixed by its length.
func joinAll(params []string) string {
	var b []byte
	for _, p := range params {
		b = strconv.AppendInt(b, int64(len(p)), 10)
		b = append(b, ':')
		b = append(b, p...)
	}
	return string(b)
}

func (s *Server) adminDuplicates(w http.ResponseWriter, _ *http.Request) {
	adminJSON(w, http.StatusOK, map[string]any{"duplicates": s.Duplicates()})
}

// WithDuplicateWindow sets Options.DuplicateWindow.
func WithDuplicateWindow(d time.Duration) Option { return func(o *Options) { o.DuplicateWindow = d } }
