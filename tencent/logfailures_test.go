package tencent_test

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

// logRecord is one record a recordingHandler received, its attributes
// flattened to "group.key" -> value.
type logRecord struct {
	Level slog.Level
	Msg   string
	Attrs map[string]string
}

// recordingHandler is a slog.Handler that keeps every record, at every
// level, for a test to inspect.
type recordingHandler struct {
	mu     *sync.Mutex // guards *recs, shared by handlers made by With*
	recs   *[]logRecord
	prefix string      // open groups, "a.b."
	attrs  []slog.Attr // from WithAttrs, keys already prefixed
}

func newRecorder() *recordingHandler {
	return &recordingHandler{mu: new(sync.Mutex), recs: new([]logRecord)}
}

func (h *recordingHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	rec := logRecord{Level: r.Level, Msg: r.Message, Attrs: map[string]string{}}
	for _, a := range h.attrs {
		flatten(rec.Attrs, "", a)
	}
	r.Attrs(func(a slog.Attr) bool {
		flatten(rec.Attrs, h.prefix, a)
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.recs = append(*h.recs, rec)
	return nil
}

func (h *recordingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append([]slog.Attr(nil), h.attrs...)
	for _, a := range as {
		a.Key = h.prefix + a.Key
		c.attrs = append(c.attrs, a)
	}
	return &c
}

func (h *recordingHandler) WithGroup(name string) slog.Handler {
	c := *h
	c.prefix += name + "."
	return &c
}

func flatten(m map[string]string, prefix string, a slog.Attr) {
	v := a.Value.Resolve()
	if v.Kind() != slog.KindGroup {
		m[prefix+a.Key] = v.String()
		return
	}
	if a.Key != "" {
		prefix += a.Key + "."
	}
	for _, g := range v.Group() {
		flatten(m, prefix, g)
	}
}

// Records returns a copy of the records so far.
func (h *recordingHandler) Records() []logRecord {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]logRecord(nil), *h.recs...)
}

// find returns the records with message msg.
func find(recs []logRecord, msg string) []logRecord {
	var out []logRecord
	for _, r := range recs {
		if r.Msg == msg {
			out = append(out, r)
		}
	}
	return out
}

// failingStatuses answers SendSms with "Ok" for every number except those
// in failing, which get their code.
func failingStatuses(failing func(number string) string) func(call) string {
	return func(c call) string {
		var parts []string
		for _, n := range strs(c.Body["PhoneNumberSet"]) {
			if code := failing(n); code != "" {
				parts = append(parts, fmt.Sprintf(`{"SerialNo":"","PhoneNumber":%q,"Fee":0,"Code":%q,"Message":"no for %s","IsoCode":""}`, n, code, n))
			} else {
				parts = append(parts, fmt.Sprintf(`{"SerialNo":"sn-%s","PhoneNumber":%q,"Fee":1,"Code":"Ok","Message":"send success","IsoCode":"CN"}`, n, n))
			}
		}
		return `{"SendStatusSet":[` + strings.Join(parts, ",") + `]}`
	}
}

// loggingClient returns a Client on cs that logs everything to a recorder,
// with a clock that stands still so durations read 0s.
func loggingClient(t *testing.T, cs *canned) (*tencent.Client, *recordingHandler) {
	t.Helper()
	rec := newRecorder()
	epoch := time.Unix(0, 0)
	c, err := tencent.New(cs.config(), tencent.WithLogger(slog.New(rec)), tencent.WithClock(func() time.Time { return epoch }))
	if err != nil {
		t.Fatal(err)
	}
	return c, rec
}

const failuresMsg = "tencent: Send: recipients failed"

// TestLogPartialFailure: one of two numbers rate-limited gives the
// request's Debug record and one Warn record naming the failed recipient
// by index, masked number, code, kind and request ID, and nothing private.
func TestLogPartialFailure(t *testing.T) {
	cs := newCanned(t, failingStatuses(func(n string) string {
		if n == "+8613800000002" {
			return "LimitExceeded.PhoneNumberDailyLimit"
		}
		return ""
	}))
	c, rec := loggingClient(t, cs)
	_, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001", "+8613800000002"}, Template: "1", Params: []string{"739182"}})
	if err == nil {
		t.Fatal("Send returned nil for a partial failure")
	}

	want := []logRecord{
		{Level: slog.LevelDebug, Msg: "tencent: SendSms", Attrs: map[string]string{
			"numbers": "2", "accepted": "1", "duration": "0s", "request_id": "req-1"}},
		{Level: slog.LevelWarn, Msg: failuresMsg, Attrs: map[string]string{
			"numbers":               "2",
			"failed":                "1",
			"failures.1.number":     "+86138****0002",
			"failures.1.code":       "LimitExceeded.PhoneNumberDailyLimit",
			"failures.1.kind":       "rate limited",
			"failures.1.request_id": "req-1",
		}},
	}
	got := rec.Records()
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Level != want[i].Level || got[i].Msg != want[i].Msg || !maps.Equal(got[i].Attrs, want[i].Attrs) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	assertNothingPrivate(t, got, "13800000001", "13800000002", "739182", "SECRETKEYEXAMPLE", "no for")
}

// assertNothingPrivate fails if any record's message or attribute holds
// one of the private strings.
func assertNothingPrivate(t *testing.T, recs []logRecord, private ...string) {
	t.Helper()
	for _, r := range recs {
		for _, p := range private {
			if strings.Contains(r.Msg, p) {
				t.Errorf("record %q contains %q", r.Msg, p)
			}
			for k, v := range r.Attrs {
				if strings.Contains(k, p) || strings.Contains(v, p) {
					t.Errorf("record %q: %s=%s contains %q", r.Msg, k, v, p)
				}
			}
		}
	}
}

// TestLogFailuresOncePerSend: a Send of 451 numbers over three requests,
// with a malformed number and every other number rate-limited, writes one
// Warn record that lists the first 10 failures and counts the rest.
func TestLogFailuresOncePerSend(t *testing.T) {
	cs := newCanned(t, failingStatuses(func(n string) string {
		if i, _ := strconv.Atoi(n[len(n)-3:]); i%2 == 1 {
			return "LimitExceeded.PhoneNumberThirtySecondLimit"
		}
		return ""
	}))
	c, rec := loggingClient(t, cs)
	to := append([]string{"12345"}, numbers("+86138", 450)...)
	if _, err := c.Send(context.Background(), notifier.Message{To: to, Template: "1"}); err == nil {
		t.Fatal("Send returned nil although recipients failed")
	}

	got := rec.Records()
	if n := len(find(got, "tencent: SendSms")); n != 3 {
		t.Errorf("%d SendSms Debug records, want 3 (one per request)", n)
	}
	warns := find(got, failuresMsg)
	if len(warns) != 1 || warns[0].Level != slog.LevelWarn {
		t.Fatalf("got %+v, want one Warn %q record", warns, failuresMsg)
	}
	w := warns[0].Attrs
	// to[0] is malformed; to[i] for i >= 1 is numbers(...)[i-1], which
	// fails when i-1 is odd, that is when i is even.
	wantListed := map[string]string{
		"failures.0.number": "****",
		"failures.0.code":   "",
		"failures.0.kind":   "invalid recipient",
	}
	for i, listed := 2, 1; listed < 10; i, listed = i+2, listed+1 {
		key := "failures." + strconv.Itoa(i) + "."
		wantListed[key+"number"] = notifier.MaskNumber(to[i])
		wantListed[key+"code"] = "LimitExceeded.PhoneNumberThirtySecondLimit"
		wantListed[key+"kind"] = "rate limited"
		wantListed[key+"request_id"] = "req-1"
	}
	wantListed["numbers"] = "451"
	wantListed["failed"] = "226" // 1 malformed + 225 odd-numbered
	wantListed["more"] = "216"
	if !maps.Equal(w, wantListed) {
		t.Errorf("Warn record attributes:\n got %v\nwant %v", w, wantListed)
	}
	assertNothingPrivate(t, got, to[2][1:], "12345", "SECRETKEYEXAMPLE")
}

// TestLogRequestLevelFailure: a request that fails as a whole is logged
// once, as before, by its SendSms Warn record; its recipients do not
// appear again in the per-Send record, which lists only the international
// recipient that failed on its own.
func TestLogRequestLevelFailure(t *testing.T) {
	cs := newCanned(t, func(c call) string {
		if strings.HasPrefix(strs(c.Body["PhoneNumberSet"])[0], "+86") {
			return "ERROR InternalError.Timeout backend timeout"
		}
		return failingStatuses(func(string) string { return "FailedOperation.PhoneNumberInBlacklist" })(c)
	})
	c, rec := loggingClient(t, cs)
	to := []string{"+8613800000001", "+8613800000002", "+14155550003"}
	if _, err := c.Send(context.Background(), notifier.Message{To: to, Template: "1"}); err == nil {
		t.Fatal("Send returned nil although every recipient failed")
	}
	want := []logRecord{
		{Level: slog.LevelWarn, Msg: "tencent: SendSms failed", Attrs: map[string]string{
			"numbers": "2", "duration": "0s", "code": "InternalError.Timeout", "kind": "provider unavailable", "request_id": "req-1"}},
		{Level: slog.LevelDebug, Msg: "tencent: SendSms", Attrs: map[string]string{
			"numbers": "1", "accepted": "0", "duration": "0s", "request_id": "req-2"}},
		{Level: slog.LevelWarn, Msg: failuresMsg, Attrs: map[string]string{
			"numbers":               "3",
			"failed":                "1",
			"failures.2.number":     "+1415***0003",
			"failures.2.code":       "FailedOperation.PhoneNumberInBlacklist",
			"failures.2.kind":       "rejected",
			"failures.2.request_id": "req-2",
		}},
	}
	got := rec.Records()
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Level != want[i].Level || got[i].Msg != want[i].Msg || !maps.Equal(got[i].Attrs, want[i].Attrs) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}

	// Every recipient failing with one request-level error: only that
	// error's record, no per-Send record.
	cs = newCanned(t, func(call) string { return "ERROR AuthFailure.SignatureFailure bad signature" })
	c, rec = loggingClient(t, cs)
	if _, err := c.Send(context.Background(), notifier.Message{To: to, Template: "1"}); err == nil {
		t.Fatal("Send returned nil on an auth failure")
	}
	got = rec.Records()
	if len(got) != 1 || got[0].Msg != "tencent: SendSms failed" || got[0].Level != slog.LevelWarn || got[0].Attrs["code"] != "AuthFailure.SignatureFailure" {
		t.Errorf("got %+v, want the one SendSms Warn record", got)
	}
	assertNothingPrivate(t, got, "13800000001", "4155550003", "SECRETKEYEXAMPLE")
}

// TestLogAllAcceptedNoWarn: a fully accepted Send logs its requests at
// Debug and nothing at Warn.
func TestLogAllAcceptedNoWarn(t *testing.T) {
	cs := newCanned(t, okStatuses)
	c, rec := loggingClient(t, cs)
	if _, err := c.Send(context.Background(), notifier.Message{To: []string{"+8613800000001", "+14155550002"}, Template: "1"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range rec.Records() {
		if r.Level != slog.LevelDebug {
			t.Errorf("record %+v above Debug for an accepted Send", r)
		}
	}
}
