// Package wire is the fake server's protocol layer: it reads Tencent Cloud
// API 3.0 requests and writes Tencent's answers, and knows nothing of
// what actions do.
//
// Reading (Reader.Read) takes a request through, in order: the method
// (GET or POST), the size limits, the credential named by the
// Authorization header (before a large body is read), the body, the
// signature (TC3-HMAC-SHA256 or the legacy v1 HmacSHA1/HmacSHA256,
// through internal/tcsms), the API version and action (looked up in
// package actions, which is where a version's actions are registered),
// and the parameters, decoded from a JSON body, a form body or a query
// into the action's request struct. Every failure is a *tcsms.APIError.
//
// Writing (WriteResult, WriteError) produces the one answer shape Tencent
// uses: HTTP 200 application/json holding {"Response":{...,"RequestId":...}},
// errors included.
//
// JSON is github.com/go-json-experiment/json (the upstream of Go's
// encoding/json/v2): its names are case-sensitive and duplicate names are
// rejected, as a strict server's should be, and it decodes the SDKs'
// request structs faster than encoding/json.
package wire
