// Package inbox holds the fake server's web page, the inbox at /_fake/:
// hand-written HTML, CSS and JavaScript embedded in the binary (no build
// step, nothing fetched from elsewhere), which lists held messages live
// over GET /_fake/events and acts through the admin API. It reads and
// changes nothing the admin API does not.
package inbox

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed assets
var inboxFS embed.FS

// inboxAsset is one embedded file, ready to serve.
type inboxAsset struct {
	body        []byte
	contentType string
	etag        string
}

// inboxAssets maps a file name under assets/ to its asset.
var inboxAssets = func() map[string]inboxAsset {
	out := map[string]inboxAsset{}
	entries, err := fs.ReadDir(inboxFS, "assets")
	if err != nil {
		panic(err) // the embedded directory is part of the build
	}
	for _, e := range entries {
		body, err := fs.ReadFile(inboxFS, "assets/"+e.Name())
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

// Size returns the bytes of the inbox page: its HTML, CSS, JavaScript and
// icon together.
func Size() int {
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

// Serve writes the named asset ("index.html", "inbox.js", ...), or a 404
// in the admin API's JSON error form.
func Serve(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := inboxAssets[name]
	if !ok || strings.HasPrefix(name, ".") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":"no such inbox file"}` + "\n"))
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
