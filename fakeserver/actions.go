package fakeserver

import (
	"slices"

	"github.com/notifykit/notifier/internal/tcsms"
)

// actionHandler runs one API action. Handlers live one family per file
// (action_send.go, action_status.go, action_template.go, ...) and register
// themselves in init with registerAction; dispatch is a map lookup.
type actionHandler struct {
	// newParams returns a pointer to a fresh SDK request params struct.
	newParams func() any
	// newCall returns, in one allocation, a copy of c for the handler
	// (without the parameters, which are decoded by then) and a pointer
	// to a fresh SDK request params struct.
	newCall func(c apiCall) (*apiCall, any)
	// serve validates, locks, acts and returns a response params struct of
	// the SDK with a nil RequestId (the envelope adds it), or an error
	// (an *tcsms.APIError for Tencent errors).
	serve func(s *Server, c *apiCall, params any) (any, error)
}

// actions maps X-TC-Action names to handlers. It is written only by init
// functions, so reading it needs no lock.
var actions = map[string]actionHandler{}

// registerAction adds the handler of action name. P is the SDK's
// <Action>RequestParams struct.
func registerAction[P any](name string, serve func(s *Server, c *apiCall, p *P) (any, error)) {
	if _, dup := actions[name]; dup {
		panic("fakeserver: action " + name + " registered twice") // programming error at init
	}
	actions[name] = actionHandler{
		newParams: func() any { return new(P) },
		newCall: func(c apiCall) (*apiCall, any) {
			x := &struct {
				c apiCall
				p P
			}{c: apiCall{action: c.action, version: c.version, secretID: c.secretID, service: c.service}}
			return &x.c, &x.p
		},
		serve: func(s *Server, c *apiCall, p any) (any, error) {
			return serve(s, c, p.(*P))
		},
	}
}

// Actions returns the names of the actions the server implements.
func Actions() []string {
	out := make([]string, 0, len(actions))
	for name := range actions {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// dispatch runs an authenticated call: version, action, parameter
// decoding, then the handler. Whole-request faults wrap it
// (dispatchWithFaults).
func (s *Server) dispatch(c *apiCall) (any, *tcsms.APIError) {
	if c.version != APIVersion {
		return nil, tcsms.Errorf(tcsms.CodeNoSuchVersion,
			"The API version `%s` does not exist; this server implements %s.", sanitize(c.version), APIVersion)
	}
	h, ok := actions[c.action]
	if !ok {
		return nil, tcsms.Errorf(tcsms.CodeInvalidAction, "The action `%s` does not exist.", sanitize(c.action))
	}
	call, params := h.newCall(*c)
	if err := decodeParams(c, params); err != nil {
		return nil, err
	}
	result, err := h.serve(s, call, params)
	if err != nil {
		return nil, asAPIError(err)
	}
	return result, nil
}
