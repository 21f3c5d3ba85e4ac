// Package adminclient is a fakeserver.Admin that speaks the fake server's
// admin API (under /_fake/) over HTTP, for a server in a container or
// another process:
//
//	admin, err := adminclient.New("http://127.0.0.1:8080")
//	page, err := admin.Page(ctx, fakeserver.Query{Filter: fakeserver.Filter{Number: "+8613800000001"}})
//
// Code written against fakeserver.Admin runs unchanged against
// fakeserver.Server.Admin, the in-process one. A Client is safe for
// concurrent use.
package adminclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// Client talks to one fake server's admin API.
type Client struct {
	base  *url.URL
	hc    *http.Client
	token string
}

var _ fakeserver.Admin = (*Client)(nil)

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the default is http.DefaultClient.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithToken sends the admin token of a server started with one
// (fakeserver.WithAdminToken, -admin-token) as Authorization: Bearer.
func WithToken(token string) Option { return func(c *Client) { c.token = token } }

// New returns a Client for the fake server at baseURL, its root
// ("http://127.0.0.1:8080"); a URL ending in /_fake is accepted too.
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimSuffix(strings.TrimSuffix(baseURL, "/"), "/_fake"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("adminclient: %q is not an http(s) URL of a fake server", baseURL)
	}
	c := &Client{base: u, hc: http.DefaultClient}
	for _, opt := range opts {
		opt(c)
	}
	return c, nil
}

// String returns the server's base URL, never the token.
func (c *Client) String() string { return c.base.String() }

// Error is a failed admin call: the HTTP status and the server's message.
// errors.Is(err, fakeserver.ErrNotFound) holds for a 404.
type Error struct {
	Method, Path string
	Status       int
	Message      string
}

// Error describes the failed call.
func (e *Error) Error() string {
	return fmt.Sprintf("adminclient: %s %s: %d %s: %s", e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Message)
}

// Is reports whether target is fakeserver.ErrNotFound and the status 404.
func (e *Error) Is(target error) bool {
	return target == fakeserver.ErrNotFound && e.Status == http.StatusNotFound
}

// do sends one admin request. body, when not nil, is encoded as JSON;
// state-changing requests always carry a JSON body, as the server's
// cross-site protection requires. out, when not nil, receives the answer.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	u := *c.base
	u.Path = strings.TrimSuffix(u.Path, "/") + "/_fake" + path
	u.RawQuery = query.Encode()
	var rd io.Reader
	if body != nil || method != http.MethodGet {
		if body == nil {
			body = struct{}{}
		}
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("adminclient: %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return fmt.Errorf("adminclient: %s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("adminclient: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return fmt.Errorf("adminclient: %s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var e struct{ Error string }
		if json.Unmarshal(data, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(data[:min(len(data), 200)]))
		}
		return &Error{Method: method, Path: path, Status: resp.StatusCode, Message: e.Error}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("adminclient: %s %s: decoding the answer: %w", method, path, err)
	}
	return nil
}

// filterValues is f as the admin API's query parameters.
func filterValues(f fakeserver.Filter) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"number": f.Number, "template": f.Template, "tag": f.Tag, "app": f.App, "text": f.Text} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if !f.Since.IsZero() {
		v.Set("since", f.Since.Format(time.RFC3339Nano))
	}
	if !f.Until.IsZero() {
		v.Set("until", f.Until.Format(time.RFC3339Nano))
	}
	return v
}

// Page returns one page of held messages.
func (c *Client) Page(ctx context.Context, q fakeserver.Query) (fakeserver.Page, error) {
	v := filterValues(q.Filter)
	if q.After != "" {
		v.Set("after", q.After)
	}
	if q.Before != "" {
		v.Set("before", q.Before)
	}
	if q.Newest {
		v.Set("order", "desc")
	}
	if q.Limit != 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	var p fakeserver.Page
	err := c.do(ctx, http.MethodGet, "/messages", v, nil, &p)
	return p, err
}

// Message returns the held message with the given SerialNo.
func (c *Client) Message(ctx context.Context, serialNo string) (fakeserver.Message, error) {
	var detail struct {
		Message fakeserver.Message `json:"message"`
	}
	err := c.do(ctx, http.MethodGet, "/messages/"+url.PathEscape(serialNo), nil, nil, &detail)
	return detail.Message, err
}

// maxPoll is the longest one long poll asks the server to wait; Wait
// polls again until ctx is done.
const maxPoll = 5 * time.Minute

// Wait returns the held messages matching f once at least n are held,
// long-polling GET /_fake/messages/wait until ctx is done.
func (c *Client) Wait(ctx context.Context, f fakeserver.Filter, n int) ([]fakeserver.Message, error) {
	v := filterValues(f)
	v.Set("count", strconv.Itoa(max(n, 1)))
	for {
		poll := maxPoll
		if dl, ok := ctx.Deadline(); ok {
			poll = min(poll, time.Until(dl))
		}
		if poll <= 0 {
			return nil, context.DeadlineExceeded
		}
		v.Set("timeout", strconv.FormatFloat(max(poll.Seconds(), 0.001), 'f', 3, 64))
		var out struct {
			Messages []fakeserver.Message `json:"messages"`
		}
		err := c.do(ctx, http.MethodGet, "/messages/wait", v, nil, &out)
		var e *Error
		switch {
		case err == nil:
			return out.Messages, nil
		case errors.As(err, &e) && e.Status == http.StatusRequestTimeout:
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue // the poll ended, ctx has not: ask again
		case ctx.Err() != nil:
			return nil, ctx.Err()
		}
		return nil, err
	}
}

// DeleteMessage forgets one held message.
func (c *Client) DeleteMessage(ctx context.Context, serialNo string) error {
	return c.do(ctx, http.MethodDelete, "/messages/"+url.PathEscape(serialNo), nil, nil, nil)
}

// Reset forgets every held message, receipt, reply and statistic.
func (c *Client) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodDelete, "/messages", nil, nil, nil)
}

// Duplicates returns the runs of identical held messages.
func (c *Client) Duplicates(ctx context.Context) ([]fakeserver.Duplicate, error) {
	var out struct {
		Duplicates []fakeserver.Duplicate `json:"duplicates"`
	}
	err := c.do(ctx, http.MethodGet, "/duplicates", nil, nil, &out)
	return out.Duplicates, err
}

// Stats returns the server's sizes.
func (c *Client) Stats(ctx context.Context) (fakeserver.Stats, error) {
	var st fakeserver.Stats
	err := c.do(ctx, http.MethodGet, "/stats", nil, nil, &st)
	return st, err
}
