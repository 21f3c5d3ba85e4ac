package fakeserver

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver/internal/store"
)

// TestWritePageMatchesMarshal: the streamed page is byte for byte what
// encoding the whole Page would give.
func TestWritePageMatchesMarshal(t *testing.T) {
	msgs := make([]Message, 600)
	for i := range msgs {
		msgs[i] = Message{SerialNo: "2433:" + string(rune('a'+i%26)), Number: "+8613800000001", Params: []string{"<&>", "码"},
			Text: "【签名】code \"x\"", Time: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Fee: i}
	}
	for _, p := range []Page{{Messages: []Message{}}, {Messages: msgs[:1], Total: 1}, {Messages: msgs, Total: 9000, Next: "2433:\"z\""}} {
		rec := httptest.NewRecorder()
		sp := store.Page{Messages: make([]store.Message, len(p.Messages)), Total: p.Total, Next: p.Next}
		for i, m := range p.Messages {
			sp.Messages[i] = store.Message(m)
		}
		writePage(rec, sp)
		want, _ := json.Marshal(p)
		if got := rec.Body.String(); got != string(want)+"\n" {
			t.Errorf("writePage = %.300s\nwant       %.300s", got, want)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q", ct)
		}
	}
}
