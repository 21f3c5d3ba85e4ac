package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver"
)

// TestInboxWith100000Held opens the inbox on a server holding its
// default retention of 100,000 messages, 201 more having been evicted,
// and checks that the page shows one page of 50, the counts, and a search
// result. It logs the page's size and, from the browser's Performance API,
// its first contentful paint and when the list was drawn: numbers to
// read, not to assert on.
func TestInboxWith100000Held(t *testing.T) {
	ctx := newBrowser(t)
	shots := newScreenshots(t)
	srv := fakeserver.Run(t)

	cpf := profile.NewClientProfile()
	c, err := sms.NewClient(common.NewCredential(fakeserver.DefaultSecretID, fakeserver.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	c.WithHttpTransport(srv.Transport())
	numbers := make([]string, 200)
	const total = fakeserver.DefaultMaxMessages + 200
	for sent := 0; sent < total; sent += len(numbers) {
		for i := range numbers {
			numbers[i] = fmt.Sprintf("+86138%08d", sent+i)
		}
		send(t, c, numbers, "1", "Notifier", fmt.Sprint("code ", sent))
	}
	send(t, c, []string{"+8613912345678"}, "1", "Notifier", "找到我 4242")
	t.Logf("the inbox is %d bytes of HTML, CSS, JavaScript and icon", fakeserver.InboxSize())

	open(t, ctx, "open the inbox with 100,000 held", srv.URL()+"/_fake/", "#list .row")
	waitJS(t, ctx, "the list is drawn", `performance.getEntriesByName('inbox-list').length > 0`, 20*time.Second)
	if n := eval[int](t, ctx, rowCount); n != 50 {
		t.Errorf("the page shows %d rows, want one page of 50", n)
	}
	waitJS(t, ctx, "the counts show", `document.querySelector('#stats').textContent.length > 0`, 10*time.Second)
	if s := eval[string](t, ctx, `document.querySelector('#stats').textContent`); s != "100,000 held, 201 evicted" {
		t.Errorf("the stats say %q", s)
	}
	fcp := eval[float64](t, ctx, `(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime`)
	list := eval[float64](t, ctx, `performance.getEntriesByName('inbox-list')[0].startTime`)
	t.Logf("with 100,000 held: first contentful paint %.0f ms, list drawn %.0f ms after navigation", fcp, list)
	shots.take(ctx, "11-100000-held")

	run(t, ctx, "search among 100,000", 10*time.Second, chromedp.SendKeys(chromedp.CSS("#q"), "找到我"))
	start := time.Now()
	waitJS(t, ctx, "the search finds the one message", rowCount+` === 1`, 20*time.Second)
	t.Logf("a text search took %s to show, typing pause included", time.Since(start).Round(time.Millisecond))
	if r := eval[string](t, ctx, `document.querySelector('#range').textContent`); !strings.Contains(r, "of 1") {
		t.Errorf("the search range says %q", r)
	}
}
