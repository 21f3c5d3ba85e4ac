package fakeserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// adminRoutes are the admin endpoints FuzzAdmin drives, by method and
// path; {id} and {name} are filled from the fuzzed path segment.
var adminRoutes = []struct{ method, path string }{
	{"GET", "/_fake/messages"},
	{"GET", "/_fake/messages/wait"},
	{"GET", "/_fake/stats"},
	{"DELETE", "/_fake/messages"},
	{"POST", "/_fake/apps"},
	{"POST", "/_fake/signs"},
	{"POST", "/_fake/templates"},
	{"GET", "/_fake/templates"},
	{"POST", "/_fake/templates/{id}/approve"},
	{"POST", "/_fake/templates/{id}/reject"},
	{"GET", "/_fake/faults"},
	{"POST", "/_fake/faults"},
	{"PUT", "/_fake/faults"},
	{"DELETE", "/_fake/faults/{id}"},
	{"GET", "/_fake/chaos"},
	{"PUT", "/_fake/chaos"},
	{"GET", "/_fake/duplicates"},
	{"POST", "/_fake/signs/{name}/approve"},
	{"POST", "/_fake/signs/{name}/reject"},
	{"GET", "/_fake/callbacks"},
	{"POST", "/_fake/replies"},
	{"GET", "/_fake/replies"},
	{"GET", "/_fake/clock"},
	{"POST", "/_fake/clock"},
	{"GET", "/_fake/"},
}

// FuzzAdmin sends arbitrary query strings and bodies to every admin
// endpoint through the handler. The server must not panic, must answer
// JSON (the page aside) with a status a client can act on, and never 500.
func FuzzAdmin(f *testing.F) {
	seeds := []struct {
		route          uint8
		segment, query string
		body           string
	}{
		{0, "", "number=%2B8613800000001&limit=5&order=desc", ""},
		{0, "", "after=2433:1&before=x&since=2026-01-01T00:00:00Z&until=1700000000", ""},
		{1, "", "count=2&timeout=1ms&text=code", ""},
		{4, "", "", `[{"id":"1400006666","name":"demo"},{"id":""}]`},
		{6, "", "", `{"id":"100001","content":"Your code is {1}","status":1,"created":"2026-01-01T00:00:00Z"}`},
		{8, "100001", "", ""},
		{9, "100001", "", `{"reviewReply":"no"}`},
		{11, "", "", `{"action":"SendSms","number":"+8613800000001","code":"InternalError","nth":2,"times":3}`},
		{12, "", "", `{"faults":[{"http":"status","status":503,"body":"x"},{"latency":"1s","phase":"after"}]}`},
		{15, "", "", `{"seed":7,"rate":0.5,"effects":["reset"]}`},
		{20, "", "", `{"number":"+8613800000001","text":"TD","time":"2026-01-01T00:00:00Z"}`},
		{23, "", "", `{"advance":"-1h"}`},
		{23, "", "", `{"set":"9999-12-31T23:59:59Z"}`},
		{5, "", "", "\xff{\"name\":1e999}"},
	}
	for _, s := range seeds {
		f.Add(s.route, s.segment, s.query, []byte(s.body))
	}
	srv, err := fakeserver.New(fakeserver.Options{MaxClockSkew: -1})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	f.Fuzz(func(t *testing.T, route uint8, segment, query string, body []byte) {
		rt := adminRoutes[int(route)%len(adminRoutes)]
		path := strings.NewReplacer("{id}", segment, "{name}", segment).Replace(rt.path)
		req, err := http.NewRequest(rt.method, "http://127.0.0.1:8080"+path, bytes.NewReader(body))
		if err != nil || strings.ContainsAny(query, "#") {
			return
		}
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", "application/json")
		// Long polls end quickly: the request's context gives up.
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req.WithContext(ctx))
		switch rec.Code {
		case 200, 201, 301, 307, 308, 400, 404, 405, 408, 409, 413, 503:
		default:
			t.Fatalf("%s %s?%s: HTTP %d %s", rt.method, path, query, rec.Code, rec.Body.Bytes())
		}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s?%s: invalid JSON %q", rt.method, path, query, rec.Body.Bytes())
		}
	})
}
