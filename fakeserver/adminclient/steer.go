package adminclient

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// Faults returns the active fault rules, in matching order.
func (c *Client) Faults(ctx context.Context) ([]fakeserver.Fault, error) {
	var out struct {
		Faults []fakeserver.Fault `json:"faults"`
	}
	err := c.do(ctx, http.MethodGet, "/faults", nil, nil, &out)
	return out.Faults, err
}

// AddFault adds a rule after the others and returns its ID.
func (c *Client) AddFault(ctx context.Context, f fakeserver.Fault) (int, error) {
	var out struct {
		ID int `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, "/faults", nil, f, &out)
	return out.ID, err
}

// SetFaults replaces every rule and returns the new IDs.
func (c *Client) SetFaults(ctx context.Context, rules ...fakeserver.Fault) ([]int, error) {
	var out struct {
		IDs []int `json:"ids"`
	}
	if rules == nil {
		rules = []fakeserver.Fault{}
	}
	err := c.do(ctx, http.MethodPut, "/faults", nil, map[string]any{"faults": rules}, &out)
	return out.IDs, err
}

// RemoveFault removes one rule.
func (c *Client) RemoveFault(ctx context.Context, id int) error {
	return c.do(ctx, http.MethodDelete, "/faults/"+strconv.Itoa(id), nil, nil, nil)
}

// ClearFaults removes every rule.
func (c *Client) ClearFaults(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/faults", nil, nil, nil)
}

// Chaos returns the chaos configuration.
func (c *Client) Chaos(ctx context.Context) (fakeserver.Chaos, error) {
	var ch fakeserver.Chaos
	err := c.do(ctx, http.MethodGet, "/chaos", nil, nil, &ch)
	return ch, err
}

// SetChaos replaces the chaos configuration.
func (c *Client) SetChaos(ctx context.Context, ch fakeserver.Chaos) error {
	return c.do(ctx, http.MethodPut, "/chaos", nil, ch, nil)
}

// clockState is GET and POST /_fake/clock's answer.
type clockState struct {
	Now time.Time `json:"now"`
}

// Now returns the server clock's time.
func (c *Client) Now(ctx context.Context) (time.Time, error) {
	var st clockState
	err := c.do(ctx, http.MethodGet, "/clock", nil, nil, &st)
	return st.Now, err
}

// SetTime sets the server clock.
func (c *Client) SetTime(ctx context.Context, t time.Time) (time.Time, error) {
	var st clockState
	err := c.do(ctx, http.MethodPost, "/clock", nil, map[string]string{"set": t.Format(time.RFC3339Nano)}, &st)
	return st.Now, err
}

// AdvanceTime moves the server clock by d.
func (c *Client) AdvanceTime(ctx context.Context, d time.Duration) (time.Time, error) {
	var st clockState
	err := c.do(ctx, http.MethodPost, "/clock", nil, map[string]string{"advance": d.String()}, &st)
	return st.Now, err
}

// AddApp registers an app.
func (c *Client) AddApp(ctx context.Context, a fakeserver.App) error {
	return c.do(ctx, http.MethodPost, "/apps", nil, a, nil)
}

// AddSign registers a sign.
func (c *Client) AddSign(ctx context.Context, sg fakeserver.Sign) error {
	return c.do(ctx, http.MethodPost, "/signs", nil, sg, nil)
}

// AddTemplate registers a template.
func (c *Client) AddTemplate(ctx context.Context, t fakeserver.Template) error {
	return c.do(ctx, http.MethodPost, "/templates", nil, t, nil)
}

// Templates returns the registered templates, ordered by ID.
func (c *Client) Templates(ctx context.Context) ([]fakeserver.Template, error) {
	var out struct {
		Templates []fakeserver.Template `json:"templates"`
	}
	err := c.do(ctx, http.MethodGet, "/templates", nil, nil, &out)
	return out.Templates, err
}

// Signs returns the registered signs, ordered by name.
func (c *Client) Signs(ctx context.Context) ([]fakeserver.Sign, error) {
	var out struct {
		Signs []fakeserver.Sign `json:"signs"`
	}
	err := c.do(ctx, http.MethodGet, "/signs", nil, nil, &out)
	return out.Signs, err
}

// ApproveTemplate approves a template.
func (c *Client) ApproveTemplate(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodPost, "/templates/"+url.PathEscape(id)+"/approve", nil, nil, nil)
}

// RejectTemplate rejects a template with a review reply.
func (c *Client) RejectTemplate(ctx context.Context, id, reply string) error {
	return c.do(ctx, http.MethodPost, "/templates/"+url.PathEscape(id)+"/reject", nil, map[string]string{"reviewReply": reply}, nil)
}

// ApproveSign approves a sign.
func (c *Client) ApproveSign(ctx context.Context, name string) error {
	return c.do(ctx, http.MethodPost, "/signs/"+url.PathEscape(name)+"/approve", nil, nil, nil)
}

// RejectSign rejects a sign with a review reply.
func (c *Client) RejectSign(ctx context.Context, name, reply string) error {
	return c.do(ctx, http.MethodPost, "/signs/"+url.PathEscape(name)+"/reject", nil, map[string]string{"reviewReply": reply}, nil)
}

// InjectReply holds an inbound reply.
func (c *Client) InjectReply(ctx context.Context, r fakeserver.Reply) error {
	return c.do(ctx, http.MethodPost, "/replies", nil, r, nil)
}

// Replies returns the held replies, in injection order.
func (c *Client) Replies(ctx context.Context) ([]fakeserver.Reply, error) {
	var out struct {
		Replies []fakeserver.Reply `json:"replies"`
	}
	err := c.do(ctx, http.MethodGet, "/replies", nil, nil, &out)
	return out.Replies, err
}

// Callbacks returns every callback push, oldest first.
func (c *Client) Callbacks(ctx context.Context) ([]fakeserver.CallbackPush, error) {
	var out struct {
		Callbacks []fakeserver.CallbackPush `json:"callbacks"`
	}
	err := c.do(ctx, http.MethodGet, "/callbacks", nil, nil, &out)
	return out.Callbacks, err
}

// ClearCallbacks forgets the delivered and failed pushes.
func (c *Client) ClearCallbacks(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/callbacks", nil, nil, nil)
}
