package fakeserver

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

// The SendSms hot path builds some values by hand instead of through the
// general functions; these tests pin them to those functions.

func TestAppendUUIDMatchesString(t *testing.T) {
	for i := range 100 {
		u := uuid.New()
		if i == 0 {
			u = uuid.UUID{} // all zeros
		}
		if got, want := string(appendUUID([]byte("x"), u)), "x"+u.String(); got != want {
			t.Fatalf("appendUUID = %q, want %q", got, want)
		}
	}
}

func TestSerialNoFormat(t *testing.T) {
	s := newSerials()
	for _, seq := range []uint64{0, 1, 999, 1 << 40, seqModulus - 1, seqModulus + 5, 1<<64 - 1} {
		want := fmt.Sprintf("2433:%010d%018d", s.salt, seq%seqModulus)
		if got := s.serialNo(seq, true); got != want {
			t.Errorf("serialNo(%d, mainland) = %q, want %q", seq, got, want)
		}
		if got := s.serialNo(seq, false); len(got) != 36 || uuid.MustParse(got).String() != got {
			t.Errorf("serialNo(%d, international) = %q, not a UUID", seq, got)
		}
	}
}

func TestAppendTextMatchesRenderText(t *testing.T) {
	for _, tc := range []struct {
		sign, content string
		raw           bool
		params        []string
	}{
		{"", "", true, nil},
		{"Notifier", "", true, []string{"4370"}},
		{"Notifier", "", true, []string{"a", "b c", ""}},
		{"", "", true, []string{"x", "y"}},
		{"签名", "Your code is {1}, valid {2} minutes", false, []string{"1234", "5"}},
		{"", "no placeholders", false, nil},
	} {
		body := tc.content
		if !tc.raw {
			body = renderText("", tc.content, false, tc.params)
		}
		got := string(appendText(nil, tc.sign, body, tc.raw, tc.params))
		if want := renderText(tc.sign, tc.content, tc.raw, tc.params); got != want {
			t.Errorf("appendText(%q, %q, %v, %q) = %q, want %q", tc.sign, tc.content, tc.raw, tc.params, got, want)
		}
	}
}

func TestWriteJSONHeaders(t *testing.T) {
	for _, body := range []string{"{}", `{"Response":{}}`, string(make([]byte, 12345))} {
		rec := httptest.NewRecorder()
		writeJSON(rec, []byte(body))
		h := rec.Header()
		if got := h["Content-Type"]; len(got) != 1 || got[0] != "application/json" {
			t.Errorf("Content-Type %q", got)
		}
		if got := h["Content-Length"]; len(got) != 1 || got[0] != strconv.Itoa(len(body)) {
			t.Errorf("Content-Length %q, want %d", got, len(body))
		}
		h["Content-Type"] = append(h["Content-Type"], "x")
		if got := h["Content-Length"]; got[0] != strconv.Itoa(len(body)) {
			t.Errorf("appending to Content-Type changed Content-Length to %q", got)
		}
	}
}

func TestAppendSendSmsResultLeavesBufferOnFallback(t *testing.T) {
	ok, bad := "fine", "needs \"escaping\""
	for _, set := range [][]*sms.SendStatus{
		{{SerialNo: &ok}, {SerialNo: &bad}},
		{{SerialNo: &ok, IsoCode: &bad}},
		{{SerialNo: &ok}, nil},
	} {
		var buf bytes.Buffer
		buf.WriteString("prefix")
		if appendSendSmsResult(&buf, &sms.SendSmsResponseParams{SendStatusSet: set}) {
			t.Errorf("fast path took %v", set)
		}
		if buf.String() != "prefix" {
			t.Errorf("fallback left %q", buf.String())
		}
	}
}

func TestStoreCountInterleavedAppsAndHours(t *testing.T) {
	st := newStore(1)
	t0 := time.Date(2026, 5, 1, 10, 30, 0, 0, time.UTC)
	t1 := t0.Add(time.Hour)
	h0, h1 := t0.Unix()/3600, t1.Unix()/3600
	for _, c := range []struct {
		app      uint32
		at       time.Time
		accepted bool
		fee      int
	}{
		{1, t0, true, 1}, {2, t0, true, 2}, {1, t1, false, 0}, {1, t0, true, 3}, {2, t1, true, 1}, {1, t1, true, 2}, {1, t0, false, 0},
	} {
		st.count(c.app, c.at, c.accepted, c.fee)
	}
	for _, w := range []struct {
		app      uint32
		from, to int64
		want     statCounts
	}{
		{1, h0, h0, statCounts{requests: 3, success: 2, fee: 4}},
		{1, h1, h1, statCounts{requests: 2, success: 1, fee: 2}},
		{1, h0, h1, statCounts{requests: 5, success: 3, fee: 6}},
		{2, h0, h0, statCounts{requests: 1, success: 1, fee: 2}},
		{2, h0, h1, statCounts{requests: 2, success: 2, fee: 3}},
		{3, h0, h1, statCounts{}},
	} {
		if got := st.sum(w.app, w.from, w.to); got != w.want {
			t.Errorf("sum(app %d, %d..%d) = %+v, want %+v", w.app, w.from, w.to, got, w.want)
		}
	}
	st.reset()
	st.count(1, t0, true, 1)
	if got := st.sum(1, h0, h0); got != (statCounts{requests: 1, success: 1, fee: 1}) {
		t.Errorf("after reset: %+v", got)
	}
}

func TestRequestIDsUniqueAcrossGoroutines(t *testing.T) {
	const workers, each = 8, 3000 // several blocks each
	ids := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				var buf [36]byte
				ids[w] = append(ids[w], strings.Clone(newRequestID(&buf)))
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, list := range ids {
		for _, id := range list {
			u, err := uuid.Parse(id)
			if err != nil || u.Version() != 4 || u.Variant() != uuid.RFC4122 || u.String() != id {
				t.Fatalf("RequestId %q is not a version 4 UUID", id)
			}
			if seen[id] {
				t.Fatalf("RequestId %q repeated", id)
			}
			seen[id] = true
		}
	}
}
