package fakeserver_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

const benchBody = `{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","TemplateId":"1110","SignName":"Notifier","TemplateParamSet":["4370"],"SessionContext":"ctx"}`

// cannedSendSms is what a bare handler answers in the comparison benchmark.
var cannedSendSms = []byte(`{"Response":{"SendStatusSet":[{"SerialNo":"2433:1234567890000000000000000001","PhoneNumber":"+8613800000000","Fee":1,"SessionContext":"ctx","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0f2b5c4-7d3e-4b8a-9f61-2c5e8d7a1b30"}}`)

// signedSendSms returns a TC3-signed SendSms request for host, valid for
// five minutes.
func signedSendSms(host string) *http.Request {
	now := time.Now().Unix()
	req, _ := http.NewRequest(http.MethodPost, "http://"+host+"/", nil)
	p := tcsms.TC3Params{Method: "POST", Host: host, ContentType: "application/json", Service: "sms",
		Payload: []byte(benchBody), Timestamp: now}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "SendSms")
	req.Header.Set("X-TC-Version", fakeserver.APIVersion)
	req.Header.Set("X-TC-Timestamp", strconv.FormatInt(now, 10))
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	req.Header.Set("Authorization", tcsms.TC3Authorization(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey, p))
	return req
}

// TestCannedSendSmsMatchesFake keeps the throughput comparison honest:
// the bare handler's canned answer must be as long as the fake server's
// real answer to the same request, with the same headers.
func TestCannedSendSmsMatchesFake(t *testing.T) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	req := signedSendSms("sms.tencentcloudapi.com")
	req.Body = io.NopCloser(bytes.NewReader([]byte(benchBody)))
	req.ContentLength = int64(len(benchBody))
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(`"Code":"Ok"`)) {
		t.Fatalf("fake answered %d %s", rec.Code, rec.Body.Bytes())
	}
	if got, want := len(cannedSendSms), rec.Body.Len(); got != want {
		t.Errorf("canned answer is %d bytes, the fake's %d:\n%s\n%s", got, want, cannedSendSms, rec.Body.Bytes())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("fake Content-Type %q, the bare handler sends application/json", ct)
	}
}

// BenchmarkSDKTransportSendSms is one SendSms through the official SDK and
// the in-process Transport: SDK signing and encoding included.
func BenchmarkSDKTransportSendSms(b *testing.B) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	c := newInProcessClient(b, srv, signModes[0])
	req := sendReq([]string{"+8613800000000"}, "1110", "4370")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SendSms(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandlerSendSms is the server's own cost of one SendSms: verify
// the signature, decode into the SDK model, store, answer.
func BenchmarkHandlerSendSms(b *testing.B) {
	srv, _ := fakeserver.New(fakeserver.Options{})
	h := srv.Handler()
	tmpl := signedSendSms("sms.tencentcloudapi.com")
	body := []byte(benchBody)
	rec := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		req := tmpl.Clone(tmpl.Context())
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		rec.Body.Reset()
		h.ServeHTTP(rec, req)
	}
	if !bytes.Contains(rec.Body.Bytes(), []byte(`"Code":"Ok"`)) {
		b.Fatalf("answer %s", rec.Body.Bytes())
	}
}

// BenchmarkHTTPSendSms compares, over loopback HTTP with keep-alive and
// parallel clients, the fake server against a bare net/http handler that
// returns a canned SendSms answer. Issue 3 asks the fake to reach 0.80x of
// the bare handler's requests per second; compare the two ns/op figures.
func BenchmarkHTTPSendSms(b *testing.B) {
	fake, _ := fakeserver.New(fakeserver.Options{})
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(cannedSendSms)
	})
	for _, tc := range []struct {
		name string
		h    http.Handler
	}{{"bare", bare}, {"fakeserver", fake.Handler()}} {
		b.Run(tc.name, func(b *testing.B) {
			ts := httptest.NewServer(tc.h)
			defer ts.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: 64}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			tmpl := signedSendSms(ts.Listener.Addr().String())
			tmpl.URL.Host = ts.Listener.Addr().String()
			body := []byte(benchBody)
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := tmpl.Clone(tmpl.Context())
					req.Body = io.NopCloser(bytes.NewReader(body))
					req.ContentLength = int64(len(body))
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			})
		})
	}
}

// BenchmarkHTTPSendSmsRatio measures the same comparison interleaved: each
// iteration sends a batch of requests to the bare handler and a batch to
// the fake server (in alternating order), over loopback HTTP with 8
// parallel keep-alive clients, so both see the same machine load. It
// reports fake/bare, the fake server's requests per second as a fraction
// of the bare handler's (issue 3 asks for at least 0.80), over all batches
// and as the median of the per-iteration ratios. The raw client replays a pre-signed request
// (the least client work, so the hardest comparison); the sdk client is
// the official SDK, as applications send.
func BenchmarkHTTPSendSmsRatio(b *testing.B) {
	body := []byte(benchBody)
	b.Run("raw-client", func(b *testing.B) {
		ratioBench(b, func(addr string) func() error {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: ratioWorkers}}
			tmpl := signedSendSms(addr)
			return func() error {
				req := tmpl.Clone(tmpl.Context())
				req.Body = io.NopCloser(bytes.NewReader(body))
				req.ContentLength = int64(len(body))
				resp, err := client.Do(req)
				if err != nil {
					return err
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				return resp.Body.Close()
			}
		})
	})
	// The same through the listener Start opens, whose connections watch
	// request heads for Transfer-Encoding with Content-Length.
	b.Run("raw-client-started", func(b *testing.B) {
		ratioBenchOn(b, true, func(addr string) func() error {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: ratioWorkers}}
			tmpl := signedSendSms(addr)
			return func() error {
				req := tmpl.Clone(tmpl.Context())
				req.Body = io.NopCloser(bytes.NewReader(body))
				req.ContentLength = int64(len(body))
				resp, err := client.Do(req)
				if err != nil {
					return err
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				return resp.Body.Close()
			}
		})
	})
	b.Run("sdk-client", func(b *testing.B) {
		ratioBench(b, func(addr string) func() error {
			cpf := profile.NewClientProfile()
			cpf.HttpProfile.Endpoint = addr
			cpf.HttpProfile.Scheme = "http"
			c, _ := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
			c.WithHttpTransport(&http.Transport{MaxIdleConnsPerHost: ratioWorkers})
			return func() error {
				// A fresh request each time: SDK requests carry a params map
				// and are not safe for concurrent use.
				_, err := c.SendSms(sendReq([]string{"+8613800000000"}, "1110", "4370"))
				return err
			}
		})
	})
}

const ratioWorkers = 8

// ratioBench runs newSender's requests against a bare handler and the fake
// server in alternating batches and reports their throughput ratio.
func ratioBench(b *testing.B, newSender func(addr string) func() error) {
	ratioBenchOn(b, false, newSender)
}

// ratioBenchOn is ratioBench; with started, the fake server serves on the
// listener of its own Start rather than an httptest.Server's.
func ratioBenchOn(b *testing.B, started bool, newSender func(addr string) func() error) {
	const batch = 400
	fake, _ := fakeserver.New(fakeserver.Options{})
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(cannedSendSms)
	})
	type target struct {
		ts    *httptest.Server
		send  func() error
		total time.Duration
	}
	var targets []*target
	for i, h := range []http.Handler{bare, fake.Handler()} {
		ts := httptest.NewServer(h)
		defer ts.Close()
		addr := ts.Listener.Addr().String()
		if started && i == 1 {
			if err := fake.Start(); err != nil {
				b.Fatal(err)
			}
			defer fake.Close()
			addr = fake.Endpoint()
		}
		targets = append(targets, &target{ts: ts, send: newSender(addr)})
	}
	run := func(t *target) time.Duration {
		var wg sync.WaitGroup
		start := time.Now()
		for range ratioWorkers {
			wg.Go(func() {
				for range batch / ratioWorkers {
					if err := t.send(); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		d := time.Since(start)
		t.total += d
		return d
	}
	for _, t := range targets { // warm up connections
		run(t)
		t.total = 0
	}
	// Alternate which side goes first, so work left over from one batch
	// (the GC debt of the fake's garbage, above all) lands as often on
	// either side.
	// Each pair of batches also gives a ratio of its own: their median is
	// robust to bursts of load from other processes, which the ratio of
	// the totals is not.
	var pairs []float64
	for i := 0; b.Loop(); i++ {
		first := run(targets[i%2])
		second := run(targets[1-i%2])
		bare, fake := first, second
		if i%2 == 1 {
			bare, fake = second, first
		}
		pairs = append(pairs, float64(bare)/float64(fake))
	}
	slices.Sort(pairs)
	b.ReportMetric(float64(targets[0].total)/float64(targets[1].total), "fake/bare")
	b.ReportMetric(pairs[len(pairs)/2], "fake/bare-median")
	b.ReportMetric(float64(targets[1].total.Nanoseconds())/float64(b.N*batch), "fake-ns/req")
	b.ReportMetric(float64(targets[0].total.Nanoseconds())/float64(b.N*batch), "bare-ns/req")
}
