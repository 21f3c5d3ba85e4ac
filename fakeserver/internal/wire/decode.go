package wire

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	sms "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/sms/v20210111"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/internal/tcsms"
)

// MaxListElements is the most elements any list parameter may have. A
// longer list is counted while it is skipped, never held: a body of a
// million phone numbers costs its bytes, not a million strings. No action
// takes more than 200, so requests the SDKs send are never cut.
const MaxListElements = 1000

// unmarshalOptions decode an action's parameters: unknown names are
// refused (UnknownParameter), names are case-sensitive and duplicate names
// are refused (go-json-experiment's defaults).
var unmarshalOptions = json.RejectUnknownMembers(true)

// cappedOptions also cap lists at MaxListElements while decoding. They
// cost a custom unmarshaler lookup per value, so decodeParams uses them
// only for bodies large enough to hold a list past the cap; a smaller body
// holds so few elements that decoding them all costs nothing.
var cappedOptions = json.JoinOptions(
	unmarshalOptions,
	json.WithUnmarshalers(json.JoinUnmarshalers(
		json.UnmarshalFromFunc(capList[string]),
		json.UnmarshalFromFunc(capList[uint64]),
		json.UnmarshalFromFunc(capList[sms.MultiSmsInfo]),
	)),
)

// cappedFrom is the body size from which lists are capped while decoding:
// MaxListElements of the shortest possible elements ("1,") fit in less.
const cappedFrom = 2 * MaxListElements

// errListTooLong is what capList reports for a list past the cap.
type errListTooLong struct{ n int }

func (e errListTooLong) Error() string { return strconv.Itoa(e.n) + " elements" }

// capList decodes a JSON array into *v, keeping at most MaxListElements
// elements and skipping (but counting) the rest.
func capList[T any](dec *jsontext.Decoder, v *[]*T) error {
	if dec.PeekKind() != '[' {
		return errors.ErrUnsupported // not an array: the default decoding reports it
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	list := []*T{} // [] decodes to an empty list, not nil
	n := 0
	for dec.PeekKind() != ']' {
		if n++; n > MaxListElements {
			if err := dec.SkipValue(); err != nil {
				return err
			}
			continue
		}
		var elem *T
		if err := json.UnmarshalDecode(dec, &elem); err != nil {
			return err
		}
		list = append(list, elem)
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	if n > MaxListElements {
		return errListTooLong{n}
	}
	*v = list
	return nil
}

// decodeParams fills params, a pointer to an action's request struct, from
// a JSON object. An empty body is an empty object.
func decodeParams(body []byte, params any) *tcsms.APIError {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	if body[0] != '{' {
		return tcsms.Errorf(tcsms.CodeJSONParseFail, "The request body must be a JSON object.")
	}
	opts := unmarshalOptions
	if len(body) >= cappedFrom {
		opts = cappedOptions
	}
	if err := json.Unmarshal(body, params, opts); err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonError maps a decoding error to Tencent's codes: an unknown name is
// UnknownParameter, a repeated one or a value of the wrong type
// InvalidParameter, too long a list of numbers PhoneNumberCountLimit, and
// anything else JsonParseFail.
func jsonError(err error) *tcsms.APIError {
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	var tooLong errListTooLong
	switch {
	case errors.As(err, &syn) && errors.Is(syn.Err, jsontext.ErrDuplicateName):
		return tcsms.Errorf(tcsms.CodeInvalidParameter, "The parameter `%s` appears more than once.", pointerName(syn.JSONPointer))
	case errors.As(err, &syn):
		return tcsms.Errorf(tcsms.CodeJSONParseFail, "The request body is not valid JSON.")
	case errors.As(err, &tooLong):
		name := "(a list)"
		if errors.As(err, &sem) {
			name = pointerName(sem.JSONPointer)
		}
		if name == "PhoneNumberSet" || name == "MultiSmsInfoSet" {
			return tcsms.Errorf(tcsms.CodePhoneNumberCountLimit,
				"At most %d phone numbers may be sent at once; got %d.", tcsms.MaxNumbers, tooLong.n)
		}
		return tcsms.Errorf(tcsms.CodeInvalidParameter, "The parameter `%s` has %d elements; at most %d are allowed.", name, tooLong.n, MaxListElements)
	case errors.As(err, &sem) && errors.Is(sem.Err, json.ErrUnknownName):
		return tcsms.Errorf(tcsms.CodeUnknownParameter, "The parameter `%s` is not recognized.", pointerName(sem.JSONPointer))
	case errors.As(err, &sem) && sem.JSONPointer != "":
		expected := "another type"
		if sem.GoType != nil {
			expected = typeName(sem.GoType)
		}
		return tcsms.Errorf(tcsms.CodeInvalidParameter, "The value type of parameter `%s` is invalid: expected %s.",
			pointerName(sem.JSONPointer), expected)
	}
	return tcsms.Errorf(tcsms.CodeJSONParseFail, "The request body is not valid JSON.")
}

// pointerName turns a JSON pointer into Tencent's dotted parameter name
// ("/MultiSmsInfoSet/0/PhoneNumber" becomes "MultiSmsInfoSet.0.PhoneNumber"),
// fit to echo in an error.
func pointerName(p jsontext.Pointer) string {
	return paramName(strings.ReplaceAll(strings.TrimPrefix(string(p), "/"), "/", "."))
}

// typeName names a Go type the way Tencent's docs name parameter types.
func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice {
			return "an array"
		}
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Bool:
		return "a boolean"
	case reflect.Struct:
		return "an object"
	}
	return "another type"
}

// paramName returns a client-sent parameter name fit to echo in an error:
// the name itself when it looks like one (letters, digits, '.', '_', at
// most 64 bytes), else a placeholder. A "name" can be anything, such as a
// JSON body sent as a form, and must not carry message content into errors.
func paramName(s string) string {
	if len(s) == 0 || len(s) > 64 {
		return "(not a parameter name)"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_') {
			return "(not a parameter name)"
		}
	}
	return s
}

// Decode fills a fresh request struct of h from a JSON object, for callers
// (tests, fuzzers) that hold a body rather than a request.
func Decode(h actions.Handler, body []byte) (any, *tcsms.APIError) {
	p := h.NewParams()
	if err := decodeParams(body, p); err != nil {
		return nil, err
	}
	return p, nil
}
