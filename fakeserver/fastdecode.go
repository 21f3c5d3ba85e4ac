package fakeserver

import (
	"reflect"
	"strconv"
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
	dst := v.Elem()
	// One copy of the body backs every decoded string: one allocation
	// instead of one per string, for bodies SDKs keep small.
	text := string(body)
	var slab scalarSlab
	for _, fv := range d.vals {
		switch fv.field.kind {
		case kindString:
			slab.strings++
		case kindStringList:
			slab.strings += fv.to - fv.from
			slab.ptrs += fv.to - fv.from
		}
	}
	for _, fv := range d.vals {
		fv.field.set(dst.Field(fv.field.index), fv, text, d.spans[fv.from:fv.to], &slab)
	}
	return true
}

// scalarSlab hands out the strings of one decode, and the *string
// targets pointing at them, from one allocation each.
type scalarSlab struct {
	strings int // how many strings are needed
	ptrs    int // how many list pointers are needed
	strs    []string
	ptrBuf  []*string
}

func (sl *scalarSlab) newString(s string) *string {
	if sl.strs == nil {
		sl.strs = make([]string, 0, sl.strings)
	}
	sl.strs = append(sl.strs, s)
	return &sl.strs[len(sl.strs)-1]
}

// newPtrs returns a slice of n pointers whose capacity is n too, so that
// appending to one decoded list never writes into another.
func (sl *scalarSlab) newPtrs(n int) []*string {
	if sl.ptrBuf == nil {
		sl.ptrBuf = make([]*string, 0, sl.ptrs)
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
	name  string
	index int
	kind  fieldKind
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
		p.fields = append(p.fields, fastField{name: name, index: i, kind: kind})
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

// set stores a decoded value into the struct field, allocating like
// encoding/json does: a pointer per scalar, a slice of pointers per list.
// Strings are substrings of text, the body.
func (f *fastField) set(dst reflect.Value, v fastValue, text string, list []span, slab *scalarSlab) {
	switch f.kind {
	case kindString:
		dst.Set(reflect.ValueOf(slab.newString(text[v.start:v.end])))
	case kindUint:
		n := v.num
		dst.Set(reflect.ValueOf(&n))
	case kindInt:
		n := int64(v.num)
		dst.Set(reflect.ValueOf(&n))
	case kindStringList:
		ptrs := slab.newPtrs(len(list))
		for i, s := range list {
			ptrs[i] = slab.newString(text[s.start:s.end])
		}
		// Through a pointer, the slice needs no boxing allocation.
		if p, ok := dst.Addr().Interface().(*[]*string); ok {
			*p = ptrs
		} else {
			dst.Set(reflect.ValueOf(ptrs))
		}
	case kindUintList:
		nums := make([]uint64, len(list))
		ptrs := make([]*uint64, len(list))
		for i, s := range list {
			nums[i] = s.num
			ptrs[i] = &nums[i]
		}
		dst.Set(reflect.ValueOf(ptrs))
	case kindIntList:
		nums := make([]int64, len(list))
		ptrs := make([]*int64, len(list))
		for i, s := range list {
			nums[i] = int64(s.num)
			ptrs[i] = &nums[i]
		}
		dst.Set(reflect.ValueOf(ptrs))
	}
}
