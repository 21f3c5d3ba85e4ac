// Command fakeload drives a running fake server the way issue 11 measures
// it, and prints what it measured:
//
//   - -fill N sends N messages with the official SDK, 200 numbers per
//     SendSms, to -numbers distinct mainland numbers in turn;
//   - -filter-runs R times R filtered reads, GET /_fake/messages?number=…,
//     of a number that got a handful of messages;
//   - -latency D runs -clients SDK clients sending SendSms (one number
//     each, as fast as answers come or -rate per second each) for D while
//     another client pages through every held message
//     (GET /_fake/messages?limit=10000&after=…), and reports the sends'
//     latency percentiles and the pages read;
//   - -pid P reports the server process's resident memory (VmRSS) and its
//     peak (VmHWM), from /proc (Linux).
//
// Example, against the binary with the default retention:
//
//	go build -o /tmp/fakeserver ./cmd/fakeserver && /tmp/fakeserver -addr 127.0.0.1:8080 &
//	go run ./fakeserver/internal/fakeload -endpoint 127.0.0.1:8080 -fill 2000000 -pid $!
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"
)

func main() {
	var (
		endpoint    = flag.String("endpoint", "127.0.0.1:8080", "the server's host:port")
		secretID    = flag.String("secret-id", "AKIDEXAMPLE", "SecretId")
		secretKey   = flag.String("secret-key", "SECRETKEYEXAMPLE", "SecretKey")
		token       = flag.String("admin-token", "", "the server's admin token, if any")
		fill        = flag.Int("fill", 0, "messages to send first")
		fillClients = flag.Int("fill-clients", 4, "concurrent clients while filling")
		numbers     = flag.Int("numbers", 1_000_000, "distinct numbers to send to")
		filterRuns  = flag.Int("filter-runs", 0, "filtered reads to time")
		latency     = flag.Duration("latency", 0, "how long to measure SendSms latency")
		clients     = flag.Int("clients", 32, "concurrent SendSms clients while measuring latency")
		rate        = flag.Float64("rate", 0, "SendSms per second of each latency client; 0: as fast as answers come")
		page        = flag.Bool("page", true, "page through every held message while measuring latency")
		pid         = flag.Int("pid", 0, "the server's process ID, to report its memory")
	)
	flag.Parse()
	l := &load{endpoint: *endpoint, id: *secretID, key: *secretKey, token: *token, numbers: *numbers,
		admin: &http.Client{Timeout: time.Minute}}
	l.rate = *rate
	if err := l.run(*fill, *fillClients, *filterRuns, *latency, *clients, *page, *pid); err != nil {
		fmt.Fprintln(os.Stderr, "fakeload:", err)
		os.Exit(1)
	}
}

// load is one run against one server.
type load struct {
	endpoint, id, key, token string
	numbers                  int
	rate                     float64 // per latency client; 0 is closed-loop
	admin                    *http.Client
	next                     atomic.Int64 // the next message's index
}

func (l *load) run(fill, fillClients, filterRuns int, latency time.Duration, clients int, page bool, pid int) error {
	if fill > 0 {
		start := time.Now()
		if err := l.fill(fill, fillClients); err != nil {
			return err
		}
		d := time.Since(start)
		fmt.Printf("fill: %d messages in %s (%.0f messages/s)\n", fill, d.Round(time.Millisecond), float64(fill)/d.Seconds())
	}
	if stats, err := l.stats(); err == nil {
		fmt.Printf("server: %s\n", stats)
	}
	if filterRuns > 0 {
		if err := l.filtered(filterRuns); err != nil {
			return err
		}
	}
	if latency > 0 {
		if err := l.latency(latency, clients, page); err != nil {
			return err
		}
	}
	if pid > 0 {
		rss, hwm, err := memory(pid)
		if err != nil {
			return err
		}
		fmt.Printf("memory: VmRSS %s, VmHWM %s\n", rss, hwm)
	}
	return nil
}

// client returns an SDK client of the server.
func (l *load) client() (*sms.Client, error) {
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = l.endpoint
	cpf.HttpProfile.Scheme = "http"
	c, err := sms.NewClient(common.NewCredential(l.id, l.key), "ap-guangzhou", cpf)
	if err != nil {
		return nil, err
	}
	c.WithHttpTransport(&http.Transport{MaxIdleConnsPerHost: 4})
	return c, nil
}

// send sends one SendSms to n consecutive numbers and returns its latency.
func (l *load) send(c *sms.Client, n int) (time.Duration, error) {
	req := sms.NewSendSmsRequest()
	first := int(l.next.Add(int64(n))) - n
	req.PhoneNumberSet = make([]*string, n)
	for i := range n {
		req.PhoneNumberSet[i] = common.StringPtr(number((first + i) % l.numbers))
	}
	req.SmsSdkAppId, req.TemplateId, req.SignName = common.StringPtr("1400006666"), common.StringPtr("1"), common.StringPtr("Notifier")
	req.TemplateParamSet = common.StringPtrs([]string{strconv.Itoa(100_000 + first%900_000)})
	start := time.Now()
	resp, err := c.SendSms(req)
	d := time.Since(start)
	if err != nil {
		return d, err
	}
	for _, st := range resp.Response.SendStatusSet {
		if *st.Code != "Ok" {
			return d, fmt.Errorf("%s: %s", *st.PhoneNumber, *st.Code)
		}
	}
	return d, nil
}

func number(i int) string { return fmt.Sprintf("+86138%08d", i) }

// fill sends n messages, 200 numbers per request, from clients goroutines.
func (l *load) fill(n, clients int) error {
	var sent atomic.Int64
	errs := make(chan error, clients)
	var wg sync.WaitGroup
	for range clients {
		c, err := l.client()
		if err != nil {
			return err
		}
		wg.Go(func() {
			for {
				left := int64(n) - sent.Add(200) + 200
				if left <= 0 {
					return
				}
				if _, err := l.send(c, int(min(left, 200))); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// adminGet reads an admin endpoint into out.
func (l *load) adminGet(path string, out any) error {
	req, err := http.NewRequest(http.MethodGet, "http://"+l.endpoint+path, nil)
	if err != nil {
		return err
	}
	if l.token != "" {
		req.Header.Set("Authorization", "Bearer "+l.token)
	}
	resp, err := l.admin.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("GET %s: %s %s", path, resp.Status, b)
	}
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (l *load) stats() (string, error) {
	var st map[string]any
	if err := l.adminGet("/_fake/stats", &st); err != nil {
		return "", err
	}
	b, err := json.Marshal(st)
	return string(b), err
}

// filtered times runs GET /_fake/messages?number=… of one number.
func (l *load) filtered(runs int) error {
	var probe struct {
		Messages []json.RawMessage `json:"messages"`
		Total    int               `json:"total"`
	}
	target := number(7)
	if err := l.adminGet("/_fake/messages?number="+url.QueryEscape(target), &probe); err != nil {
		return err
	}
	times := make([]time.Duration, runs)
	for i := range runs {
		start := time.Now()
		if err := l.adminGet("/_fake/messages?number="+url.QueryEscape(target), nil); err != nil {
			return err
		}
		times[i] = time.Since(start)
	}
	fmt.Printf("filtered read (number=%s, %d matches): %s\n", target, probe.Total, percentiles(times))
	return nil
}

// latency measures SendSms latency from clients goroutines for d while
// another goroutine pages through every held message.
func (l *load) latency(d time.Duration, clients int, page bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var times []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	for range clients {
		c, err := l.client()
		if err != nil {
			return err
		}
		wg.Go(func() {
			var mine []time.Duration
			var tick <-chan time.Time
			if l.rate > 0 {
				tk := time.NewTicker(time.Duration(float64(time.Second) / l.rate))
				defer tk.Stop()
				tick = tk.C
			}
			for ctx.Err() == nil {
				if tick != nil {
					select {
					case <-tick:
					case <-ctx.Done():
						continue
					}
				}
				t, err := l.send(c, 1)
				if err != nil {
					mu.Lock()
					firstErr = cmpOr(firstErr, err)
					mu.Unlock()
					return
				}
				mine = append(mine, t)
			}
			mu.Lock()
			times = append(times, mine...)
			mu.Unlock()
		})
	}
	pages, paged := 0, 0
	var pageTimes []time.Duration
	if page {
		wg.Go(func() {
			after := ""
			for ctx.Err() == nil {
				var p struct {
					Messages []struct {
						SerialNo string `json:"serialNo"`
					} `json:"messages"`
					Next string `json:"next"`
				}
				start := time.Now()
				err := l.adminGet("/_fake/messages?limit=10000&after="+url.QueryEscape(after), &p)
				if err != nil {
					if errors.Is(ctx.Err(), context.DeadlineExceeded) {
						return
					}
					mu.Lock()
					firstErr = cmpOr(firstErr, err)
					mu.Unlock()
					return
				}
				pageTimes = append(pageTimes, time.Since(start))
				pages++
				paged += len(p.Messages)
				after = p.Next // "" after the last page: start over
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	mode := "closed-loop"
	if l.rate > 0 {
		mode = fmt.Sprintf("%.0f/s each", l.rate)
	}
	fmt.Printf("SendSms, %d clients (%s) for %s: %d sends (%.0f/s), latency %s\n",
		clients, mode, d, len(times), float64(len(times))/d.Seconds(), percentiles(times))
	if page {
		fmt.Printf("paging meanwhile: %d pages of up to 10000, %d messages, page latency %s\n", pages, paged, percentiles(pageTimes))
	}
	return nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// percentiles formats the p50, p99 and maximum of ts.
func percentiles(ts []time.Duration) string {
	if len(ts) == 0 {
		return "no samples"
	}
	slices.Sort(ts)
	at := func(p float64) time.Duration { return ts[min(len(ts)-1, int(p*float64(len(ts))))] }
	return fmt.Sprintf("p50 %s, p99 %s, max %s", at(0.50).Round(10*time.Microsecond),
		at(0.99).Round(10*time.Microsecond), ts[len(ts)-1].Round(10*time.Microsecond))
}

// memory reads VmRSS and VmHWM of process pid from /proc.
func memory(pid int) (rss, hwm string, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "", "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		switch k {
		case "VmRSS":
			rss = strings.TrimSpace(v)
		case "VmHWM":
			hwm = strings.TrimSpace(v)
		}
	}
	return rss, hwm, nil
}
