package fakeserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/internal/tcsms"
)

// Every API answer is HTTP 200 application/json holding exactly
// {"Response":{...}} with a RequestId, errors included (reference §3):
// Node's SDK discards the error code of any non-200 answer.

// encoderPool pairs a buffer with a JSON encoder writing into it.
type pooledEncoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoderPool = sync.Pool{New: func() any {
	pe := &pooledEncoder{}
	pe.enc = json.NewEncoder(&pe.buf)
	return pe
}}

// writeResult writes a success envelope around result, a response params
// struct of the SDK (for example *v20210111.SendSmsResponseParams) whose
// RequestId is nil.
func writeResult(w http.ResponseWriter, requestID string, result any) error {
	pe := getEncoder()
	defer pe.put()
	buf := &pe.buf
	buf.WriteString(`{"Response":`)
	if r, ok := result.(*sms.SendSmsResponseParams); !ok || !appendSendSmsResult(buf, r) {
		if err := pe.enc.Encode(result); err != nil {
			return err
		}
		// Encode ends with "}\n"; splice the RequestId in before the brace.
		// RequestIds are UUIDs, so they need no escaping.
		buf.Truncate(len(bytes.TrimRight(buf.Bytes(), "\n")) - 1)
		for _, name := range emptyLists(result) {
			writeMember(buf, name)
			buf.WriteString("[]")
		}
	}
	writeMember(buf, "RequestId")
	buf.WriteString(`"`)
	buf.WriteString(requestID)
	buf.WriteString(`"}}`)
	writeJSON(w, buf.Bytes())
	return nil
}

// appendSendSmsResult is the fast path of writeResult for the busiest
// answer: it writes r as encoding/json would, without the closing brace,
// and reports true; or, when r holds anything that encoding/json would
// escape or write as null, it writes nothing and reports false.
// envelope_test.go checks it byte for byte against encoding/json.
func appendSendSmsResult(buf *bytes.Buffer, r *sms.SendSmsResponseParams) bool {
	if r == nil || len(r.SendStatusSet) == 0 || r.RequestId != nil {
		return false
	}
	// Built in buf's free space and written at once: nothing reaches buf
	// unless every value can be written verbatim.
	b := append(buf.AvailableBuffer(), `{"SendStatusSet":[`...)
	for i, st := range r.SendStatusSet {
		if st == nil {
			return false
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		var ok bool
		if b, ok = appendStringMember(b, "SerialNo", st.SerialNo); !ok {
			return false
		}
		if b, ok = appendStringMember(b, "PhoneNumber", st.PhoneNumber); !ok {
			return false
		}
		if st.Fee != nil {
			b = strconv.AppendUint(appendMember(b, "Fee"), *st.Fee, 10)
		}
		for _, m := range [...]struct {
			name string
			v    *string
		}{{"SessionContext", st.SessionContext}, {"Code", st.Code}, {"Message", st.Message}, {"IsoCode", st.IsoCode}} {
			if b, ok = appendStringMember(b, m.name, m.v); !ok {
				return false
			}
		}
		b = append(b, '}')
	}
	buf.Write(append(b, ']'))
	return true
}

// appendStringMember appends the member name with the value *v unless v
// is nil (omitempty on a pointer), and reports false if *v needs escaping.
func appendStringMember(b []byte, name string, v *string) ([]byte, bool) {
	if v == nil {
		return b, true
	}
	if !jsonVerbatim(*v) {
		return b, false
	}
	b = append(appendMember(b, name), '"')
	b = append(b, *v...)
	return append(b, '"'), true
}

// appendMember appends the object member name, after a comma unless it is
// the first.
func appendMember(b []byte, name string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, `":`...)
}

// jsonVerbatim reports whether encoding/json, escaping HTML as Encoder
// does by default, writes s between its quotes unchanged: printable ASCII
// other than quote, backslash, <, > and &, and valid UTF-8 other than
// U+2028 and U+2029.
func jsonVerbatim(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !verbatimASCII[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// verbatimASCII marks the ASCII bytes jsonVerbatim accepts.
var verbatimASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// writeMember starts the object member name in buf, after a comma unless
// it is the first.
func writeMember(buf *bytes.Buffer, name string) {
	if b := buf.Bytes(); b[len(b)-1] != '{' {
		buf.WriteByte(',')
	}
	buf.WriteByte('"')
	buf.WriteString(name)
	buf.WriteString(`":`)
}

// emptyLists returns the names of result's top-level list fields that are
// empty but not nil. The SDK's models mark lists omitempty, but Tencent
// answers an empty result as [] (a Node client reading
// resp.PullSmsSendStatusSet.length must not crash), so handlers set a
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

func listFieldsOf(t reflect.Type) []listField {
	if fs, ok := listFieldCache.Load(t); ok {
		return fs.([]listField)
	}
	var fs []listField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); f.Type.Kind() == reflect.Slice && name != "" && name != "-" {
			fs = append(fs, listField{i, name})
		}
	}
	listFieldCache.Store(t, fs)
	return fs
}

// writeError writes an error envelope.
func writeError(w http.ResponseWriter, requestID string, e *tcsms.APIError) {
	pe := getEncoder()
	defer pe.put()
	buf := &pe.buf
	buf.WriteString(`{"Response":{"Error":{"Code":`)
	writeJSONString(buf, e.Code)
	buf.WriteString(`,"Message":`)
	writeJSONString(buf, e.Message)
	buf.WriteString(`},"RequestId":"`)
	buf.WriteString(requestID) // a UUID: nothing to escape
	buf.WriteString(`"}}`)
	writeJSON(w, buf.Bytes())
}

func writeJSON(w http.ResponseWriter, b []byte) {
	// One allocation holds both header values and the length's digits.
	hv := new(jsonHeaderValues)
	hv.vals[0] = "application/json"
	digits := strconv.AppendInt(hv.digits[:0], int64(len(b)), 10)
	hv.vals[1] = unsafe.String(&digits[0], len(digits)) // hv.digits is never written again
	h := w.Header()
	h["Content-Type"] = hv.vals[0:1:1]
	h["Content-Length"] = hv.vals[1:2:2]
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// jsonHeaderValues backs the two header values writeJSON sets. Each value
// slice is capped at its one element, so appending to one never writes
// into the other.
type jsonHeaderValues struct {
	vals   [2]string
	digits [20]byte
}

func writeJSONString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s) // marshalling a string cannot fail
	buf.Write(b)
}

// getEncoder returns a pooled encoder with an empty buffer.
func getEncoder() *pooledEncoder {
	pe := encoderPool.Get().(*pooledEncoder)
	pe.buf.Reset()
	return pe
}

// put returns pe to the pool unless its buffer grew large.
func (pe *pooledEncoder) put() {
	if pe.buf.Cap() <= 64<<10 {
		encoderPool.Put(pe)
	}
}

// asAPIError turns any handler error into a Tencent error; anything that is
// not already one is an internal error, reported without its text.
func asAPIError(err error) *tcsms.APIError {
	var e *tcsms.APIError
	if errors.As(err, &e) {
		return e
	}
	return tcsms.NewError(tcsms.CodeInternalError)
}
