package fakeserver_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

// signedJSON returns a TC3-signed SendSms request for body; chunked sends
// it without a Content-Length.
func signedJSON(body string, chunked bool) *http.Request {
	return signedJSONFor(body, chunked, "sms.tencentcloudapi.com", time.Now().Unix())
}

// signedJSONFor is signedJSON signing host at Unix time now.
func signedJSONFor(body string, chunked bool, host string, now int64) *http.Request {
	var rd io.Reader = strings.NewReader(body)
	if chunked {
		rd = io.MultiReader(rd) // hides the length from NewRequest
	}
	req, _ := http.NewRequest(http.MethodPost, "http://sms.tencentcloudapi.com/", rd)
	req.Host = host
	if chunked {
		req.ContentLength = -1
	}
	p := tcsms.TC3Params{Method: "POST", Host: host, ContentType: "application/json", Service: "sms",
		Payload: []byte(body), Timestamp: now}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "SendSms")
	req.Header.Set("X-TC-Version", fakeserver.APIVersion)
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(now, 10))
	req.Header.Set("Authorization", tcsms.TC3Authorization(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey, p))
	return req
}

// TestStoredValuesOutliveRequestBuffers sends requests of every body size
// class one after another (pooled body buffers and request IDs are reused
// between them) and checks that every stored message and every answer
// kept its own values.
func TestStoredValuesOutliveRequestBuffers(t *testing.T) {
	srv, err := fakeserver.New(fakeserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type sent struct {
		numbers                   []string
		app, tmpl, sign, tag, arg string
	}
	var all []sent
	seenIDs := map[string]bool{}
	for i := range 12 {
		n := 1
		switch i % 3 {
		case 1:
			n = 3
		case 2:
			n = 150 // a body larger than a pooled buffer
		}
		sd := sent{
			app:  fmt.Sprintf("14000%05d", i),
			tmpl: strconv.Itoa(1000 + i),
			sign: fmt.Sprintf("Sign%d", i),
			tag:  fmt.Sprintf("ctx-%d-%s", i, strings.Repeat("x", i*7)),
			arg:  fmt.Sprintf("%04d", i*37),
		}
		for j := range n {
			sd.numbers = append(sd.numbers, fmt.Sprintf("+86138%04d%04d", i, j))
		}
		body := fmt.Sprintf(`{"PhoneNumberSet":["%s"],"SmsSdkAppId":"%s","TemplateId":"%s","SignName":"%s","TemplateParamSet":["%s"],"SessionContext":"%s"}`,
			strings.Join(sd.numbers, `","`), sd.app, sd.tmpl, sd.sign, sd.arg, sd.tag)
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, signedJSON(body, i%4 == 3))
		answer := rec.Body.String()
		if strings.Count(answer, `"Code":"Ok"`) != n || strings.Count(answer, `"SessionContext":"`+sd.tag+`"`) != n {
			t.Fatalf("request %d answered %s", i, answer)
		}
		id := answer[strings.LastIndex(answer, `"RequestId":"`)+len(`"RequestId":"`):]
		if id = strings.TrimSuffix(id, `"}}`); len(id) != 36 || seenIDs[id] {
			t.Fatalf("request %d: RequestId %q malformed or repeated", i, id)
		}
		seenIDs[id] = true
		all = append(all, sd)
	}
	msgs := srv.Messages()
	k := 0
	for i, sd := range all {
		for _, num := range sd.numbers {
			if k >= len(msgs) {
				t.Fatalf("only %d messages stored", len(msgs))
			}
			m := msgs[k]
			k++
			if m.Number != num || m.App != sd.app || m.Template != sd.tmpl || m.Sign != sd.sign ||
				m.Tag != sd.tag || len(m.Params) != 1 || m.Params[0] != sd.arg || m.Text != "【"+sd.sign+"】"+sd.arg {
				t.Fatalf("request %d: stored %+v, sent %+v", i, m, sd)
			}
		}
	}
	if k != len(msgs) {
		t.Fatalf("%d messages stored, %d sent", len(msgs), k)
	}
}

// TestRequestIDsInErrorAnswers checks that error answers carry a fresh,
// well-formed RequestId too.
func TestRequestIDsInErrorAnswers(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	seen := map[string]bool{}
	for range 5 {
		req := signedJSON(`{}`, false)
		req.Header.Set("Authorization", "TC3-HMAC-SHA256 garbage")
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		b := rec.Body.Bytes()
		i := bytes.Index(b, []byte(`"RequestId":"`))
		if i < 0 || !bytes.Contains(b, []byte(tcsms.CodeInvalidAuthorization)) {
			t.Fatalf("answer %s", b)
		}
		id := string(b[i+len(`"RequestId":"`) : len(b)-len(`"}}`)])
		if len(id) != 36 || seen[id] {
			t.Fatalf("RequestId %q malformed or repeated", id)
		}
		seen[id] = true
	}
}

// TestBodyLengthMismatch checks that a body longer or shorter than its
// Content-Length is refused, whether it fits a pooled buffer or not.
func TestBodyLengthMismatch(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	for _, tc := range []struct {
		name       string
		size, diff int // body bytes, and Content-Length minus them
	}{
		{"small, longer", 100, -5},
		{"small, shorter", 100, 5},
		{"pooled size, longer by one", 4095, -1},
		{"pooled size, shorter", 4095, 1},
		{"large, longer", 9000, -1},
		{"large, shorter", 9000, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := `{"SmsSdkAppId":"` + strings.Repeat("1", tc.size-len(`{"SmsSdkAppId":""}`)) + `"}`
			req := signedJSON(body, false)
			req.Body = io.NopCloser(strings.NewReader(body))
			req.ContentLength = int64(tc.size + tc.diff)
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if !strings.Contains(rec.Body.String(), `"Code":"`+tcsms.CodeInvalidRequest+`"`) {
				t.Errorf("answer %.200s", rec.Body.String())
			}
		})
	}
}

// TestTC3HostCandidates checks which signed hosts are accepted for a Host
// header: the header itself, it without its port, and the production host.
func TestTC3HostCandidates(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	const body = `{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"Notifier"}`
	now := time.Now().Unix()
	for _, tc := range []struct {
		host, signed string
		stale        bool
		want         string
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", false, "Ok"},
		{"127.0.0.1:8080", "127.0.0.1", false, "Ok"},
		{"127.0.0.1:8080", "sms.tencentcloudapi.com", false, "Ok"},
		{"127.0.0.1:8080", "127.0.0.1:8081", false, tcsms.CodeSignatureFailure},
		{"127.0.0.1:8080", "127.0.0.1:8081", true, tcsms.CodeSignatureExpire},
		{"[::1]:8080", "[::1]", false, "Ok"},
		{"[::1]:8080", "::1", false, tcsms.CodeSignatureFailure},
		{"sms.tencentcloudapi.com", "sms.tencentcloudapi.com", false, "Ok"},
		{"sms.tencentcloudapi.com", "sms.tencentcloudapi.com", true, tcsms.CodeSignatureExpire},
		{"localhost", "localhost:80", false, tcsms.CodeSignatureFailure},
		{"", "sms.tencentcloudapi.com", false, "Ok"},
		{"", "localhost", false, tcsms.CodeSignatureFailure},
	} {
		ts := now
		if tc.stale {
			ts -= 3600
		}
		req := signedJSONFor(body, false, tc.signed, ts)
		req.Host = tc.host
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), `"Code":"`+tc.want+`"`) {
			t.Errorf("Host %q signed as %q (stale %v): answer %s, want code %s", tc.host, tc.signed, tc.stale, rec.Body.String(), tc.want)
		}
	}
}

// TestHeaderSpellings checks that header names in any case (possible
// through Handler and Transport, never from net/http's server) are read
// as before the one-pass header reading: each request must succeed.
func TestHeaderSpellings(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	const body = `{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"Notifier"}`
	respell := func(h http.Header, from, to string) {
		h[to] = h[from]
		delete(h, from)
	}
	for _, tc := range []struct {
		name  string
		edit  func(http.Header)
		trace string
	}{
		{"canonical", func(http.Header) {}, ""},
		{"all lowercase", func(h http.Header) {
			var keys []string
			for k := range h {
				keys = append(keys, k)
			}
			for _, k := range keys {
				respell(h, k, strings.ToLower(k))
			}
			h["x-tc-traceid"] = []string{"t-1"}
		}, "t-1"},
		{"empty canonical, value in another case", func(h http.Header) {
			h["x-tc-action"] = h["X-Tc-Action"]
			h["X-Tc-Action"] = []string{}
		}, ""},
		{"upper case", func(h http.Header) {
			respell(h, "X-Tc-Version", "X-TC-VERSION")
			respell(h, "Authorization", "AUTHORIZATION")
			h["X-TC-TRACEID"] = []string{"t-2"}
		}, "t-2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := signedJSON(body, false)
			tc.edit(req.Header)
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if !strings.Contains(rec.Body.String(), `"Code":"Ok"`) {
				t.Fatalf("answer %s", rec.Body.String())
			}
			if got := rec.Header().Get("X-Tc-Traceid"); got != tc.trace {
				t.Errorf("X-Tc-Traceid answered %q, want %q", got, tc.trace)
			}
		})
	}
	// An unsigned payload declared under a name that folds to
	// X-Tc-Content-Sha256 only through Unicode (ſ, U+017F).
	const host = "sms.tencentcloudapi.com"
	now := time.Now().Unix()
	req := signedJSONFor(body, false, host, now)
	p := tcsms.TC3Params{Method: "POST", Host: host, ContentType: "application/json", Service: "sms",
		UnsignedPayload: true, Timestamp: now}
	req.Header.Set("Authorization", tcsms.TC3Authorization(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey, p))
	req.Header["X-Tc-Content-\u017fha256"] = []string{tcsms.UnsignedPayload}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"Code":"Ok"`) {
		t.Fatalf("unsigned payload under a folded name: answer %s", rec.Body.String())
	}
}
