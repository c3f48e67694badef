package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
)

// encoding/json reports where a value went wrong only for some errors (a
// type mismatch, without list indices), and not at all for unknown fields
// or for values its Unmarshal methods reject. locate finds the JSON path of
// the first bad value by reading the request again against the Go type.

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	decimalType         = reflect.TypeFor[decimal.Decimal]()
	timeType            = reflect.TypeFor[time.Time]()
)

// locate returns the path of the first value of raw, in document order,
// that encoding/json cannot read into a value of type t, and why; ok is
// false when it finds none. raw must be valid JSON. path is the path of raw
// itself ("" for the request).
func locate(raw []byte, t reflect.Type, path string) (at string, why string, ok bool) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return "", "", false
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType) {
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			return path, leafMessage(t, raw, err), true
		}
		return "", "", false
	}
	switch t.Kind() {
	case reflect.Pointer:
		return locate(raw, t.Elem(), path)
	case reflect.Struct:
		members, isObject := objectMembers(raw)
		if !isObject {
			return path, mismatch(t, raw), true
		}
		for _, m := range members {
			p := joinPath(path, m.key)
			f, found := lookupJSON(t, m.key)
			if !found {
				return p, fmt.Sprintf("unknown field %q (%s)", m.key, knownFields(t)), true
			}
			if at, why, ok := locate(m.value, f.typ, p); ok {
				return at, why, true
			}
		}
		return "", "", false
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && raw[0] == '"' {
			break // a byte slice may be a base64 string
		}
		elems, isArray := arrayElements(raw)
		if !isArray {
			return path, mismatch(t, raw), true
		}
		for i, e := range elems {
			if at, why, ok := locate(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); ok {
				return at, why, true
			}
		}
		return "", "", false
	case reflect.Map:
		members, isObject := objectMembers(raw)
		if !isObject {
			return path, mismatch(t, raw), true
		}
		for _, m := range members {
			if at, why, ok := locate(m.value, t.Elem(), joinPath(path, m.key)); ok {
				return at, why, true
			}
		}
		// A bad key is reported at the map.
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			return path, leafMessage(t, raw, err), true
		}
		return "", "", false
	}
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		return path, leafMessage(t, raw, err), true
	}
	return "", "", false
}

// leafMessage explains why raw is not a value of type t.
func leafMessage(t reflect.Type, raw []byte, err error) string {
	var te *json.UnmarshalTypeError
	switch {
	case t == decimalType:
		return fmt.Sprintf(`want a decimal number such as "19.99", got %s`, clip(raw))
	case t == timeType:
		return fmt.Sprintf(`want an RFC 3339 time such as "1997-01-01T00:00:00Z", got %s`, clip(raw))
	case errors.As(err, &te):
		return mismatch(t, raw)
	}
	var fe *winback.InputError
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// mismatch says that raw has the wrong JSON type for t.
func mismatch(t reflect.Type, raw []byte) string {
	return fmt.Sprintf("want %s, got %s", wants(t), clip(raw))
}

// wants names the JSON form of a Go type.
func wants(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer in the range of " + t.Kind().String()
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return wants(t.Elem())
	}
	return "a " + t.String()
}

// clip shortens a JSON value for a message.
func clip(raw []byte) string {
	const max = 40
	if len(raw) <= max {
		return string(raw)
	}
	return string(raw[:max]) + "…"
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

type member struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of a JSON object in document order;
// ok is false when raw is not an object.
func objectMembers(raw []byte) (members []member, ok bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	for d.More() {
		tok, err := d.Token()
		key, isKey := tok.(string)
		if err != nil || !isKey {
			return nil, false
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, false
		}
		members = append(members, member{key, v})
	}
	return members, true
}

// arrayElements returns the elements of a JSON array; ok is false when raw
// is not an array.
func arrayElements(raw []byte) (elems []json.RawMessage, ok bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('[') {
		return nil, false
	}
	for d.More() {
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, false
		}
		elems = append(elems, v)
	}
	return elems, true
}

// jsonField is a struct field as encoding/json sees it.
type jsonField struct {
	name, goName string
	typ          reflect.Type
}

// fieldsOf lists the fields encoding/json reads in a struct type, with
// embedded structs flattened.
func fieldsOf(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = append(out, fieldsOf(ft)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{name: name, goName: f.Name, typ: f.Type})
	}
	return out
}

// lookupJSON finds the field an object key fills, as encoding/json does:
// the exact name first, then ignoring case.
func lookupJSON(t reflect.Type, key string) (jsonField, bool) {
	fs := fieldsOf(t)
	for _, f := range fs {
		if f.name == key {
			return f, true
		}
	}
	for _, f := range fs {
		if strings.EqualFold(f.name, key) {
			return f, true
		}
	}
	return jsonField{}, false
}

// knownFields lists a struct's JSON field names for an unknown-field message.
func knownFields(t reflect.Type) string {
	fs := fieldsOf(t)
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return "want one of " + strings.Join(names, ", ")
}

// translate turns a field path of the library's errors, which mixes Go
// names and JSON names ("orders[1].CustomerID", "transactions.BGNBD.R"),
// into the JSON path under the type t ("orders[1].customer_id",
// "transactions.R"). ok is false when path does not name a field of t.
func translate(t reflect.Type, path string) (string, bool) {
	var out []string
	for seg := range strings.SplitSeq(path, ".") {
		name, index, _ := strings.Cut(seg, "[")
		if index != "" {
			index = "[" + index
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return "", false
		}
		if name == t.Name() && index == "" {
			continue // a type qualifier such as "BGNBD." before the field
		}
		f, found := lookupJSON(t, name)
		if !found {
			for _, g := range fieldsOf(t) {
				if g.goName == name {
					f, found = g, true
					break
				}
			}
		}
		if !found {
			return "", false
		}
		out = append(out, f.name+index)
		t = f.typ
		for range strings.Count(index, "[") {
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			switch t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				t = t.Elem()
			default:
				return "", false
			}
		}
	}
	return strings.Join(out, "."), len(out) > 0
}
