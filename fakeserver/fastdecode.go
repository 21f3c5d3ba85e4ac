package fakeserver

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// fastDecode is a fast path for decodeParams: it decodes the plain JSON
// objects SDKs send (known field names spelled exactly, strings without
// escapes, integers, flat arrays of those) straight into an SDK params
// struct. For anything else — unknown or differently cased names,
// escapes, null, nested objects, wrong types, duplicates, trailing data —
// it returns false having changed nothing, and decodeParams uses
// encoding/json, which then also produces the exact error. The fuzz target
// FuzzFastDecode checks that whenever it succeeds it agrees with
// encoding/json.
func fastDecode(body []byte, params any) bool {
	v := reflect.ValueOf(params)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return false
	}
	plan := planOf(v.Elem().Type())
	d := decoderPool.Get().(*fastDecoder)
	defer d.release()
	d.b, d.i, d.vals, d.spans = body, 0, d.vals[:0], d.spans[:0]
	if !d.object(plan) {
		return false
	}
	base := v.UnsafePointer()
	slab := newScalarSlab(d.vals, d.spans, body)
	for _, fv := range d.vals {
		fv.field.set(unsafe.Add(base, fv.field.offset), fv, d.spans[fv.from:fv.to], &slab)
	}
	return true
}

// scalarSlab hands out the strings of one decode, and the *string targets
// pointing at them, from a few allocations instead of one each. Each
// scalar string is its own copy, because handlers keep some (a stored
// record's SessionContext) and must not pin anything else; the list
// elements, which handlers parse or copy, share one.
type scalarSlab struct {
	body   []byte
	lists  string    // the list elements' text, in decode order
	strs   []string  // the *string targets
	ptrBuf []*string // the list pointer slices
}

// newScalarSlab sizes and fills a slab for vals, decoded from body.
func newScalarSlab(vals []fastValue, spans []span, body []byte) scalarSlab {
	var strs, ptrs, listLen int
	for _, fv := range vals {
		switch fv.field.kind {
		case kindString:
			strs++
		case kindStringList:
			strs += fv.to - fv.from
			ptrs += fv.to - fv.from
			for _, s := range spans[fv.from:fv.to] {
				listLen += s.end - s.start
			}
		}
	}
	var lists strings.Builder
	lists.Grow(listLen)
	for _, fv := range vals {
		if fv.field.kind == kindStringList {
			for _, s := range spans[fv.from:fv.to] {
				lists.Write(body[s.start:s.end])
			}
		}
	}
	sl := scalarSlab{body: body, lists: lists.String()}
	if strs <= len(smallSlab{}.strs) && ptrs <= len(smallSlab{}.ptrs) {
		// The usual request: one allocation for both.
		small := new(smallSlab)
		sl.strs, sl.ptrBuf = small.strs[:0:strs], small.ptrs[:0:ptrs]
		return sl
	}
	if strs > 0 {
		sl.strs = make([]string, 0, strs)
	}
	if ptrs > 0 {
		sl.ptrBuf = make([]*string, 0, ptrs)
	}
	return sl
}

// smallSlab backs the strings and list pointers of a small decode.
type smallSlab struct {
	strs [8]string
	ptrs [4]*string
}

// newScalar returns a *string holding a copy of body[start:end].
func (sl *scalarSlab) newScalar(start, end int) *string {
	sl.strs = append(sl.strs, string(sl.body[start:end]))
	return &sl.strs[len(sl.strs)-1]
}

// newListElement returns a *string holding the next n bytes of the list
// elements' text.
func (sl *scalarSlab) newListElement(n int) *string {
	sl.strs = append(sl.strs, sl.lists[:n])
	sl.lists = sl.lists[n:]
	return &sl.strs[len(sl.strs)-1]
}

// newPtrs returns a slice of n pointers whose capacity is n too, so that
// appending to one decoded list never writes into another.
func (sl *scalarSlab) newPtrs(n int) []*string {
	if n == 0 {
		return []*string{} // [] decodes to an empty list, not nil
	}
	start := len(sl.ptrBuf)
	sl.ptrBuf = sl.ptrBuf[:start+n]
	return sl.ptrBuf[start : start+n : start+n]
}

// Decoders are pooled so their value and span buffers are reused.
var decoderPool = sync.Pool{New: func() any {
	return &fastDecoder{vals: make([]fastValue, 0, 16), spans: make([]span, 0, 64)}
}}

func (d *fastDecoder) release() {
	d.b = nil
	if cap(d.spans) <= 1024 {
		decoderPool.Put(d)
	}
}

type fieldKind uint8

const (
	kindString fieldKind = iota + 1
	kindUint
	kindInt
	kindStringList
	kindUintList
	kindIntList
)

// fastField is one field the fast path can fill.
type fastField struct {
	name   string
	offset uintptr // of the field in its struct
	kind   fieldKind
}

// fastValue is a decoded value waiting to be stored: a string or integer,
// or a list of them as spans of the body.
type fastValue struct {
	field    *fastField
	start    int    // string: body[start:end]
	end      int    //
	num      uint64 // integer (int64 bits for kindInt)
	from, to int    // list: fastDecoder.spans[from:to]
}

type span struct {
	start, end int
	num        uint64
}

type fastPlan struct {
	fields []fastField
}

var planCache sync.Map // reflect.Type -> *fastPlan

func planOf(t reflect.Type) *fastPlan {
	if p, ok := planCache.Load(t); ok {
		return p.(*fastPlan)
	}
	p := &fastPlan{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := wireName(f)
		kind := kindOf(f.Type)
		if name == "" || kind == 0 {
			continue // not handled here: encoding/json decodes it
		}
		p.fields = append(p.fields, fastField{name: name, offset: f.Offset, kind: kind})
	}
	planCache.Store(t, p)
	return p
}

func kindOf(t reflect.Type) fieldKind {
	switch {
	case t.Kind() == reflect.Pointer:
		switch t.Elem().Kind() {
		case reflect.String:
			return kindString
		case reflect.Uint64:
			return kindUint
		case reflect.Int64:
			return kindInt
		}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Pointer:
		switch t.Elem().Elem().Kind() {
		case reflect.String:
			return kindStringList
		case reflect.Uint64:
			return kindUintList
		case reflect.Int64:
			return kindIntList
		}
	}
	return 0
}

func (p *fastPlan) lookup(name []byte) *fastField {
	for i := range p.fields {
		if p.fields[i].name == string(name) {
			return &p.fields[i]
		}
	}
	return nil
}

type fastDecoder struct {
	b     []byte
	i     int
	vals  []fastValue
	spans []span // list elements of all values
}

func (d *fastDecoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *fastDecoder) eat(c byte) bool {
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object parses the top-level object and checks nothing follows it.
func (d *fastDecoder) object(plan *fastPlan) bool {
	if !d.eat('{') {
		return false
	}
	if !d.eat('}') {
		for {
			start, end, ok := d.str()
			if !ok || !d.eat(':') {
				return false
			}
			f := plan.lookup(d.b[start:end])
			if f == nil {
				return false
			}
			for _, v := range d.vals {
				if v.field == f {
					return false // duplicate: encoding/json's rules apply
				}
			}
			v := fastValue{field: f}
			switch f.kind {
			case kindString:
				v.start, v.end, ok = d.str()
			case kindUint, kindInt:
				v.num, ok = d.number(f.kind == kindInt)
			default:
				v.from = len(d.spans)
				ok = d.list(f.kind)
				v.to = len(d.spans)
			}
			if !ok {
				return false
			}
			d.vals = append(d.vals, v)
			if d.eat(',') {
				continue
			}
			if d.eat('}') {
				break
			}
			return false
		}
	}
	d.ws()
	return d.i == len(d.b)
}

// str parses a string without escapes or control characters, in valid
// UTF-8, and returns its span.
func (d *fastDecoder) str() (int, int, bool) {
	if !d.eat('"') {
		return 0, 0, false
	}
	start := d.i
	ascii := true
	for ; d.i < len(d.b); d.i++ {
		c := d.b[d.i]
		switch {
		case c == '"':
			end := d.i
			d.i++
			if !ascii && !utf8.Valid(d.b[start:end]) {
				return 0, 0, false
			}
			return start, end, true
		case c == '\\' || c < 0x20:
			return 0, 0, false
		case c >= 0x80:
			ascii = false
		}
	}
	return 0, 0, false
}

// number parses a JSON integer that fits the field; anything else (a
// fraction, exponent, sign on a uint, overflow) is left to encoding/json.
func (d *fastDecoder) number(signed bool) (uint64, bool) {
	d.ws()
	start := d.i
	if signed && d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		d.i++
	}
	if d.i == digits || (d.b[digits] == '0' && d.i-digits > 1) {
		return 0, false
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		return 0, false
	}
	text := unsafe.String(&d.b[start], d.i-start)
	if signed {
		n, err := strconv.ParseInt(text, 10, 64)
		return uint64(n), err == nil
	}
	n, err := strconv.ParseUint(text, 10, 64)
	return n, err == nil
}

// list appends the elements of a flat array to d.spans.
func (d *fastDecoder) list(kind fieldKind) bool {
	if !d.eat('[') {
		return false
	}
	if d.eat(']') {
		return true
	}
	for {
		var s span
		var ok bool
		if kind == kindStringList {
			s.start, s.end, ok = d.str()
		} else {
			s.num, ok = d.number(kind == kindIntList)
		}
		if !ok {
			return false
		}
		d.spans = append(d.spans, s)
		if d.eat(',') {
			continue
		}
		return d.eat(']')
	}
}

// set stores a decoded value into the struct field at dst, allocating like
// encoding/json does: a pointer per scalar, a slice of pointers per list.
// Strings come from slab, which must be called in decode order. dst must
// point at a field of f's kind: kindOf checked its type, so the typed
// stores below match its layout.
func (f *fastField) set(dst unsafe.Pointer, v fastValue, list []span, slab *scalarSlab) {
	switch f.kind {
	case kindString:
		*(**string)(dst) = slab.newScalar(v.start, v.end)
	case kindUint:
		n := v.num
		*(**uint64)(dst) = &n
	case kindInt:
		n := int64(v.num)
		*(**int64)(dst) = &n
	case kindStringList:
		ptrs := slab.newPtrs(len(list))
		for i, s := range list {
			ptrs[i] = slab.newListElement(s.end - s.start)
		}
		*(*[]*string)(dst) = ptrs
	case kindUintList:
		nums := make([]uint64, len(list))
		ptrs := make([]*uint64, len(list))
		for i, s := range list {
			nums[i] = s.num
			ptrs[i] = &nums[i]
		}
		*(*[]*uint64)(dst) = ptrs
	case kindIntList:
		nums := make([]int64, len(list))
		ptrs := make([]*int64, len(list))
		for i, s := range list {
			nums[i] = int64(s.num)
			ptrs[i] = &nums[i]
		}
		*(*[]*int64)(dst) = ptrs
	}
}
