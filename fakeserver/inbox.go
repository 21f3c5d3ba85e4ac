package fakeserver

import (
	"net/http"
	"strings"

	"github.com/notifykit/notifier/fakeserver/internal/inbox"
)

// InboxSize returns the bytes of the inbox page at /_fake/: its HTML, CSS,
// JavaScript and icon together.
func InboxSize() int { return inbox.Size() }

// adminInbox serves the page itself.
func (s *Server) adminInbox(w http.ResponseWriter, r *http.Request) {
	inbox.Serve(w, r, "index.html")
}

// adminInboxAsset serves GET /_fake/assets/{name}.
func (s *Server) adminInboxAsset(w http.ResponseWriter, r *http.Request) {
	inbox.Serve(w, r, r.PathValue("name"))
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
		inbox.Serve(w, r, "icon.svg")
		return true
	case r.URL.Path == "/" && r.URL.RawQuery == "" && r.Header.Get("Authorization") == "" &&
		r.Header.Get("X-TC-Action") == "" && strings.Contains(r.Header.Get("Accept"), "text/html"):
		http.Redirect(w, r, "/_fake/", http.StatusSeeOther)
		return true
	}
	return false
}
