package wire

import (
	"bytes"
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
// params struct of an action whose RequestId is nil.
func EncodeResult(requestID string, result any) ([]byte, error) {
	inner, err := json.Marshal(result, marshalOptions)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := jsontext.NewEncoder(&buf, marshalOptions)
	dec := jsontext.NewDecoder(bytes.NewReader(inner))
	writeAll := func(toks ...jsontext.Token) error {
		for _, t := range toks {
			if err := enc.WriteToken(t); err != nil {
				return err
			}
		}
		return nil
	}
	if err := writeAll(jsontext.BeginObject, jsontext.String("Response"), jsontext.BeginObject); err != nil {
		return nil, err
	}
	if _, err := dec.ReadToken(); err != nil { // the result's '{'
		return nil, err
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return nil, err
		}
		if err := enc.WriteToken(name); err != nil { // before the next read voids it
			return nil, err
		}
		value, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		if err := enc.WriteValue(value); err != nil {
			return nil, err
		}
	}
	for _, name := range emptyLists(result) {
		if err := enc.WriteToken(jsontext.String(name)); err != nil {
			return nil, err
		}
		if err := enc.WriteValue(jsontext.Value("[]")); err != nil {
			return nil, err
		}
	}
	if err := writeAll(jsontext.String("RequestId"), jsontext.String(requestID), jsontext.EndObject, jsontext.EndObject); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
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
