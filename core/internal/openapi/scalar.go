package openapi

import (
	"fmt"
	"reflect"
)

// scalarKind is how one basic kind appears in a schema.
type scalarKind struct {
	typ, format string
	unsigned    bool
}

var scalarKinds = map[reflect.Kind]scalarKind{
	reflect.Bool:    {typ: "boolean"},
	reflect.String:  {typ: "string"},
	reflect.Int8:    {typ: "integer", format: "int32"},
	reflect.Int16:   {typ: "integer", format: "int32"},
	reflect.Int32:   {typ: "integer", format: "int32"},
	reflect.Int:     {typ: "integer", format: "int64"},
	reflect.Int64:   {typ: "integer", format: "int64"},
	reflect.Uint8:   {typ: "integer", format: "int32", unsigned: true},
	reflect.Uint16:  {typ: "integer", format: "int32", unsigned: true},
	reflect.Uint32:  {typ: "integer", format: "int64", unsigned: true},
	reflect.Uint:    {typ: "integer", format: "int64", unsigned: true},
	reflect.Uint64:  {typ: "integer", format: "int64", unsigned: true},
	reflect.Uintptr: {typ: "integer", format: "int64", unsigned: true},
	reflect.Float32: {typ: "number", format: "float"},
	reflect.Float64: {typ: "number", format: "double"},
}

// scalarSchema describes a basic kind, and rejects the kinds encoding/json
// cannot write (channels, functions, complex numbers, unsafe pointers).
func scalarSchema(t reflect.Type) (map[string]any, error) {
	k, ok := scalarKinds[t.Kind()]
	if !ok {
		return nil, fmt.Errorf("%s: a %s cannot be encoded as JSON", t, t.Kind())
	}
	s := map[string]any{"type": k.typ}
	if k.format != "" {
		s["format"] = k.format
	}
	if k.unsigned {
		s["minimum"] = 0
	}
	return s, nil
}

// quotable reports whether the json ",string" option applies to a kind.
func quotable(t reflect.Type) bool {
	_, ok := scalarKinds[t.Kind()]
	return ok
}
