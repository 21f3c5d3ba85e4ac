package tencent_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/notifykit/notifier/tencent"
)

// call is one request the canned server received.
type call struct {
	Action string
	Method string
	Header http.Header
	// Body holds a TC3 POST's JSON fields; nil otherwise.
	Body map[string]any
	// Params holds the flattened parameters of a GET or v1 request.
	Params url.Values
}

// canned is a tiny stand-in for sms.tencentcloudapi.com that answers each
// action with canned JSON and records what it received. It checks no
// signatures: the fake server's contract tests do that.
type canned struct {
	srv *httptest.Server
	// reply returns the action's Response fields as a JSON object ("{...}")
	// or, starting with "ERROR ", a Tencent error code and message.
	reply func(c call) string

	mu    sync.Mutex // guards calls and n
	calls []call
	n     int

	replyMu sync.Mutex // serialises reply, so replies may keep state
}

func newCanned(t *testing.T, reply func(c call) string) *canned {
	t.Helper()
	cs := &canned{reply: reply}
	cs.srv = httptest.NewServer(http.HandlerFunc(cs.serve))
	t.Cleanup(cs.srv.Close)
	return cs
}

func (cs *canned) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c := call{Method: r.Method, Header: r.Header.Clone(), Action: r.Header.Get("X-TC-Action")}
	switch {
	case c.Action != "" && r.Method == http.MethodPost:
		if err := json.Unmarshal(body, &c.Body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	case c.Action != "":
		c.Params = r.URL.Query()
	default: // v1: everything in the form or the query
		c.Params = r.URL.Query()
		if r.Method == http.MethodPost {
			c.Params, _ = url.ParseQuery(string(body))
		}
		c.Action = c.Params.Get("Action")
	}
	cs.mu.Lock()
	cs.calls = append(cs.calls, c)
	cs.n++
	id := fmt.Sprintf("req-%d", cs.n)
	cs.mu.Unlock()

	cs.replyMu.Lock()
	out := cs.reply(c)
	cs.replyMu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if code, msg, ok := strings.Cut(strings.TrimPrefix(out, "ERROR "), " "); strings.HasPrefix(out, "ERROR ") && ok {
		fmt.Fprintf(w, `{"Response":{"Error":{"Code":%q,"Message":%q},"RequestId":%q}}`, code, msg, id)
		return
	}
	fields := strings.TrimSuffix(strings.TrimSpace(out), "}")
	if fields != "{" {
		fields += ","
	}
	fmt.Fprintf(w, `{"Response":%s"RequestId":%q}}`, fields, id)
}

// Calls returns a copy of the calls so far.
func (cs *canned) Calls() []call {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return append([]call(nil), cs.calls...)
}

// config returns a Config pointing at the canned server.
func (cs *canned) config() tencent.Config {
	return tencent.Config{
		SecretID:  "AKIDEXAMPLE",
		SecretKey: "SECRETKEYEXAMPLE",
		SDKAppID:  "1400006666",
		SignName:  "Notifier",
		Endpoint:  cs.srv.URL,
	}
}

func (cs *canned) client(t *testing.T, mutate ...func(*tencent.Config)) *tencent.Client {
	t.Helper()
	cfg := cs.config()
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := tencent.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// strs converts a JSON array of strings from a recorded body.
func strs(v any) []string {
	arr, _ := v.([]any)
	out := make([]string, len(arr))
	for i, x := range arr {
		out[i], _ = x.(string)
	}
	return out
}

// okStatuses answers SendSms with "Ok" for every number, SerialNo "sn-"+number
// and Fee 1.
func okStatuses(c call) string {
	var b strings.Builder
	b.WriteString(`{"SendStatusSet":[`)
	for i, n := range strs(c.Body["PhoneNumberSet"]) {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"SerialNo":"sn-%s","PhoneNumber":%q,"Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}`, n, n)
	}
	b.WriteString("]}")
	return b.String()
}
