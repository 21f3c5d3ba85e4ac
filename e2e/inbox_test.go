package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/notifykit/notifier/fakeserver"
)

// js quotes s as a JavaScript string literal.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// rowsContaining is a JavaScript expression: how many list rows contain s.
func rowsContaining(s string) string {
	return fmt.Sprintf(`[...document.querySelectorAll('#list .row')].filter(r => r.textContent.includes(%s)).length`, js(s))
}

const rowCount = `document.querySelectorAll('#list .row').length`

const verifyTemplate = "您的验证码是{1}，5分钟内有效。如非本人操作，请忽略本短信。为保障账户安全，请勿将验证码告诉他人，包括自称客服的人员。如有疑问请联系在线客服。"

// TestInboxInBrowser drives the inbox in headless Chromium as a person
// would: a message sent through the official SDK appears without a
// reload, the search box narrows the list, the detail shows the rendered
// Chinese text and its billed segments, a <script> param is shown as
// text, a reply is injected from the conversation view, the keyboard
// moves through the list, the page fits 360 px and dark mode, and clear
// all empties it.
func TestInboxInBrowser(t *testing.T) {
	ctx := newBrowser(t)
	shots := newScreenshots(t)
	srv := fakeserver.Run(t, fakeserver.WithTemplates(fakeserver.Template{ID: "100001", Name: "verify", Content: verifyTemplate}))
	c := sdkClient(t, srv)

	// A browser at the root is sent to the inbox.
	open(t, ctx, "open the server's root", srv.URL()+"/", "#list")
	if loc := eval[string](t, ctx, `location.pathname`); loc != "/_fake/" {
		t.Fatalf("the root led to %s, not the inbox", loc)
	}
	waitJS(t, ctx, "the event stream connects", `document.querySelector('#live').classList.contains('on')`, 10*time.Second)
	shots.take(ctx, "01-empty")

	// Live: each message appears within 2 s, without a reload.
	eval[bool](t, ctx, `window.__sameDocument = true`)
	code := send(t, c, []string{"+8613800000001"}, "100001", "腾讯云", "4370")[0]
	waitJS(t, ctx, "the sent message appears", rowsContaining("4370")+` === 1`, 2*time.Second)
	xss := `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`
	send(t, c, []string{"+8613800000002"}, "2", "Notifier", xss)
	waitJS(t, ctx, "the <script> message appears", rowsContaining("<script>window.__pwned")+` === 1`, 2*time.Second)
	send(t, c, []string{"+14155550100"}, "3", "", "Your order has shipped")
	send(t, c, []string{"+8613900000001"}, "4", "Notifier", "9999") // a magic number: the receipt fails
	waitJS(t, ctx, "four rows", rowCount+` === 4`, 2*time.Second)
	if !eval[bool](t, ctx, `window.__sameDocument === true`) {
		t.Fatal("the page reloaded")
	}
	if eval[int](t, ctx, rowsContaining("EMPTY_NUMBER")) != 1 {
		t.Error("the failed receipt's reason is not in the list")
	}
	if s := eval[string](t, ctx, `document.querySelector('#stats').textContent`); !strings.Contains(s, "4 held") || !strings.Contains(s, "0 evicted") {
		t.Errorf("stats say %q, want 4 held, 0 evicted", s)
	}
	shots.take(ctx, "02-list")

	// A <script> param is text: nothing ran, no element was made of it.
	if v := eval[string](t, ctx, `String(window.__pwned)`); v != "undefined" {
		t.Fatalf("a message param ran as script: window.__pwned = %s", v)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#list img, #list script').length`); n != 0 {
		t.Errorf("a message param became %d elements", n)
	}

	// Search narrows the list and is reflected in the URL.
	run(t, ctx, "type a search", 10*time.Second, chromedp.SendKeys(chromedp.CSS("#q"), "验证码"))
	waitJS(t, ctx, "the search narrows the list", rowCount+` === 1 && `+rowsContaining("4370")+` === 1`, 5*time.Second)
	if q := eval[string](t, ctx, `new URLSearchParams(location.search).get('text')`); q != "验证码" {
		t.Errorf("the URL's text filter is %q", q)
	}
	shots.take(ctx, "03-search")

	// The detail shows the text as the phone does, in billed segments.
	run(t, ctx, "open the message", 10*time.Second, chromedp.Click(chromedp.CSS("#list .row")), chromedp.WaitVisible(chromedp.CSS("#rendered-text")))
	m, ok := srv.Message(code)
	if !ok {
		t.Fatal("the message is not held")
	}
	if got := eval[string](t, ctx, `document.querySelector('#rendered-text').textContent`); got != m.Text || !strings.HasPrefix(got, "【腾讯云】您的验证码是4370") {
		t.Errorf("the detail shows %q, want %q", got, m.Text)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.segments li').length`); n != m.Fee || n != 2 {
		t.Errorf("the detail shows %d segments for a fee of %d", n, m.Fee)
	}
	waitJS(t, ctx, "the raw request shows, redacted", `[...document.querySelectorAll('pre.code')].some(p => p.textContent.includes('Signature=[redacted]'))`, 5*time.Second)
	shots.take(ctx, "04-detail")

	// Reloading the URL reproduces the view.
	run(t, ctx, "reload the detail's URL", 20*time.Second, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#rendered-text")))
	if eval[int](t, ctx, rowCount) != 1 || eval[string](t, ctx, `document.querySelector('#q').value`) != "验证码" {
		t.Error("a reload lost the search")
	}

	// The <script> message's detail shows the markup as text.
	xssSerial := srv.Find(fakeserver.Filter{Number: "+8613800000002"})[0].SerialNo
	open(t, ctx, "open the <script> message", srv.URL()+"/_fake/?m="+url.QueryEscape(xssSerial), "#rendered-text")
	if got := eval[string](t, ctx, `document.querySelector('#rendered-text').textContent`); got != "【Notifier】"+xss {
		t.Errorf("the <script> message shows %q", got)
	}
	if v := eval[string](t, ctx, `String(window.__pwned)`); v != "undefined" {
		t.Fatalf("a message param ran as script in the detail: %s", v)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#pane img, #pane script').length`); n != 0 {
		t.Errorf("the detail made %d elements of a param", n)
	}
	shots.take(ctx, "05-script-as-text")

	// The conversation view injects a reply.
	open(t, ctx, "open the conversation", srv.URL()+"/_fake/?conv="+url.QueryEscape("+8613800000001"), "#reply-form input")
	run(t, ctx, "reply", 10*time.Second, chromedp.SendKeys(chromedp.CSS("#reply-form input"), "好的，谢谢"), chromedp.Click(chromedp.CSS("#reply-form button")))
	waitJS(t, ctx, "the reply shows", `[...document.querySelectorAll('#chat .bubble.out')].some(b => b.textContent.includes('好的，谢谢'))`, 5*time.Second)
	if rs := srv.Replies(); len(rs) != 1 || rs[0].Number != "+8613800000001" || rs[0].Text != "好的，谢谢" {
		t.Errorf("replies held: %+v", rs)
	}
	shots.take(ctx, "06-conversation")

	// Keyboard: / searches, j moves, Enter opens, Escape goes back.
	open(t, ctx, "open the list", srv.URL()+"/_fake/", "#list .row")
	waitJS(t, ctx, "all rows", rowCount+` === 4`, 5*time.Second)
	run(t, ctx, "press j j Enter", 10*time.Second, chromedp.Focus(chromedp.CSS("#list")), chromedp.KeyEvent("j"), chromedp.KeyEvent("j"), chromedp.KeyEvent("\r"))
	waitJS(t, ctx, "Enter opens the second row", `new URLSearchParams(location.search).get('m') === document.querySelectorAll('#list .row')[1].dataset.serial`, 5*time.Second)
	run(t, ctx, "press Escape", 10*time.Second, chromedp.KeyEvent("\u001b"))
	waitJS(t, ctx, "Escape closes the detail", `!new URLSearchParams(location.search).get('m')`, 5*time.Second)

	// The controls list what can be changed.
	open(t, ctx, "open the controls", srv.URL()+"/_fake/?view=controls", "#pane .card")
	waitJS(t, ctx, "the controls show", `document.querySelector('#pane').textContent.includes('Fault rules')`, 5*time.Second)
	shots.take(ctx, "07-controls")

	// 360 px wide: nothing overflows sideways; the detail replaces the list.
	run(t, ctx, "narrow the window", 20*time.Second, chromedp.EmulateViewport(360, 780, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	open(t, ctx, "open the list narrow", srv.URL()+"/_fake/", "#list .row")
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360 px the page is %d px wide", w)
	}
	shots.take(ctx, "08-narrow-list")
	open(t, ctx, "open a message narrow", srv.URL()+"/_fake/?m="+url.QueryEscape(code), "#rendered-text")
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360 px the detail is %d px wide", w)
	}
	shots.take(ctx, "09-narrow-detail")

	// Dark mode follows the system setting.
	run(t, ctx, "dark mode", 20*time.Second, chromedp.EmulateViewport(1280, 860), darkMode(true))
	open(t, ctx, "open a message in dark mode", srv.URL()+"/_fake/?m="+url.QueryEscape(code), "#rendered-text")
	if bg := eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(15, 18, 23)" {
		t.Errorf("dark mode background is %s", bg)
	}
	shots.take(ctx, "10-dark")
	run(t, ctx, "light mode", 10*time.Second, darkMode(false))

	// Clear all: the button asks once more, then empties the server and the page.
	open(t, ctx, "open the list to clear it", srv.URL()+"/_fake/", "#list .row")
	run(t, ctx, "clear all", 20*time.Second, chromedp.Click(chromedp.CSS("#clear")), chromedp.Click(chromedp.CSS("#clear")))
	waitJS(t, ctx, "the list empties", rowCount+` === 0`, 5*time.Second)
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("clear all left %d messages on the server", n)
	}
	waitJS(t, ctx, "the stats follow", `document.querySelector('#stats').textContent.startsWith('0 held')`, 5*time.Second)
}

// darkMode emulates the system's dark (or light) colour scheme.
func darkMode(on bool) chromedp.Action[chromedp.Void] {
	value := "light"
	if on {
		value = "dark"
	}
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: value}},
		})
		return err
	})
}
