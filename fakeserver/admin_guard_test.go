package fakeserver_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// adminCall is one raw admin request.
type adminCall struct {
	method, path, body string
	host               string            // Host header; "" means the listener's address
	header             map[string]string // extra headers
}

// adminAnswer is what the server answered.
type adminAnswer struct {
	status int
	header http.Header
	body   string
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (c adminCall) do(t *testing.T, srv *fakeserver.Server) adminAnswer {
	t.Helper()
	req, err := http.NewRequest(c.method, srv.URL()+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	if c.host != "" {
		req.Host = c.host
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return adminAnswer{resp.StatusCode, resp.Header, string(b)}
}

var jsonType = map[string]string{"Content-Type": "application/json"}

// TestAdminRefusesCrossSiteRequests pins issue 11's finding: a cross-site
// POST /_fake/clock with Content-Type text/plain, Origin
// http://evil.example and Host evil.example moved the clock. Each of the
// three marks is now enough to refuse it.
func TestAdminRefusesCrossSiteRequests(t *testing.T) {
	srv := fakeserver.Run(t, fakeserver.WithAdminHosts("fakeserver"))
	const move = `{"advance":"1h"}`
	refused := []struct {
		name string
		call adminCall
		want int
	}{
		{"the issue's request", adminCall{host: "evil.example", header: map[string]string{
			"Content-Type": "text/plain", "Origin": "http://evil.example"}}, http.StatusForbidden},
		{"a foreign Host (DNS rebinding)", adminCall{host: "evil.example", header: jsonType}, http.StatusForbidden},
		{"a foreign Host with a port", adminCall{host: "evil.example:" + port(srv), header: jsonType}, http.StatusForbidden},
		{"a foreign Origin", adminCall{header: map[string]string{
			"Content-Type": "application/json", "Origin": "http://evil.example"}}, http.StatusForbidden},
		{"another port of the same host", adminCall{header: map[string]string{
			"Content-Type": "application/json", "Origin": "http://127.0.0.1:1"}}, http.StatusForbidden},
		{"a sandboxed page (Origin null)", adminCall{header: map[string]string{
			"Content-Type": "application/json", "Origin": "null"}}, http.StatusForbidden},
		{"a form's Content-Type", adminCall{header: map[string]string{"Content-Type": "text/plain"}}, http.StatusUnsupportedMediaType},
		{"no Content-Type", adminCall{}, http.StatusUnsupportedMediaType},
	}
	for _, tc := range refused {
		tc.call.method, tc.call.path, tc.call.body = "POST", "/_fake/clock", move
		if got := tc.call.do(t, srv); got.status != tc.want || !strings.Contains(got.body, `"error"`) {
			t.Errorf("%s: %d %s, want %d", tc.name, got.status, got.body, tc.want)
		}
	}
	if _, manual := srv.Clock().(*fakeserver.ManualClock); manual {
		t.Fatal("a refused request moved the clock")
	}
	del := adminCall{method: "DELETE", path: "/_fake/messages"}
	if got := del.do(t, srv); got.status != http.StatusUnsupportedMediaType {
		t.Errorf("DELETE without Content-Type: %d", got.status)
	}

	allowed := []adminCall{
		{host: "localhost:" + port(srv)},
		{host: "LocalHost"},
		{host: "app.localhost:" + port(srv)},
		{host: "[::1]:" + port(srv)},
		{host: "fakeserver:" + port(srv)}, // configured
		{header: map[string]string{"Origin": srv.URL()}},
	}
	for _, c := range allowed {
		c.method, c.path, c.body = "POST", "/_fake/clock", move
		if c.header == nil {
			c.header = map[string]string{}
		}
		c.header["Content-Type"] = "application/json; charset=utf-8"
		if got := c.do(t, srv); got.status != http.StatusOK {
			t.Errorf("Host %q, Origin %q: %d %s", c.host, c.header["Origin"], got.status, got.body)
		}
	}
	reads := []adminCall{
		{method: "GET", path: "/_fake/healthz", host: "evil.example", header: map[string]string{"Origin": "http://evil.example"}},
		{method: "GET", path: "/_fake/messages"},
	}
	for _, c := range reads {
		if got := c.do(t, srv); got.status != http.StatusOK {
			t.Errorf("GET %s (Host %q): %d %s", c.path, c.host, got.status, got.body)
		}
	}
	if got := (adminCall{method: "GET", path: "/_fake/messages", host: "evil.example"}).do(t, srv); got.status != http.StatusForbidden ||
		!strings.Contains(got.body, "-admin-hosts") {
		t.Errorf("GET with a foreign Host: %d %s, want 403 naming -admin-hosts", got.status, got.body)
	}
}

func port(srv *fakeserver.Server) string {
	ep := srv.Endpoint()
	return ep[strings.LastIndexByte(ep, ':')+1:]
}

// logBuffer collects a server's log output.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func TestAdminToken(t *testing.T) {
	const token = "s3cret-Token"
	var logs logBuffer
	srv := fakeserver.Run(t, fakeserver.WithAdminToken(token), fakeserver.WithLogger(logs.logger()))
	bearer := func(tok string) map[string]string {
		return map[string]string{"Authorization": "Bearer " + tok, "Content-Type": "application/json"}
	}
	for _, tc := range []struct {
		name string
		call adminCall
		want int
	}{
		{"no token", adminCall{method: "GET", path: "/_fake/messages"}, http.StatusUnauthorized},
		{"a wrong token", adminCall{method: "GET", path: "/_fake/messages", header: bearer("s3cret")}, http.StatusUnauthorized},
		{"another scheme", adminCall{method: "GET", path: "/_fake/messages", header: map[string]string{"Authorization": "Basic " + token}}, http.StatusUnauthorized},
		{"the token", adminCall{method: "GET", path: "/_fake/messages", header: bearer(token)}, http.StatusOK},
		{"the token, changing state", adminCall{method: "POST", path: "/_fake/clock", body: `{"advance":"1s"}`, header: bearer(token)}, http.StatusOK},
		{"no token, changing state", adminCall{method: "POST", path: "/_fake/clock", body: `{"advance":"1s"}`, header: jsonType}, http.StatusUnauthorized},
		{"healthz needs none", adminCall{method: "GET", path: "/_fake/healthz"}, http.StatusOK},
		{"the page needs one", adminCall{method: "GET", path: "/_fake/"}, http.StatusUnauthorized},
	} {
		got := tc.call.do(t, srv)
		if got.status != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, got.status, got.body, tc.want)
		}
		if got.status == http.StatusUnauthorized && !strings.HasPrefix(got.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: 401 without WWW-Authenticate: Bearer", tc.name)
		}
	}

	// A browser without the cookie gets a form asking for the token.
	html := map[string]string{"Accept": "text/html,application/xhtml+xml"}
	form := adminCall{method: "GET", path: "/_fake/", header: html}.do(t, srv)
	if form.status != http.StatusUnauthorized || !strings.Contains(form.body, `<form`) || !strings.Contains(form.body, `name="token"`) {
		t.Errorf("browser without a token: %d %s", form.status, form.body)
	}
	if got := (adminCall{method: "GET", path: "/_fake/?token=wrong", header: html}).do(t, srv); got.status != http.StatusUnauthorized {
		t.Errorf("?token=wrong: %d", got.status)
	}
	// Visiting once with ?token= sets the cookie and drops the token from the URL.
	login := adminCall{method: "GET", path: "/_fake/messages?limit=5&token=" + token, header: html}.do(t, srv)
	if login.status != http.StatusSeeOther || login.header.Get("Location") != "/_fake/messages?limit=5" {
		t.Fatalf("login: %d, Location %q", login.status, login.header.Get("Location"))
	}
	cookies := (&http.Response{Header: login.header}).Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode || cookies[0].Path != "/_fake" {
		t.Fatalf("login cookie %+v, want one HttpOnly SameSite=Strict cookie for /_fake", cookies)
	}
	if strings.Contains(cookies[0].Value, token) {
		t.Error("the cookie holds the token itself")
	}
	withCookie := map[string]string{"Cookie": cookies[0].Name + "=" + cookies[0].Value, "Content-Type": "application/json"}
	if got := (adminCall{method: "GET", path: "/_fake/", header: withCookie}).do(t, srv); got.status != http.StatusOK {
		t.Errorf("the page with the cookie: %d", got.status)
	}
	if got := (adminCall{method: "DELETE", path: "/_fake/messages", header: withCookie}).do(t, srv); got.status != http.StatusOK {
		t.Errorf("DELETE with the cookie: %d", got.status)
	}
	forged := map[string]string{"Cookie": cookies[0].Name + "=" + strings.Repeat("0", len(cookies[0].Value))}
	if got := (adminCall{method: "GET", path: "/_fake/messages", header: forged}).do(t, srv); got.status != http.StatusUnauthorized {
		t.Errorf("a forged cookie: %d", got.status)
	}

	out := logs.String()
	if strings.Contains(out, token) || strings.Contains(out, cookies[0].Value) {
		t.Errorf("the log holds the token or the cookie:\n%s", out)
	}
	if !strings.Contains(out, `msg="admin change" method=POST path=/_fake/clock status=200`) ||
		!strings.Contains(out, `msg="admin change" method=DELETE path=/_fake/messages status=200`) {
		t.Errorf("admin changes not logged at INFO:\n%s", out)
	}
	if strings.Contains(out, `method=GET`) {
		t.Errorf("reads logged as changes:\n%s", out)
	}
}

func TestAdminOptionsValidated(t *testing.T) {
	for _, o := range []fakeserver.Options{
		{AdminToken: "has space"},
		{AdminToken: "tab\there"},
		{AdminHosts: []string{"fakeserver:8080"}},
		{AdminHosts: []string{"http://fakeserver"}},
		{AdminHosts: []string{""}},
	} {
		if _, err := fakeserver.New(o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		} else if o.AdminToken != "" && strings.Contains(err.Error(), o.AdminToken) {
			t.Errorf("the error echoes the token: %v", err)
		}
	}
}

// TestAdminBodyTooLarge pins issue 11's finding that an oversized admin
// body was answered 400: it is 413.
func TestAdminBodyTooLarge(t *testing.T) {
	srv := fakeserver.Run(t)
	big := `{"action":"SendSms","code":"InternalError","x":"` + strings.Repeat("x", 1<<20) + `"}`
	for _, path := range []string{"/_fake/faults", "/_fake/replies", "/_fake/templates"} {
		if code := admin(t, srv, "POST", path, big, nil); code != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s of 1 MB: %d, want 413", path, code)
		}
	}
}
