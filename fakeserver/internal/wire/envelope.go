package wire

import (
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/google/uuid"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Every API answer is HTTP 200 application/json holding exactly
// {"Response":{...}} with a RequestId, errors included (reference §3):
// Node's SDK discards the error code of any non-200 answer.

// NewRequestID returns a fresh RequestId: a random UUID, like Tencent's.
func NewRequestID() string { return uuid.NewString() }

// marshalOptions encode answers. The SDK's response models mark every
// field omitempty meaning encoding/json's rule: a nil pointer is left out,
// a pointer to "" is not (a failed SendStatus carries "SerialNo":""). A
// stored string that is not valid UTF-8 (none should be) must not fail an
// answer.
var marshalOptions = json.JoinOptions(jsonv1.OmitEmptyWithLegacySemantics(true), jsontext.AllowInvalidUTF8(true))

// EncodeResult returns the success envelope around result, a response
// params struct of an action whose RequestId is nil: the JSON object the
// result marshals to, with the members omitempty dropped for empty lists
// put back and RequestId added last, inside {"Response":...}.
func EncodeResult(requestID string, result any) ([]byte, error) {
	inner, err := json.Marshal(result, marshalOptions)
	if err != nil {
		return nil, err
	}
	if len(inner) < 2 || inner[0] != '{' || inner[len(inner)-1] != '}' {
		return nil, fmt.Errorf("wire: a %T does not marshal to a JSON object", result)
	}
	b := make([]byte, 0, len(inner)+80)
	b = append(b, `{"Response":`...)
	b = append(b, inner[:len(inner)-1]...) // the result's members, without its '}'
	members := len(inner) > 2
	for _, name := range emptyLists(result) {
		b = appendMember(b, members, name)
		b = append(b, "[]"...)
		members = true
	}
	b = appendMember(b, members, "RequestId")
	b, _ = jsontext.AppendQuote(b, requestID)
	return append(b, "}}"...), nil
}

// appendMember appends `"name":`, after a comma when the object already
// has members.
func appendMember(b []byte, comma bool, name string) []byte {
	if comma {
		b = append(b, ',')
	}
	b, _ = jsontext.AppendQuote(b, name) // names are Go identifiers: nothing to replace
	return append(b, ':')
}

// WriteResult writes the success envelope around result.
func WriteResult(w http.ResponseWriter, requestID string, result any) error {
	b, err := EncodeResult(requestID, result)
	if err != nil {
		return err
	}
	writeJSON(w, b)
	return nil
}

// errorEnvelope is Tencent's error answer.
type errorEnvelope struct {
	Response struct {
		Error struct {
			Code    string
			Message string
		}
		RequestId string
	}
}

// EncodeError returns the error envelope of e.
func EncodeError(requestID string, e *tcsms.APIError) []byte {
	var env errorEnvelope
	env.Response.Error.Code, env.Response.Error.Message = e.Code, e.Message
	env.Response.RequestId = requestID
	b, _ := json.Marshal(&env, marshalOptions) // plain strings: it cannot fail
	return b
}

// WriteError writes the error envelope of e.
func WriteError(w http.ResponseWriter, requestID string, e *tcsms.APIError) {
	writeJSON(w, EncodeError(requestID, e))
}

// WriteEnvelope writes an envelope that EncodeResult or EncodeError
// returned.
func WriteEnvelope(w http.ResponseWriter, b []byte) { writeJSON(w, b) }

func writeJSON(w http.ResponseWriter, b []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// emptyLists returns the names of result's top-level list fields that are
// empty but not nil. The SDK's models mark lists omitempty, but Tencent
// answers an empty result as [] (a Node client reading
// resp.PullSmsSendStatusSet.length must not crash), so actions set a
// non-nil empty slice and the envelope restores the member.
func emptyLists(result any) []string {
	v := reflect.ValueOf(result)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for _, f := range listFieldsOf(v.Type()) {
		if fv := v.Field(f.index); !fv.IsNil() && fv.Len() == 0 {
			names = append(names, f.name)
		}
	}
	return names
}

type listField struct {
	index int
	name  string
}

var listFieldCache sync.Map // reflect.Type -> []listField

// listFieldsOf returns the list fields of struct type t that omitempty
// would drop.
func listFieldsOf(t reflect.Type) []listField {
	if fs, ok := listFieldCache.Load(t); ok {
		return fs.([]listField)
	}
	var fs []listField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Type.Kind() == reflect.Slice && name != "" && name != "-" && strings.Contains(opts, "omitempty") {
			fs = append(fs, listField{i, name})
		}
	}
	listFieldCache.Store(t, fs)
	return fs
}
