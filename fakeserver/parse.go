package fakeserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/notifykit/notifier/internal/tcsms"
)

// APIVersion is the only API version the server answers (sms v20210111).
const APIVersion = "2021-01-11"

// apiCall is one authenticated API request, before its action runs.
type apiCall struct {
	action   string
	version  string
	secretID string
	service  string // credential-scope service (TC3); "sms" for v1
	json     []byte // action parameters as JSON (TC3 POST with a JSON body)
	form     url.Values
}

// v1CommonParams are the parameters v1 signing adds beside the action's own.
var v1CommonParams = []string{
	"Action", "Version", "Region", "Timestamp", "Nonce", "RequestClient",
	"SecretId", "SignatureMethod", "Signature", "Token", "Language",
}

// parse reads and authenticates an API request the way the SDKs send them
// (reference §1–§2): TC3 with a JSON body or a query, or v1 with a form
// body or a query. Only the method and size checks come before the
// signature, so an unauthenticated client learns nothing else. The body is
// read into scratch when it fits; the call's json may then refer to it.
func (s *Server) parse(r *http.Request, rh *reqHeaders, scratch []byte) (apiCall, *tcsms.APIError) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return apiCall{}, tcsms.Errorf(tcsms.CodeUnsupportedProtocol,
			"The HTTP method %s is not supported; use GET or POST.", sanitize(r.Method))
	}
	tc3 := rh.authorization != ""
	if r.Method == http.MethodGet && int64(len(r.URL.RawQuery)) > s.limit(DefaultMaxQueryBytes) {
		return apiCall{}, sizeError(s.limit(DefaultMaxQueryBytes))
	}
	var body []byte
	if r.Method == http.MethodPost {
		max := s.limit(DefaultMaxV1BodyBytes)
		if tc3 {
			max = s.limit(DefaultMaxTC3BodyBytes)
		}
		var err *tcsms.APIError
		if body, err = readBody(r, max, scratch); err != nil {
			return apiCall{}, err
		}
	}
	if tc3 {
		return s.parseTC3(r, rh, body)
	}
	var hostBuf [3]string
	return s.parseV1(r, rh, body, tcsms.AppendCandidates(hostBuf[:0], r.Host))
}

func (s *Server) parseTC3(r *http.Request, rh *reqHeaders, body []byte) (apiCall, *tcsms.APIError) {
	id, service, err := s.verifyTC3(r, rh, body)
	if err != nil {
		return apiCall{}, asAPIError(err)
	}
	c := apiCall{
		action:   rh.action,
		version:  rh.version,
		secretID: id,
		service:  service,
	}
	switch {
	case r.Method == http.MethodGet:
		c.form, err = url.ParseQuery(r.URL.RawQuery)
	case isForm(rh.contentType):
		c.form, err = url.ParseQuery(string(body))
	default:
		c.json = body
	}
	if err != nil {
		return apiCall{}, tcsms.Errorf(tcsms.CodeInvalidParameter, "The request parameters are not correctly URL-encoded.")
	}
	if c.action == "" {
		return apiCall{}, missingParam("X-TC-Action")
	}
	if c.version == "" {
		return apiCall{}, missingParam("X-TC-Version")
	}
	return c, nil
}

// verifyTC3 checks r's signature against the candidate hosts of r.Host
// (VerifyTC3 tries them in order, the Host header first).
func (s *Server) verifyTC3(r *http.Request, rh *reqHeaders, body []byte) (secretID, service string, err error) {
	v := s.verifier
	v.CanonicalHeaders = rh.canonical
	var hostBuf [3]string
	hosts := tcsms.AppendCandidates(hostBuf[:0], r.Host)
	return v.VerifyTC3(r.Method, r.Header, r.URL.RawQuery, body, hosts)
}

func (s *Server) parseV1(r *http.Request, rh *reqHeaders, body []byte, hosts []string) (apiCall, *tcsms.APIError) {
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		if !isForm(rh.contentType) {
			// A JSON body without Authorization is a TC3 request missing
			// its signature.
			return apiCall{}, tcsms.Errorf(tcsms.CodeInvalidAuthorization,
				"The request has neither an Authorization header nor v1 signature parameters.")
		}
		raw = string(body)
	}
	params, perr := url.ParseQuery(raw)
	if perr != nil {
		return apiCall{}, tcsms.Errorf(tcsms.CodeInvalidParameter, "The request parameters are not correctly URL-encoded.")
	}
	id, err := s.verifier.VerifyV1(r.Method, params, hosts)
	if err != nil {
		return apiCall{}, asAPIError(err)
	}
	c := apiCall{
		action:   params.Get("Action"),
		version:  params.Get("Version"),
		secretID: id,
		service:  "sms",
	}
	if c.action == "" {
		return apiCall{}, missingParam("Action")
	}
	if c.version == "" {
		return apiCall{}, missingParam("Version")
	}
	for _, k := range v1CommonParams {
		delete(params, k)
	}
	c.form = params
	return c, nil
}

// readBody reads at most max bytes of the request body, into scratch when
// it announces a length that fits.
func readBody(r *http.Request, max int64, scratch []byte) ([]byte, *tcsms.APIError) {
	if r.ContentLength > max {
		return nil, sizeError(max)
	}
	var b []byte
	var err error
	if n := r.ContentLength; n > 0 {
		// Read exactly the announced length, then check nothing follows.
		// One more byte of room receives anything past the end.
		if n < int64(cap(scratch)) {
			b = scratch[:n]
		} else {
			b = make([]byte, n, n+1)
		}
		if _, err = io.ReadFull(r.Body, b); err == nil {
			if k, _ := r.Body.Read(b[n : n+1]); k > 0 {
				err = io.ErrUnexpectedEOF
			}
		}
	} else {
		b, err = io.ReadAll(io.LimitReader(r.Body, max+1))
	}
	if err != nil {
		return nil, tcsms.Errorf(tcsms.CodeInvalidRequest, "The request body could not be read.")
	}
	if int64(len(b)) > max {
		return nil, sizeError(max)
	}
	return b, nil
}

// bodyPool holds buffers for request bodies: the body is garbage once the
// answer is written, because decoding copies every string it keeps.
var bodyPool = sync.Pool{New: func() any { return new(bodyBuf) }}

// bodyBuf is a pooled request-body buffer; most requests fit.
type bodyBuf [4096]byte

func (s *Server) limit(def int64) int64 {
	if m := s.opts.MaxBodyBytes; m > 0 && m < def {
		return m
	}
	return def
}

func sizeError(max int64) *tcsms.APIError {
	return tcsms.Errorf(tcsms.CodeRequestSizeLimitExceeded, "The request exceeds the size limit of %d bytes.", max)
}

func missingParam(name string) *tcsms.APIError {
	return tcsms.Errorf(tcsms.CodeMissingParameter, "The request is missing a required parameter `%s`.", name)
}

func isForm(contentType string) bool {
	const form = "application/x-www-form-urlencoded"
	if contentType == "application/json" { // the common case, without parsing
		return false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == form
}

// decodeParams fills params, a pointer to an SDK request params struct, from
// the call's JSON body or flattened parameters. Unknown names give
// UnknownParameter, wrong types InvalidParameter, unparsable JSON
// FailedOperation.JsonParseFail.
func decodeParams(c *apiCall, params any) *tcsms.APIError {
	body := c.json
	if c.form != nil {
		var err *tcsms.APIError
		if body, err = unflatten(c.form, reflect.TypeOf(params).Elem()); err != nil {
			return err
		}
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	if fastDecode(body, params) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(params); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return tcsms.Errorf(tcsms.CodeJSONParseFail, "The request body has data after its JSON object.")
	}
	return nil
}

func jsonError(err error) *tcsms.APIError {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return tcsms.Errorf(tcsms.CodeInvalidParameter,
			"The value type of parameter `%s` is invalid: expected %s.", typeErr.Field, typeErr.Type)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return tcsms.Errorf(tcsms.CodeUnknownParameter, "The parameter `%s` is not recognized.", paramName(name))
	}
	if typeErr != nil {
		return tcsms.Errorf(tcsms.CodeJSONParseFail, "The request body must be a JSON object.")
	}
	return tcsms.Errorf(tcsms.CodeJSONParseFail, "The request body is not valid JSON.")
}

// sanitize bounds client-chosen text echoed in messages and logs.
func sanitize(s string) string {
	const max = 64
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

// paramName returns a client-sent parameter name fit to echo in an error:
// the name itself when it looks like one (letters, digits, '.', '_', at most
// 64 bytes), else a placeholder. A "name" can be anything, such as a JSON
// body sent as a form, and must not carry message content into errors.
func paramName(s string) string {
	if len(s) == 0 || len(s) > 64 {
		return "(not a parameter name)"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_') {
			return "(not a parameter name)"
		}
	}
	return s
}

// header returns the first value of a request header. key must be in
// canonical form ("X-Tc-Action"); names that reached the map in another
// case (possible through Transport) are matched case-insensitively.
func header(r *http.Request, key string) string {
	if vs := r.Header[key]; len(vs) > 0 {
		return vs[0]
	}
	for k, vs := range r.Header {
		if len(vs) > 0 && strings.EqualFold(k, key) {
			return vs[0]
		}
	}
	return ""
}
