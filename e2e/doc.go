// Package e2e holds the browser tests of the fake server's inbox page.
// It is its own module so that chromedp and the Chrome DevTools protocol
// stay out of the core module's dependencies.
//
// The tests drive Debian's Chromium (/usr/bin/chromium, or $CHROMIUM)
// headless against fakeserver.Run. Without Chromium they skip, except
// under CI=true, where they fail. Screenshots go to the test's temporary
// directory, and stay in $NOTIFIER_SCREENSHOTS when it names one:
//
//	NOTIFIER_SCREENSHOTS=/tmp/shots go test ./...
package e2e
