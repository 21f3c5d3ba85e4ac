package wire

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/internal/tcsms"
)

// Limits bound what Read accepts (reference §6).
type Limits struct {
	// TC3Body, V1Body and Query are the largest TC3 POST body, v1 POST
	// body and GET query, in bytes.
	TC3Body, V1Body, Query int64
	// InFlight caps the body bytes all requests may be reading at once;
	// past it a request is answered RequestLimitExceeded without reading
	// its body. 0 means no cap.
	InFlight int64
}

// Reader reads API requests. Its fields are set before first use; it is
// safe for concurrent use.
type Reader struct {
	Verifier tcsms.Verifier
	Limits   Limits
	inFlight atomic.Int64 // body bytes being read now
}

// Call is one authenticated API request with its parameters decoded.
type Call struct {
	Action, Version string
	// SecretID is the credential that signed it.
	SecretID string
	// Handler is the action's.
	Handler actions.Handler
	// Params is the decoded request struct (Handler.NewParams's type).
	Params any
	// Body is the raw request body as read (nil for a GET). It must not be
	// changed; the server keeps it, redacted, in its send log.
	Body []byte
}

// v1CommonParams are the parameters v1 signing adds beside the action's own.
var v1CommonParams = []string{
	"Action", "Version", "Region", "Timestamp", "Nonce", "RequestClient",
	"SecretId", "SignatureMethod", "Signature", "Token", "Language",
}

// Read reads, authenticates and decodes an API request the way the SDKs
// send them (reference §1–§2): TC3 with a JSON body, a form body or a
// query, or v1 with a form body or a query. Only the method, size and
// credential checks come before the signature, so an unauthenticated
// client learns nothing else.
func (rd *Reader) Read(r *http.Request) (*Call, *tcsms.APIError) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return nil, tcsms.Errorf(tcsms.CodeUnsupportedProtocol,
			"The HTTP method %s is not supported; use GET or POST.", actions.Sanitize(r.Method))
	}
	if r.Method == http.MethodGet && int64(len(r.URL.RawQuery)) > rd.Limits.Query {
		return nil, sizeError(rd.Limits.Query)
	}
	authz := Header(r, "Authorization")
	tc3 := authz != ""
	var auth tcsms.TC3Auth
	if tc3 {
		// Who is asking, before their body costs anything.
		var err error
		if auth, err = tcsms.ParseTC3Authorization(authz); err != nil {
			return nil, actions.AsAPIError(err)
		}
		if _, ok := rd.Verifier.Secret(auth.SecretID); !ok {
			return nil, tcsms.NewError(tcsms.CodeSecretIDNotFound)
		}
	}
	var body []byte
	if r.Method == http.MethodPost {
		limit := rd.Limits.V1Body
		if tc3 {
			limit = rd.Limits.TC3Body
		}
		var err *tcsms.APIError
		if body, err = rd.readBody(r, limit); err != nil {
			return nil, err
		}
	}
	var c *Call
	var form url.Values
	var err *tcsms.APIError
	if tc3 {
		c, form, err = rd.readTC3(r, auth, body)
	} else {
		c, form, err = rd.readV1(r, body)
	}
	if err != nil {
		return nil, err
	}
	h, knownVersion, ok := actions.Lookup(c.Version, c.Action)
	switch {
	case !knownVersion:
		return nil, tcsms.Errorf(tcsms.CodeNoSuchVersion, "The API version `%s` does not exist; this server implements %s.",
			actions.Sanitize(c.Version), strings.Join(actions.Versions(), " and "))
	case !ok:
		return nil, tcsms.Errorf(tcsms.CodeInvalidAction, "The action `%s` does not exist in version %s.",
			actions.Sanitize(c.Action), c.Version)
	}
	c.Handler, c.Params, c.Body = h, h.NewParams(), body
	if form != nil {
		if body, err = unflattenFor(form, c.Params); err != nil {
			return nil, err
		}
	}
	if err := decodeParams(body, c.Params); err != nil {
		return nil, err
	}
	return c, nil
}

// readTC3 verifies a TC3 request and returns its call and, for a GET or a
// form body, the flattened parameters (nil for a JSON body).
func (rd *Reader) readTC3(r *http.Request, auth tcsms.TC3Auth, body []byte) (*Call, url.Values, *tcsms.APIError) {
	hosts := tcsms.Candidates(r.Host)
	id, _, err := rd.Verifier.VerifyTC3Auth(auth, r.Method, r.Header, r.URL.RawQuery, body, hosts)
	if err != nil {
		return nil, nil, actions.AsAPIError(err)
	}
	c := &Call{Action: Header(r, "X-Tc-Action"), Version: Header(r, "X-Tc-Version"), SecretID: id}
	var form url.Values
	var perr error
	switch {
	case r.Method == http.MethodGet:
		form, perr = url.ParseQuery(r.URL.RawQuery)
	case isForm(Header(r, "Content-Type")):
		form, perr = url.ParseQuery(string(body))
	}
	if perr != nil {
		return nil, nil, tcsms.Errorf(tcsms.CodeInvalidParameter, "The request parameters are not correctly URL-encoded.")
	}
	if c.Action == "" {
		return nil, nil, actions.MissingParam("X-TC-Action")
	}
	if c.Version == "" {
		return nil, nil, actions.MissingParam("X-TC-Version")
	}
	return c, form, nil
}

// readV1 verifies a v1 request, whose every value is a parameter of the
// form body or the query, and returns its call and its own parameters.
func (rd *Reader) readV1(r *http.Request, body []byte) (*Call, url.Values, *tcsms.APIError) {
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		if !isForm(Header(r, "Content-Type")) {
			// A JSON body without Authorization is a TC3 request missing
			// its signature.
			return nil, nil, tcsms.Errorf(tcsms.CodeInvalidAuthorization,
				"The request has neither an Authorization header nor v1 signature parameters.")
		}
		raw = string(body)
	}
	params, perr := url.ParseQuery(raw)
	if perr != nil {
		return nil, nil, tcsms.Errorf(tcsms.CodeInvalidParameter, "The request parameters are not correctly URL-encoded.")
	}
	id, err := rd.Verifier.VerifyV1(r.Method, params, tcsms.Candidates(r.Host))
	if err != nil {
		return nil, nil, actions.AsAPIError(err)
	}
	c := &Call{Action: params.Get("Action"), Version: params.Get("Version"), SecretID: id}
	if c.Action == "" {
		return nil, nil, actions.MissingParam("Action")
	}
	if c.Version == "" {
		return nil, nil, actions.MissingParam("Version")
	}
	for _, k := range v1CommonParams {
		delete(params, k)
	}
	if params == nil {
		params = url.Values{}
	}
	return c, params, nil
}

// readBody reads at most limit bytes of the request body, within the
// in-flight budget.
func (rd *Reader) readBody(r *http.Request, limit int64) ([]byte, *tcsms.APIError) {
	if r.ContentLength > limit {
		return nil, sizeError(limit)
	}
	reserve := limit + 1
	if r.ContentLength >= 0 {
		reserve = r.ContentLength
	}
	if max := rd.Limits.InFlight; max > 0 {
		if rd.inFlight.Add(reserve) > max {
			rd.inFlight.Add(-reserve)
			return nil, tcsms.Errorf(tcsms.CodeRequestLimitExceeded,
				"Too many request bytes are being received at once; try again later.")
		}
		defer rd.inFlight.Add(-reserve)
	}
	var b []byte
	var err error
	if n := r.ContentLength; n >= 0 {
		// Exactly the announced length, then a check that nothing follows.
		b = make([]byte, n)
		if _, err = io.ReadFull(r.Body, b); err == nil {
			var one [1]byte
			if k, _ := r.Body.Read(one[:]); k > 0 {
				err = io.ErrUnexpectedEOF
			}
		}
	} else {
		b, err = io.ReadAll(io.LimitReader(r.Body, limit+1))
	}
	if err != nil {
		return nil, tcsms.Errorf(tcsms.CodeInvalidRequest, "The request body could not be read.")
	}
	if int64(len(b)) > limit {
		return nil, sizeError(limit)
	}
	if r.ContentLength >= 0 && int64(len(b)) != r.ContentLength {
		return nil, tcsms.Errorf(tcsms.CodeInvalidRequest, "The request body could not be read.")
	}
	return b, nil
}

func sizeError(limit int64) *tcsms.APIError {
	return tcsms.Errorf(tcsms.CodeRequestSizeLimitExceeded, "The request exceeds the size limit of %d bytes.", limit)
}

func isForm(contentType string) bool {
	if contentType == "application/json" { // what the SDKs send, without parsing it
		return false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/x-www-form-urlencoded"
}

// Header returns the first value of a request header, matching its name
// case-insensitively even when it reached the map in another spelling
// (possible through an in-process transport).
func Header(r *http.Request, key string) string {
	if v := r.Header.Get(key); v != "" {
		return v
	}
	for k, vs := range r.Header {
		if len(vs) > 0 && strings.EqualFold(k, key) {
			return vs[0]
		}
	}
	return ""
}
