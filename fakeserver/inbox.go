package fakeserver

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// The inbox is the page at /_fake/: hand-written HTML, CSS and JavaScript
// embedded in the binary (no build step, nothing fetched from elsewhere),
// which lists held messages live over GET /_fake/events and acts through
// the admin API. It reads and changes nothing the admin API does not.

//go:embed inbox
var inboxFS embed.FS

// inboxAsset is one embedded file, ready to serve.
type inboxAsset struct {
	body        []byte
	contentType string
	etag        string
}

// inboxAssets maps a file name under inbox/ to its asset.
var inboxAssets = func() map[string]inboxAsset {
	out := map[string]inboxAsset{}
	entries, err := fs.ReadDir(inboxFS, "inbox")
	if err != nil {
		panic(err) // the embedded directory is part of the build
	}
	for _, e := range entries {
		body, err := fs.ReadFile(inboxFS, "inbox/"+e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		out[e.Name()] = inboxAsset{
			body:        body,
			contentType: mime.TypeByExtension(path.Ext(e.Name())),
			etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
		}
	}
	return out
}()

// InboxSize returns the bytes of the inbox page: its HTML, CSS,
// JavaScript and icon together.
func InboxSize() int {
	n := 0
	for _, a := range inboxAssets {
		n += len(a.body)
	}
	return n
}

// inboxCSP allows the page its own scripts, styles and API only: a
// message param holding markup can never run, even if the page had a bug
// that inserted it as HTML.
const inboxCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// serveInboxAsset writes the named asset, or 404.
func serveInboxAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := inboxAssets[name]
	if !ok || strings.HasPrefix(name, ".") {
		adminError(w, http.StatusNotFound, errNoInboxAsset)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", "no-cache") // revalidate: the ETag answers 304
	h.Set("ETag", a.etag)
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasSuffix(name, ".html") {
		h.Set("Content-Security-Policy", inboxCSP)
		h.Set("Referrer-Policy", "no-referrer")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.body))
}

var errNoInboxAsset = errors.New("no such inbox file")

// adminInbox serves the page itself.
func (s *Server) adminInbox(w http.ResponseWriter, r *http.Request) {
	serveInboxAsset(w, r, "index.html")
}

// adminInboxAsset serves GET /_fake/assets/{name}.
func (s *Server) adminInboxAsset(w http.ResponseWriter, r *http.Request) {
	serveInboxAsset(w, r, r.PathValue("name"))
}

// serveBrowser answers the two requests a browser makes outside /_fake/
// and reports whether it did: GET / from a browser (it accepts HTML and
// sends no Tencent headers or query) redirects to the inbox, and
// /favicon.ico is the inbox's icon. Everything else, every SDK request
// included, is left to the API.
func (s *Server) serveBrowser(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	switch {
	case r.URL.Path == "/favicon.ico":
		serveInboxAsset(w, r, "icon.svg")
		return true
	case r.URL.Path == "/" && r.URL.RawQuery == "" && r.Header.Get("Authorization") == "" &&
		r.Header.Get("X-TC-Action") == "" && strings.Contains(r.Header.Get("Accept"), "text/html"):
		http.Redirect(w, r, "/_fake/", http.StatusSeeOther)
		return true
	}
	return false
}
