package fakeserver_test

import (
	"strings"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// TestNewCredentialErrorsSayWhich checks that a credential with a missing
// part is refused with an error naming the part (and the SecretId, when
// there is one) but never the key.
func TestNewCredentialErrorsSayWhich(t *testing.T) {
	tests := []struct {
		name  string
		creds map[string]string
		want  string
	}{
		{"empty SecretId", map[string]string{"": "topsecret"}, "fakeserver: a credential has an empty SecretId"},
		{"empty SecretKey", map[string]string{"AKIDnokey": "", "AKIDfine": "topsecret"}, `fakeserver: credential "AKIDnokey" has an empty SecretKey`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := fakeserver.New(fakeserver.Options{Credentials: tt.creds})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("New: %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "topsecret") {
				t.Fatalf("the error shows a key: %v", err)
			}
		})
	}
}
