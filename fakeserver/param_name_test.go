package fakeserver_test

import (
	"strings"
	"testing"

	"github.com/notifykit/notifier/fakeserver"
)

// TestUnknownParameterNamesCarryNoContent: an unknown parameter's name is
// echoed only when it looks like a name, so message content sent the wrong
// way (a JSON body as a form, odd JSON keys) never reaches an error text.
func TestUnknownParameterNamesCarryNoContent(t *testing.T) {
	srv := fakeserver.Run(t)
	const secret = `{"PhoneNumberSet":["+8613812345678"],"TemplateParamSet":["991234"]}`
	for _, tc := range []struct {
		name     string
		call     rawCall
		wantName string // echoed, or "" when nothing of the name may appear
	}{
		{"json body sent as a v1 form", rawCall{v1: true, body: secret}, ""},
		{"json key that is content", rawCall{body: `{"code 991234 for 8613812345678":1}`}, ""},
		{"ordinary unknown json key", rawCall{body: `{"Foo":1}`}, "Foo"},
		{"ordinary unknown form key", rawCall{v1: true, body: "Foo.0=1"}, "Foo.0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, env, _ := tc.call.do(t, srv.Handler())
			e := env.Response.Error
			if e == nil || e.Code != "UnknownParameter" {
				t.Fatalf("error = %+v, want UnknownParameter", e)
			}
			if strings.Contains(e.Message, "991234") || strings.Contains(e.Message, "8613812345678") {
				t.Errorf("message %q carries message content", e.Message)
			}
			if tc.wantName != "" && !strings.Contains(e.Message, "`"+tc.wantName+"`") {
				t.Errorf("message %q does not name %s", e.Message, tc.wantName)
			}
		})
	}
}
