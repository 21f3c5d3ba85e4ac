package fakeserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// sseEvent is one Server-Sent Event.
type sseEvent struct{ name, id, data string }

// openEvents connects to GET /_fake/events?query and returns its events;
// the channel closes when the stream ends.
func openEvents(t *testing.T, srv *fakeserver.Server, query, lastEventID string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL()+"/_fake/events?"+query, nil)
	if err != nil {
		t.Fatal(err)
	}
	if lastEventID != "" {
		req.Header.Set("Last-Event-ID", lastEventID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("GET /_fake/events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	ch := make(chan sseEvent, 1024)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "id: "):
				ev.id = line[len("id: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	return ch
}

// nextEvent returns the next event named name, skipping others, or fails
// after 5 s or when the stream ends.
func nextEvent(t *testing.T, ch <-chan sseEvent, name string) sseEvent {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("the stream ended before a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within 5 s", name)
		}
	}
}

// TestEventsStreamNewMessagesAndChanges checks the event stream: a
// message sent through the SDK arrives as a "message" event carrying the
// held message with its SerialNo as the id, a delete as "changed", stats
// follow, and the stream ends when the server closes.
func TestEventsStreamNewMessagesAndChanges(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	events := openEvents(t, srv, "", "")
	nextEvent(t, events, "stats")

	if _, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "<b>1234</b>")); err != nil {
		t.Fatal(err)
	}
	ev := nextEvent(t, events, "message")
	var m fakeserver.Message
	if err := json.Unmarshal([]byte(ev.data), &m); err != nil {
		t.Fatal(err)
	}
	held := srv.Messages()
	if len(held) != 1 || m.SerialNo != held[0].SerialNo || ev.id != m.SerialNo || m.Text != "【Notifier】<b>1234</b>" || m.Country != "CN" {
		t.Fatalf("message event %+v (id %q), held %+v", m, ev.id, held)
	}
	var st fakeserver.Stats
	if err := json.Unmarshal([]byte(nextEvent(t, events, "stats").data), &st); err != nil || st.Held != 1 {
		t.Errorf("stats after the send: %+v %v", st, err)
	}

	srv.DeleteMessage(m.SerialNo)
	nextEvent(t, events, "changed")
	if err := srv.InjectReply(fakeserver.Reply{Number: "+8613800000001", Text: "TD"}); err != nil {
		t.Fatal(err)
	}
	nextEvent(t, events, "changed")

	srv.Close()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		case <-timeout:
			t.Fatal("the stream did not end when the server closed")
		}
	}
}

// TestEventsStreamFiltersAndResumes checks that a stream with filters
// sends only matching messages, and that Last-Event-ID resumes after the
// given message, sending those that arrived while disconnected.
func TestEventsStreamFiltersAndResumes(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	filtered := openEvents(t, srv, "number=13800000002&text=code", "")
	for i, n := range []string{"+8613800000001", "+8613800000002", "+8613800000002"} {
		req := sendReq([]string{n}, "1", fmt.Sprint("code ", i))
		if i == 1 {
			req = sendReq([]string{n}, "1", "other")
		}
		if _, err := c.SendSms(req); err != nil {
			t.Fatal(err)
		}
	}
	held := srv.Messages()
	var m fakeserver.Message
	_ = json.Unmarshal([]byte(nextEvent(t, filtered, "message").data), &m)
	if m.SerialNo != held[2].SerialNo {
		t.Errorf("filtered stream sent %s (%q), want only %s", m.SerialNo, m.Text, held[2].SerialNo)
	}

	resumed := openEvents(t, srv, "", held[0].SerialNo)
	for _, want := range held[1:] {
		if ev := nextEvent(t, resumed, "message"); ev.id != want.SerialNo {
			t.Errorf("resumed stream sent %s, want %s", ev.id, want.SerialNo)
		}
	}
}

// TestEventsStreamBurstBecomesChanged checks that a burst larger than one
// round's worth of events is one "changed" event, not hundreds of
// messages.
func TestEventsStreamBurstBecomesChanged(t *testing.T) {
	srv := fakeserver.Run(t)
	c := newClient(t, srv, signModes[0])
	events := openEvents(t, srv, "", "")
	nextEvent(t, events, "stats")
	numbers := make([]string, 200)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+86138%08d", i)
	}
	if _, err := c.SendSms(sendReq(numbers, "1", "1")); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(5 * time.Second)
	for messages := 0; ; {
		select {
		case ev := <-events:
			switch ev.name {
			case "message":
				if messages++; messages > 100 {
					t.Fatalf("%d message events for one burst", messages)
				}
			case "changed":
				return
			}
		case <-timeout:
			t.Fatal("no changed event after a burst of 200")
		}
	}
}

// TestEventsBadFilter checks that a malformed filter is a 400, not a
// stream.
func TestEventsBadFilter(t *testing.T) {
	srv := fakeserver.Run(t)
	var e struct{ Error string }
	if code := admin(t, srv, "GET", "/_fake/events?since=yesterday", "", &e); code != http.StatusBadRequest || e.Error == "" {
		t.Errorf("GET /_fake/events?since=yesterday: %d %+v", code, e)
	}
}
