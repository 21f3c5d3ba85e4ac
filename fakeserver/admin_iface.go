package fakeserver

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Admin inspects and steers a fake server wherever it runs. Server.Admin
// returns one that calls the server in process; adminclient.New (and
// tcfakeserver's Container.Admin) return one that speaks the admin API
// under /_fake/ over HTTP, to a container or another process. A test
// written against Admin switches between them without touching its
// assertions. Every method takes a context and returns an error, because
// the HTTP one can fail; both are safe for concurrent use.
type Admin interface {
	// Page returns one page of held messages (see Server.Page).
	Page(ctx context.Context, q Query) (Page, error)
	// Message returns the held message with the given SerialNo, or an
	// error matching ErrNotFound.
	Message(ctx context.Context, serialNo string) (Message, error)
	// Wait returns the held messages matching f once at least n are held,
	// waiting until ctx is done.
	Wait(ctx context.Context, f Filter, n int) ([]Message, error)
	// DeleteMessage forgets one held message (ErrNotFound if not held).
	DeleteMessage(ctx context.Context, serialNo string) error
	// Reset forgets every held message, receipt, reply and statistic.
	Reset(ctx context.Context) error
	// Duplicates returns the runs of identical held messages.
	Duplicates(ctx context.Context) ([]Duplicate, error)
	// Stats returns the server's sizes.
	Stats(ctx context.Context) (Stats, error)

	// Faults returns the active fault rules, in matching order.
	Faults(ctx context.Context) ([]Fault, error)
	// AddFault adds a rule after the others and returns its ID.
	AddFault(ctx context.Context, f Fault) (int, error)
	// SetFaults replaces every rule and returns the new IDs.
	SetFaults(ctx context.Context, rules ...Fault) ([]int, error)
	// RemoveFault removes one rule (ErrNotFound if there is none).
	RemoveFault(ctx context.Context, id int) error
	// ClearFaults removes every rule.
	ClearFaults(ctx context.Context) error
	// Chaos returns the chaos configuration.
	Chaos(ctx context.Context) (Chaos, error)
	// SetChaos replaces it and restarts its random sequence.
	SetChaos(ctx context.Context, c Chaos) error

	// Now returns the server clock's time.
	Now(ctx context.Context) (time.Time, error)
	// SetTime and AdvanceTime move the server clock (see Server.SetTime).
	SetTime(ctx context.Context, t time.Time) (time.Time, error)
	AdvanceTime(ctx context.Context, d time.Duration) (time.Time, error)

	// AddApp, AddSign and AddTemplate register apps, signs and templates.
	AddApp(ctx context.Context, a App) error
	AddSign(ctx context.Context, sg Sign) error
	AddTemplate(ctx context.Context, t Template) error
	// Templates and Signs return the registered ones.
	Templates(ctx context.Context) ([]Template, error)
	Signs(ctx context.Context) ([]Sign, error)
	// ApproveTemplate, RejectTemplate, ApproveSign and RejectSign play the
	// review desk (ErrNotFound for an unknown one).
	ApproveTemplate(ctx context.Context, id string) error
	RejectTemplate(ctx context.Context, id, reply string) error
	ApproveSign(ctx context.Context, name string) error
	RejectSign(ctx context.Context, name, reply string) error

	// InjectReply holds an inbound reply; Replies returns the held ones.
	InjectReply(ctx context.Context, r Reply) error
	Replies(ctx context.Context) ([]Reply, error)
	// Callbacks returns every callback push; ClearCallbacks forgets the
	// finished ones.
	Callbacks(ctx context.Context) ([]CallbackPush, error)
	ClearCallbacks(ctx context.Context) error
}

// ErrNotFound is what Admin methods return (wrapped) for a message, fault
// rule, template or sign that does not exist.
var ErrNotFound = errors.New("fakeserver: not found")

// Admin returns an Admin that calls s in process.
func (s *Server) Admin() Admin { return localAdmin{s} }

// localAdmin is the in-process Admin. It checks ctx before each call, so
// a cancelled test gets the same answer it would get over HTTP.
type localAdmin struct{ s *Server }

var _ Admin = localAdmin{}

func notFound(what string, id any) error { return fmt.Errorf("%w: %s %v", ErrNotFound, what, id) }

func (a localAdmin) Page(ctx context.Context, q Query) (Page, error) {
	if err := ctx.Err(); err != nil {
		return Page{}, err
	}
	return a.s.Page(q)
}

func (a localAdmin) Message(ctx context.Context, serialNo string) (Message, error) {
	if err := ctx.Err(); err != nil {
		return Message{}, err
	}
	m, ok := a.s.Message(serialNo)
	if !ok {
		return Message{}, notFound("message", serialNo)
	}
	return m, nil
}

func (a localAdmin) Wait(ctx context.Context, f Filter, n int) ([]Message, error) {
	return a.s.waitN(ctx, f.query(), n, nil)
}

func (a localAdmin) DeleteMessage(ctx context.Context, serialNo string) error {
	return a.check(ctx, func() bool { return a.s.DeleteMessage(serialNo) }, "message", serialNo)
}

func (a localAdmin) Reset(ctx context.Context) error {
	return a.do(ctx, a.s.Reset)
}

func (a localAdmin) Duplicates(ctx context.Context) ([]Duplicate, error) {
	return get(ctx, a.s.Duplicates)
}

func (a localAdmin) Stats(ctx context.Context) (Stats, error) { return get(ctx, a.s.Stats) }

func (a localAdmin) Faults(ctx context.Context) ([]Fault, error) { return get(ctx, a.s.Faults) }

func (a localAdmin) AddFault(ctx context.Context, f Fault) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return a.s.AddFault(f)
}

func (a localAdmin) SetFaults(ctx context.Context, rules ...Fault) ([]int, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return a.s.SetFaults(rules...)
}

func (a localAdmin) RemoveFault(ctx context.Context, id int) error {
	return a.check(ctx, func() bool { return a.s.RemoveFault(id) }, "fault", id)
}

func (a localAdmin) ClearFaults(ctx context.Context) error { return a.do(ctx, a.s.ClearFaults) }

func (a localAdmin) Chaos(ctx context.Context) (Chaos, error) { return get(ctx, a.s.Chaos) }

func (a localAdmin) SetChaos(ctx context.Context, c Chaos) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return a.s.SetChaos(c)
}

func (a localAdmin) Now(ctx context.Context) (time.Time, error) { return get(ctx, a.s.clock.Now) }

func (a localAdmin) SetTime(ctx context.Context, t time.Time) (time.Time, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, err
	}
	return a.s.SetTime(t)
}

func (a localAdmin) AdvanceTime(ctx context.Context, d time.Duration) (time.Time, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, err
	}
	return a.s.AdvanceTime(d)
}

func (a localAdmin) AddApp(ctx context.Context, app App) error {
	return a.call(ctx, func() error { return a.s.AddApp(app) })
}

func (a localAdmin) AddSign(ctx context.Context, sg Sign) error {
	return a.call(ctx, func() error { return a.s.AddSign(sg) })
}

func (a localAdmin) AddTemplate(ctx context.Context, t Template) error {
	return a.call(ctx, func() error { return a.s.AddTemplate(t) })
}

func (a localAdmin) Templates(ctx context.Context) ([]Template, error) {
	return get(ctx, a.s.Templates)
}

func (a localAdmin) Signs(ctx context.Context) ([]Sign, error) { return get(ctx, a.s.Signs) }

func (a localAdmin) ApproveTemplate(ctx context.Context, id string) error {
	return a.check(ctx, func() bool { return a.s.ApproveTemplate(id) }, "template", id)
}

func (a localAdmin) RejectTemplate(ctx context.Context, id, reply string) error {
	return a.check(ctx, func() bool { return a.s.RejectTemplate(id, reply) }, "template", id)
}

func (a localAdmin) ApproveSign(ctx context.Context, name string) error {
	return a.check(ctx, func() bool { return a.s.ApproveSign(name) }, "sign", name)
}

func (a localAdmin) RejectSign(ctx context.Context, name, reply string) error {
	return a.check(ctx, func() bool { return a.s.RejectSign(name, reply) }, "sign", name)
}

func (a localAdmin) InjectReply(ctx context.Context, r Reply) error {
	return a.call(ctx, func() error { return a.s.InjectReply(r) })
}

func (a localAdmin) Replies(ctx context.Context) ([]Reply, error) { return get(ctx, a.s.Replies) }

func (a localAdmin) Callbacks(ctx context.Context) ([]CallbackPush, error) {
	return get(ctx, func() []CallbackPush { return nonNil(a.s.Callbacks()) })
}

func (a localAdmin) ClearCallbacks(ctx context.Context) error { return a.do(ctx, a.s.ClearCallbacks) }

// do runs fn unless ctx is done.
func (a localAdmin) do(ctx context.Context, fn func()) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fn()
	return nil
}

// call runs fn unless ctx is done.
func (a localAdmin) call(ctx context.Context, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return fn()
}

// check runs fn unless ctx is done, and turns its "not found" into
// ErrNotFound.
func (a localAdmin) check(ctx context.Context, fn func() bool, what string, id any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !fn() {
		return notFound(what, id)
	}
	return nil
}

// get calls fn unless ctx is done.
func get[T any](ctx context.Context, fn func() T) (T, error) {
	if err := ctx.Err(); err != nil {
		var zero T
		return zero, err
	}
	return fn(), nil
}
