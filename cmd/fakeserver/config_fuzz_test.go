package main

import (
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// FuzzConfigFile parses arbitrary -config files and builds a server from
// each one that parses: neither may panic, and a file New refuses is an
// error, not a half-built server.
func FuzzConfigFile(f *testing.F) {
	f.Add([]byte(`{"credentials":{"AKIDEXAMPLE":"SECRETKEYEXAMPLE"},"strict":true,
		"apps":[{"id":"1400006666","name":"demo"}],
		"signs":[{"name":"Notifier","international":false,"status":0}],
		"templates":[{"id":"100001","content":"Your code is {1}","international":false,"status":0}],
		"receiptCallbackUrl":"http://127.0.0.1:1/r","replyCallbackUrl":"http://127.0.0.1:1/q","receiptDelay":"5s",
		"limits":{"enforce":"on","sameContent30s":1,"perHour":0,"perDay":10,"appPerDay":0},
		"faults":[{"action":"SendSms","number":"+8613800000001","code":"LimitExceeded.PhoneNumberDailyLimit"},
		          {"action":"SendSms","http":"reset","phase":"after","nth":3}],
		"chaos":{"seed":42,"rate":0.05},
		"maxMessages":10,"maxInFlightBodyBytes":1024,"adminToken":"t","adminHosts":["fakeserver"]}`))
	f.Add([]byte(`{"templates":[{"id":"1","content":"{2}"}]}`))
	f.Add([]byte(`{"receiptDelay":90}`))
	f.Add([]byte(`{} {}`))
	f.Add([]byte(`{"faults":[{"latency":"-1s"}],"chaos":{"rate":2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := parseFileConfig("fuzz.json", data)
		if err != nil {
			return
		}
		var opts fakeserver.Options
		fc.apply(&opts)
		srv, err := fakeserver.New(opts)
		if err != nil {
			if srv != nil {
				t.Fatalf("New failed (%v) and returned a server", err)
			}
			return
		}
		srv.Close()
	})
}
