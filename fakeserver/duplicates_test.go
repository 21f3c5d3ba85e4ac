package fakeserver_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

func TestDuplicates(t *testing.T) {
	start := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)
	clk := fakeserver.NewManualClock(start)
	srv := fakeserver.Run(t, fakeserver.WithOptions(fakeserver.Options{Clock: clk, MaxClockSkew: -1}))
	c := newClient(t, srv, signModes[1])
	const a, b = "+8613800000001", "+8613800000002"
	var serials []string
	for _, s := range []struct {
		advance time.Duration
		numbers []string
		param   string
	}{
		{0, []string{a, b}, "1111"},             // a#1, b (alone: other params later)
		{time.Minute, []string{a}, "1111"},      // a#2
		{time.Minute, []string{a}, "2222"},      // other params: not a duplicate
		{9 * time.Minute, []string{a}, "1111"},  // a#3: within 10 min of a#2
		{11 * time.Minute, []string{a}, "1111"}, // too late: starts a new run of one
		{0, []string{b}, "3333"},
	} {
		clk.Advance(s.advance)
		resp, err := c.SendSms(sendReq(s.numbers, "1", s.param))
		if err != nil {
			t.Fatal(err)
		}
		serials = append(serials, *resp.Response.SendStatusSet[0].SerialNo)
	}
	dups := srv.Duplicates()
	if len(dups) != 1 {
		t.Fatalf("Duplicates() = %+v, want one run", dups)
	}
	d := dups[0]
	if d.Number != a || d.Template != "1" || len(d.Params) != 1 || d.Params[0] != "1111" || d.Count != 3 ||
		!d.First.Equal(start) || !d.Last.Equal(start.Add(11*time.Minute)) {
		t.Errorf("duplicate = %+v", d)
	}
	if len(d.SerialNos) != 3 || d.SerialNos[0] != serials[0] || d.SerialNos[1] != serials[1] || d.SerialNos[2] != serials[3] {
		t.Errorf("serials %v, want %v", d.SerialNos, []string{serials[0], serials[1], serials[3]})
	}
	var body struct{ Duplicates []fakeserver.Duplicate }
	if code := admin(t, srv, http.MethodGet, "/_fake/duplicates", "", &body); code != http.StatusOK || len(body.Duplicates) != 1 || body.Duplicates[0].Count != 3 {
		t.Errorf("GET /_fake/duplicates: %d %+v", code, body)
	}
	srv.Reset()
	if body.Duplicates = nil; admin(t, srv, http.MethodGet, "/_fake/duplicates", "", &body) != http.StatusOK || body.Duplicates == nil || len(body.Duplicates) != 0 {
		t.Errorf("after Reset: %+v", body)
	}
}

func TestDuplicateWindowOptions(t *testing.T) {
	for _, tc := range []struct {
		window time.Duration
		want   int // messages in the run
	}{
		{time.Minute, 0},
		{-1, 2},
	} {
		clk := fakeserver.NewManualClock(time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC))
		srv := fakeserver.Run(t, fakeserver.WithOptions(fakeserver.Options{Clock: clk, MaxClockSkew: -1}), fakeserver.WithDuplicateWindow(tc.window))
		c := newClient(t, srv, signModes[0])
		for range 2 {
			if _, err := c.SendSms(sendReq([]string{"+14155550100"}, "1", "x")); err != nil {
				t.Fatal(err)
			}
			clk.Advance(24 * time.Hour)
		}
		got := 0
		if d := srv.Duplicates(); len(d) > 0 {
			got = d[0].Count
		}
		if got != tc.want {
			t.Errorf("window %s: run of %d, want %d", tc.window, got, tc.want)
		}
	}
}
