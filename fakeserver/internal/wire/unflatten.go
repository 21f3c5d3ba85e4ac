package wire

import (
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/notifykit/notifier/fakeserver/internal/actions"
	"github.com/notifykit/notifier/internal/tcsms"
)

// GET queries and v1 parameters carry an action's fields flattened
// (reference §2.5): "PhoneNumberSet.0", "MultiSmsInfoSet.0.PhoneNumber".
// unflatten rebuilds the JSON object the SDK would have posted, guided by
// the SDK's params struct: strings stay strings whatever they look like,
// integers must parse (a uint64 as a non-negative integer), and names the
// struct does not have are UnknownParameter. The JSON then goes through
// the same decoder as a TC3 POST body, so there is one decoder for all
// four signing modes.

type flatEntry struct {
	path  string // remaining dotted path below the current value
	full  string // the parameter's whole name, for error messages
	value string
}

// unflatten converts flattened parameters into JSON for struct type t.
func unflatten(form url.Values, t reflect.Type) ([]byte, *tcsms.APIError) {
	entries := make([]flatEntry, 0, len(form))
	for k, vs := range form {
		v := ""
		if len(vs) > 0 {
			v = vs[0]
		}
		entries = append(entries, flatEntry{path: k, full: k, value: v})
	}
	return appendValue(make([]byte, 0, 256), t, entries, true)
}

// appendValue appends the JSON for entries, which all belong to one value
// of type t. root is true for the top-level struct, whose entries' paths
// are never empty.
func appendValue(b []byte, t reflect.Type, entries []flatEntry, root bool) ([]byte, *tcsms.APIError) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		return appendStruct(b, t, entries, root)
	case reflect.Slice:
		return appendSlice(b, t, entries)
	}
	e := entries[0]
	if e.path != "" {
		return nil, invalidParam(e.full)
	}
	switch t.Kind() {
	case reflect.String:
		return appendJSONString(b, e.value), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(e.value, 10, t.Bits())
		if err != nil {
			return nil, invalidParam(e.full)
		}
		return strconv.AppendUint(b, n, 10), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(e.value, 10, t.Bits())
		if err != nil {
			return nil, invalidParam(e.full)
		}
		return strconv.AppendInt(b, n, 10), nil
	case reflect.Bool:
		v, err := strconv.ParseBool(e.value)
		if err != nil {
			return nil, invalidParam(e.full)
		}
		return strconv.AppendBool(b, v), nil
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(e.value, t.Bits())
		if err != nil {
			return nil, invalidParam(e.full)
		}
		return strconv.AppendFloat(b, f, 'g', -1, t.Bits()), nil
	}
	return nil, invalidParam(e.full)
}

func appendStruct(b []byte, t reflect.Type, entries []flatEntry, root bool) ([]byte, *tcsms.APIError) {
	fields := fieldsOf(t)
	groups := map[string][]flatEntry{}
	for _, e := range entries {
		if e.path == "" && !root {
			return nil, invalidParam(e.full)
		}
		head, rest, _ := strings.Cut(e.path, ".")
		if _, ok := fields[head]; !ok {
			return nil, tcsms.Errorf(tcsms.CodeUnknownParameter, "The parameter `%s` is not recognized.", paramName(e.full))
		}
		groups[head] = append(groups[head], flatEntry{path: rest, full: e.full, value: e.value})
	}
	names := make([]string, 0, len(groups))
	for name := range groups {
		names = append(names, name)
	}
	slices.Sort(names)
	b = append(b, '{')
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ':')
		var err *tcsms.APIError
		if b, err = appendValue(b, fields[name], groups[name], false); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendSlice groups entries by their leading index. Indexes need not be
// contiguous (the Go SDK skips nil elements); elements keep index order.
func appendSlice(b []byte, t reflect.Type, entries []flatEntry) ([]byte, *tcsms.APIError) {
	groups := map[int][]flatEntry{}
	for _, e := range entries {
		head, rest, _ := strings.Cut(e.path, ".")
		i, err := strconv.Atoi(head)
		if err != nil || i < 0 || head != strconv.Itoa(i) {
			return nil, invalidParam(e.full)
		}
		groups[i] = append(groups[i], flatEntry{path: rest, full: e.full, value: e.value})
	}
	idx := make([]int, 0, len(groups))
	for i := range groups {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	b = append(b, '[')
	for n, i := range idx {
		if n > 0 {
			b = append(b, ',')
		}
		var err *tcsms.APIError
		if b, err = appendValue(b, t.Elem(), groups[i], false); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

func invalidParam(name string) *tcsms.APIError {
	return tcsms.Errorf(tcsms.CodeInvalidParameter, "The value type of parameter `%s` is invalid.", actions.Sanitize(name))
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// fieldsOf maps a struct's wire names (the SDK's `name` tag, else the json
// tag, else the field name) to field types.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		if name := wireName(t.Field(i)); name != "" {
			m[name] = t.Field(i).Type
		}
	}
	fieldCache.Store(t, m)
	return m
}

// wireName is a field's parameter name: the SDK's `name` tag, else the
// json tag, else the field name; "" for fields that are not parameters.
func wireName(f reflect.StructField) string {
	if !f.IsExported() || f.Anonymous {
		return ""
	}
	name := f.Tag.Get("name")
	if name == "" {
		name, _, _ = strings.Cut(f.Tag.Get("json"), ",")
	}
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, as the SDKs' JSON encoders would have sent it in a body.
func appendJSONString(b []byte, s string) []byte {
	out, _ := jsontext.AppendQuote(b, s) // its error only reports that replacement
	return out
}

// unflattenFor converts flattened parameters into the JSON object of the
// request struct params points to.
func unflattenFor(form url.Values, params any) ([]byte, *tcsms.APIError) {
	return unflatten(form, reflect.TypeOf(params).Elem())
}
