package openapi

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// localRefPrefix is where SchemaOf's references point: the root's $defs.
const localRefPrefix = "#/$defs/"

var (
	timeType          = reflect.TypeFor[time.Time]()
	rawMessageType    = reflect.TypeFor[json.RawMessage]()
	numberType        = reflect.TypeFor[json.Number]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// SchemaOf returns the JSON Schema (the OpenAPI 3.1 dialect) of the JSON
// that encoding/json writes for v. A pointer v is described by the value it
// points to; a nil v gives the empty schema, which accepts anything.
//
// Named struct types are not inlined: they are referenced with
// {"$ref": "#/$defs/Name"} and defined once under the root's "$defs", which
// is how recursive types terminate. Two types with the same name from
// different packages are both qualified with their package name
// ("users.User", "tokens.User"). Document uses the same rules with
// references into components.schemas; the field rules are:
//
//   - properties are named by the json tag; json:"-" and unexported fields
//     are skipped, and embedded structs are flattened;
//   - a field is required unless tagged omitempty or omitzero, or promoted
//     through an embedded pointer;
//   - pointers are nullable: {"type": ["string", "null"]};
//   - time.Time is a date-time string, []byte a base64 string, other
//     slices and arrays are arrays, maps are objects with
//     additionalProperties, interfaces and json.Marshaler types accept
//     anything, and encoding.TextMarshaler types are strings;
//   - the tags doc:"…" (description), enum:"a,b,c", minLength:"n" and
//     maxLength:"n" document a field; on a slice field the last three apply
//     to its items.
//
// SchemaOf panics if the type cannot be written as JSON (a channel, a
// function, a complex number, a map with unsupported keys) or carries a
// malformed tag; Document.Add reports the same problems as errors.
func SchemaOf(v any) map[string]any {
	r := newReflector(localRefPrefix)
	s, err := r.rootSchema(v)
	if err != nil {
		panic("openapi: " + err.Error())
	}
	if defs := r.definitions(nil); len(defs) > 0 {
		s["$defs"] = defs
	}
	return s
}

// reflector turns Go types into schemas. Named struct types are defined once
// in defs and every use is a reference map kept in refs, so that names can
// be chosen once all types are known (see definitions).
type reflector struct {
	prefix string
	defs   map[reflect.Type]map[string]any
	refs   map[reflect.Type][]map[string]any
	order  []reflect.Type // named struct types, in the order first met
}

func newReflector(prefix string) *reflector {
	return &reflector{
		prefix: prefix,
		defs:   make(map[reflect.Type]map[string]any),
		refs:   make(map[reflect.Type][]map[string]any),
	}
}

// rootSchema describes a request or response body: v's type, or the type it
// points to.
func (r *reflector) rootSchema(v any) (map[string]any, error) {
	if v == nil {
		return map[string]any{}, nil
	}
	t, _ := derefType(reflect.TypeOf(v))
	return r.valueSchema(t)
}

// schema describes any type; pointers make it nullable.
func (r *reflector) schema(t reflect.Type) (map[string]any, error) {
	t, nullable := derefType(t)
	s, err := r.valueSchema(t)
	if err != nil || !nullable {
		return s, err
	}
	return makeNullable(s), nil
}

// valueSchema describes a type that is not a pointer.
func (r *reflector) valueSchema(t reflect.Type) (map[string]any, error) {
	if s, ok := specialSchema(t); ok {
		return s, nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if t.Name() == "" {
			return r.object(t)
		}
		return r.ref(t)
	case reflect.Slice, reflect.Array:
		return r.array(t)
	case reflect.Map:
		return r.mapSchema(t)
	}
	return scalarSchema(t)
}

// ref defines a named struct type on first use and returns a reference to
// it. The type is marked before its fields are walked, so a recursive use
// only takes a reference.
func (r *reflector) ref(t reflect.Type) (map[string]any, error) {
	if _, known := r.defs[t]; !known {
		r.defs[t] = nil
		r.order = append(r.order, t)
		s, err := r.object(t)
		if err != nil {
			return nil, err
		}
		r.defs[t] = s
	}
	ref := map[string]any{"$ref": ""}
	r.refs[t] = append(r.refs[t], ref)
	return ref, nil
}

// object describes a struct's fields, inline.
func (r *reflector) object(t reflect.Type) (map[string]any, error) {
	props := make(map[string]any)
	var required []string
	for _, f := range jsonFields(t) {
		s, err := r.fieldSchema(f)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t, f.goName, err)
		}
		props[f.name] = s
		if !f.optional {
			required = append(required, f.name)
		}
	}
	s := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s, nil
}

// array describes a slice or an array; []byte is encoded as base64.
func (r *reflector) array(t reflect.Type) (map[string]any, error) {
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && !isMarshaler(t.Elem()) {
		return map[string]any{"type": "string", "format": "byte"}, nil
	}
	items, err := r.schema(t.Elem())
	if err != nil {
		return nil, err
	}
	s := map[string]any{"type": "array", "items": items}
	if t.Kind() == reflect.Array {
		s["minItems"], s["maxItems"] = t.Len(), t.Len()
	}
	return s, nil
}

// mapSchema describes a map, whose keys encoding/json writes as strings.
func (r *reflector) mapSchema(t reflect.Type) (map[string]any, error) {
	if !validMapKey(t.Key()) {
		return nil, fmt.Errorf("%s: map keys of type %s cannot be encoded as JSON", t, t.Key())
	}
	values, err := r.schema(t.Elem())
	if err != nil {
		return nil, err
	}
	return map[string]any{"type": "object", "additionalProperties": values}, nil
}

func validMapKey(k reflect.Type) bool {
	switch k.Kind() {
	case reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return k.Implements(textMarshalerType)
}

// specialSchema covers the types encoding/json does not write by their kind.
func specialSchema(t reflect.Type) (map[string]any, bool) {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}, true
	case t == numberType:
		return map[string]any{"type": "number"}, true
	case t == rawMessageType, t.Kind() == reflect.Interface:
		return map[string]any{}, true
	case implements(t, jsonMarshalerType):
		return map[string]any{}, true
	case implements(t, textMarshalerType):
		return map[string]any{"type": "string"}, true
	}
	return nil, false
}

func isMarshaler(t reflect.Type) bool {
	return implements(t, jsonMarshalerType) || implements(t, textMarshalerType)
}

// implements counts pointer-receiver methods too, as encoding/json does for
// addressable values.
func implements(t, iface reflect.Type) bool {
	return t.Implements(iface) || reflect.PointerTo(t).Implements(iface)
}

// derefType strips every pointer level and reports whether there was one.
func derefType(t reflect.Type) (reflect.Type, bool) {
	nullable := false
	for t.Kind() == reflect.Pointer {
		t, nullable = t.Elem(), true
	}
	return t, nullable
}

// makeNullable lets a schema accept null too.
func makeNullable(s map[string]any) map[string]any {
	switch typ := s["type"].(type) {
	case string:
		s["type"] = []any{typ, "null"}
		if enum, ok := s["enum"].([]any); ok {
			s["enum"] = append(enum, nil)
		}
		return s
	case nil:
		if _, isRef := s["$ref"]; isRef {
			return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
		}
	}
	return s // the empty schema already accepts null
}
