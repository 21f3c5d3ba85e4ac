package fakeserver_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
)

// rawExchange writes raw to a new connection to srv and reads the answers
// to n requests; with waitClose, closed reports whether the server then
// closed the connection.
func rawExchange(t *testing.T, srv *fakeserver.Server, raw string, n int, waitClose bool) (answers []*http.Response, closed bool) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	for range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("reading answer %d: %v", len(answers)+1, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answers = append(answers, resp)
	}
	if !waitClose {
		return answers, false
	}
	_, err = br.ReadByte()
	return answers, err == io.EOF
}

// TestTransferEncodingWithContentLengthRefused pins issue 11's finding
// that a request with both Transfer-Encoding and Content-Length was served:
// it is refused with 400 and its connection closed, on the API and the
// admin API alike.
func TestTransferEncodingWithContentLengthRefused(t *testing.T) {
	srv := fakeserver.Run(t)
	for _, path := range []string{"/", "/_fake/faults"} {
		raw := "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
			"Content-Length: 40\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
		answers, closed := rawExchange(t, srv, raw, 1, true)
		if answers[0].StatusCode != http.StatusBadRequest || !closed {
			t.Errorf("POST %s with both headers: %s, connection closed %v; want 400 and closed", path, answers[0].Status, closed)
		}
	}
	if n := len(srv.Faults()); n != 0 {
		t.Errorf("%d fault rules added by refused requests", n)
	}

	// A chunked request alone is served, and its connection closed after.
	chunked := "POST /_fake/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
		"Transfer-Encoding: chunked\r\n\r\n" + chunk(`{"action":"SendSms","code":"InternalError"}`) + "0\r\n\r\n"
	answers, closed := rawExchange(t, srv, chunked, 1, true)
	if answers[0].StatusCode != http.StatusCreated || !closed {
		t.Errorf("a chunked request: %s, connection closed %v; want 201 and closed", answers[0].Status, closed)
	}
	// Requests framed by Content-Length keep the connection alive.
	get := "GET /_fake/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
	post := "POST /_fake/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]"
	answers, _ = rawExchange(t, srv, post+get+get, 3, false)
	for i, a := range answers {
		if a.Close {
			t.Errorf("keep-alive request %d: the server closes the connection", i+1)
		}
	}
}

// chunk frames s as one chunk of a chunked body.
func chunk(s string) string {
	return strconv.FormatInt(int64(len(s)), 16) + "\r\n" + s + "\r\n"
}
