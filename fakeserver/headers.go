package fakeserver

import (
	"net/http"

	"github.com/notifykit/notifier/internal/tcsms"
)

// reqHeaders are the request headers the API path reads, with header's
// semantics (the first value; names matched case-insensitively).
type reqHeaders struct {
	authorization, action, version, contentType, traceID string
	// canonical is set when every header name is canonical
	// (tcsms.CanonicalHeaderName), as net/http's server leaves them: a
	// name that is not a key is then absent in any spelling.
	canonical bool
}

// readHeaders reads r's headers in one pass over the map when their names
// are canonical, instead of a lookup per header and a search through all
// of them per header that is absent; otherwise it looks each up as header
// does.
func readHeaders(r *http.Request) reqHeaders {
	rh := reqHeaders{canonical: true}
	for k, vs := range r.Header {
		var dst *string
		switch k {
		case "Authorization":
			dst = &rh.authorization
		case "X-Tc-Action":
			dst = &rh.action
		case "X-Tc-Version":
			dst = &rh.version
		case "Content-Type":
			dst = &rh.contentType
		case "X-Tc-Traceid":
			dst = &rh.traceID
		default:
			if rh.canonical && !tcsms.CanonicalHeaderName(k) {
				rh.canonical = false
			}
			continue
		}
		if len(vs) > 0 {
			*dst = vs[0]
		}
	}
	if !rh.canonical {
		rh = reqHeaders{
			authorization: header(r, "Authorization"),
			action:        header(r, "X-Tc-Action"),
			version:       header(r, "X-Tc-Version"),
			contentType:   header(r, "Content-Type"),
			traceID:       header(r, "X-Tc-Traceid"),
		}
	}
	return rh
}
