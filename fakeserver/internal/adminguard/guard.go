// Package adminguard is the fake server's admin API guard: one middleware
// around every /_fake/ endpoint that checks the Host, the Origin, an
// optional token and the Content-Type of state-changing requests, and logs
// admin changes.
package adminguard

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// The admin guard is one middleware around every /_fake/ endpoint, so that
// endpoints added later are covered without edits. A web page the
// developer happens to open must not be able to drive the admin API
// through their browser, and a server bound to all interfaces can require
// a token:
//
//   - Host: a request whose Host is not an IP literal, localhost,
//     *.localhost or a configured name (Options.AdminHosts) is refused
//     (403). A DNS-rebinding page reaches the server under its own name,
//     which is none of these.
//   - Origin: a request whose Origin is not the server's own (scheme aside)
//     is refused (403). Browsers send Origin with every cross-origin
//     request and every POST, PUT, PATCH and DELETE.
//   - Token (Options.AdminToken): every endpoint but healthz needs
//     "Authorization: Bearer <token>" or the cookie a browser gets by
//     visiting any admin page once with ?token=<token> (401 otherwise).
//   - Content-Type: a request that changes state (any method but GET, HEAD
//     and OPTIONS) must say application/json (415), which an HTML form
//     cannot send and a cross-origin fetch cannot send without a CORS
//     preflight, which the server never grants.
//
// GET /_fake/healthz is exempt from all four: it reveals and changes
// nothing, and container health checks reach it under any name. Requests
// through Transport come from the process itself and skip the Host check.
// Every state-changing request is logged at INFO with its method, path and
// status; never with a body, a query or a token.

// adminCookie is the name of the cookie that authorises a browser.
const adminCookie = "fakeserver_admin"

// Config is what the guard enforces.
type Config struct {
	// Token, when set, must be presented as "Authorization: Bearer <Token>"
	// or by the cookie a browser gets by visiting with ?token=<Token>.
	Token string
	// Hosts are the names, besides IP literals, localhost and *.localhost,
	// that requests may name in Host.
	Hosts []string
	// Log receives one INFO record per state-changing request.
	Log *slog.Logger
}

// adminGuard wraps the admin mux; see above.
type adminGuard struct {
	next   http.Handler
	log    *slog.Logger
	hosts  map[string]bool // configured names, lower case
	token  *[sha256.Size]byte
	cookie string // the cookie value that authorises: an HMAC of the token
}

// New returns next behind the guard.
func New(next http.Handler, cfg Config) http.Handler {
	g := &adminGuard{next: next, log: cfg.Log, hosts: map[string]bool{}}
	if g.log == nil {
		g.log = slog.New(slog.DiscardHandler)
	}
	for _, h := range cfg.Hosts {
		g.hosts[normalHost(h)] = true
	}
	if cfg.Token != "" {
		sum := sha256.Sum256([]byte(cfg.Token))
		g.token = &sum
		mac := hmac.New(sha256.New, []byte(cfg.Token))
		mac.Write([]byte("fakeserver admin cookie"))
		g.cookie = hex.EncodeToString(mac.Sum(nil))
	}
	return g
}

// ServeHTTP applies the checks in order: Host, Origin, token,
// Content-Type.
func (g *adminGuard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/_fake/healthz" {
		g.next.ServeHTTP(w, r)
		return
	}
	if !inProcess(r) && !g.hostAllowed(r.Host) {
		writeError(w, http.StatusForbidden, fmt.Errorf(
			"the admin API does not answer to host %q: use an IP address or localhost, or allow the name with -admin-hosts (FAKESERVER_ADMIN_HOSTS)",
			sanitizeHeader(r.Host)))
		return
	}
	if !sameOrigin(r) {
		writeError(w, http.StatusForbidden, errors.New("the admin API refuses requests from other origins"))
		return
	}
	if g.token != nil {
		if tok := r.URL.Query().Get("token"); tok != "" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			g.login(w, r, tok)
			return
		}
		if !g.authorised(r) {
			g.unauthorised(w, r, "the admin API needs a token: send \"Authorization: Bearer <token>\", or visit /_fake/?token=<token> once in a browser")
			return
		}
	}
	if !changesState(r.Method) {
		g.next.ServeHTTP(w, r)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, errors.New(
			`state-changing admin requests need "Content-Type: application/json" (so that no web page can send them)`))
		return
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	g.next.ServeHTTP(rec, r)
	g.log.LogAttrs(r.Context(), slog.LevelInfo, "admin change",
		slog.String("method", r.Method),
		slog.String("path", sanitizeHeader(r.URL.Path)),
		slog.Int("status", rec.status),
		slog.String("remote", r.RemoteAddr))
}

// changesState reports whether method may change the server's state.
func changesState(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// hostAllowed reports whether the Host header names the server in a way no
// other web site can: an IP literal, localhost or *.localhost (which
// browsers resolve to loopback themselves), or a configured name. An empty
// Host (HTTP/1.0) comes from no browser.
func (g *adminGuard) hostAllowed(hostport string) bool {
	if hostport == "" {
		return true
	}
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = normalHost(host)
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || g.hosts[host]
}

// normalHost lower-cases a host name and drops IPv6 brackets and a
// trailing dot.
func normalHost(h string) string {
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// sameOrigin reports whether r has no Origin or the server's own: the
// Origin's host and port are the request's Host. "null" (a sandboxed or
// file page) is foreign.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// authorised reports whether r carries the token, as a bearer token or as
// the login cookie. Both comparisons take constant time.
func (g *adminGuard) authorised(r *http.Request) bool {
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, cred, ok := strings.Cut(auth, " ")
		return ok && strings.EqualFold(scheme, "Bearer") && g.tokenMatches(strings.TrimSpace(cred))
	}
	c, err := r.Cookie(adminCookie)
	return err == nil && hmac.Equal([]byte(c.Value), []byte(g.cookie))
}

// tokenMatches compares digests, so that neither the token's bytes nor its
// length show in the time taken.
func (g *adminGuard) tokenMatches(tok string) bool {
	sum := sha256.Sum256([]byte(tok))
	return subtle.ConstantTimeCompare(sum[:], g.token[:]) == 1
}

// login answers ?token=: with the right token, it sets the cookie and
// redirects to the same URL without the token, so that the token leaves
// the address bar.
func (g *adminGuard) login(w http.ResponseWriter, r *http.Request, tok string) {
	if !g.tokenMatches(tok) {
		g.unauthorised(w, r, "wrong token")
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: adminCookie, Value: g.cookie, Path: "/_fake",
		HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
	q := r.URL.Query()
	q.Del("token")
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
}

// unauthorised answers 401: a small HTML form asking for the token to a
// browser navigating to an admin page, JSON to anything else.
func (g *adminGuard) unauthorised(w http.ResponseWriter, r *http.Request, msg string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="fakeserver admin"`)
	if r.Method != http.MethodGet || !strings.Contains(r.Header.Get("Accept"), "text/html") {
		writeError(w, http.StatusUnauthorized, errors.New(msg))
		return
	}
	q := r.URL.Query()
	q.Del("token")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnauthorized)
	_ = loginPage.Execute(w, struct {
		Path, Message string
		Query         url.Values
	}{r.URL.Path, msg, q})
}

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fakeserver: token</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}</style></head><body>
<h1>fake sms.tencentcloudapi.com</h1>
<p>The admin pages need the server's admin token (-admin-token, FAKESERVER_ADMIN_TOKEN). {{.Message}}.</p>
<form method="get" action="{{.Path}}">
{{range $k, $vs := .Query}}{{range $vs}}<input type="hidden" name="{{$k}}" value="{{.}}">{{end}}{{end}}
<label>Token <input type="password" name="token" autofocus autocomplete="current-password"></label>
<button type="submit">Open</button>
</form></body></html>
`))

// statusRecorder remembers the status a handler answers with, for the
// admin change log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush passes flushes on, for handlers that stream.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// sanitizeHeader bounds client-chosen text echoed in answers and logs.
func sanitizeHeader(s string) string {
	const max = 200
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// inProcessKey marks requests served through Transport.
type inProcessKey struct{}

// inProcess reports whether r came through Transport.
func inProcess(r *http.Request) bool {
	v, _ := r.Context().Value(inProcessKey{}).(bool)
	return v
}

// WithInProcess marks a request context as served in process (the
// server's Transport): the guard skips its Host check for it.
func WithInProcess(ctx context.Context) context.Context {
	return context.WithValue(ctx, inProcessKey{}, true)
}

// writeError answers status with {"error": err}, like the admin API's
// other errors.
func writeError(w http.ResponseWriter, status int, err error) {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
