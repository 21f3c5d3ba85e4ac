package fakeserver_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notifykit/notifier/fakeserver"
	"github.com/notifykit/notifier/internal/tcsms"
)

// stallBody opens a connection to srv and sends the head of a TC3 SendSms
// whose Content-Length is length, signed by secretID, and a few bytes of
// its body, then stalls. The connection closes when the test ends.
func stallBody(t *testing.T, srv *fakeserver.Server, secretID string, length int) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	now := time.Now().Unix()
	auth := tcsms.TC3Authorization(secretID, fakeserver.DefaultSecretKey, tcsms.TC3Params{Method: "POST",
		Host: "sms.tencentcloudapi.com", ContentType: "application/json", Service: "sms", Timestamp: now})
	head := fmt.Sprintf("POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"+
		"X-TC-Action: SendSms\r\nX-TC-Version: %s\r\nX-TC-Timestamp: %d\r\nAuthorization: %s\r\n\r\n{\"Phone",
		srv.Endpoint(), length, fakeserver.APIVersion, now, auth)
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	return conn
}

// TestCredentialCheckedBeforeBody pins issue 11's finding that up to 10 MB
// were buffered before the signature was checked: a request naming an
// unknown SecretId is answered at once, without waiting for its body.
func TestCredentialCheckedBeforeBody(t *testing.T) {
	srv := fakeserver.Run(t)
	conn := stallBody(t, srv, "AKIDUNKNOWN", 9<<20)
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body was sent: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if want := `"Code":"AuthFailure.SecretIdNotFound"`; !strings.Contains(string(b), want) {
		t.Errorf("answer %s, want %s", b, want)
	}
}

// TestBodiesInFlightAreCapped pins issue 11's finding that 30 connections
// sending 9 MB and stalling pinned 290 MB: the body bytes being received
// at once are capped (here 2 MB), and a request past the cap is answered
// RequestLimitExceeded at once.
func TestBodiesInFlightAreCapped(t *testing.T) {
	const budget = 2 << 20
	srv := fakeserver.Run(t, fakeserver.WithMaxInFlightBodyBytes(budget))
	stalled := []net.Conn{
		stallBody(t, srv, fakeserver.DefaultSecretID, budget/2),
		stallBody(t, srv, fakeserver.DefaultSecretID, budget/2),
	}
	c := newClient(t, srv, signModes[0])
	send := func() string {
		_, err := c.SendSms(sendReq([]string{"+8613800000001"}, "1", "x"))
		if err == nil {
			return "Ok"
		}
		return sdkCode(t, err)
	}
	// The stalled requests reserve their bytes as soon as their heads are
	// read; until then a send may still pass.
	deadline := time.Now().Add(10 * time.Second)
	for code := send(); code != "RequestLimitExceeded"; code = send() {
		if time.Now().After(deadline) {
			t.Fatalf("sends still answered %s with %d bytes stalled in flight", code, budget)
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, conn := range stalled {
		conn.Close()
	}
	for code := send(); code != "Ok"; code = send() {
		if time.Now().After(deadline) {
			t.Fatalf("sends still answered %s after the stalled requests were gone", code)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := fakeserver.New(fakeserver.Options{MaxInFlightBodyBytes: -1}); err != nil {
		t.Errorf("a negative cap (off): %v", err)
	}
}
