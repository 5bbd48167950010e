package openapi

import (
	"reflect"
	"slices"
	"strings"
)

// field is one JSON property of a struct, as encoding/json sees it.
type field struct {
	name     string
	goName   string
	tagged   bool  // the json tag names it
	index    []int // path through embedded structs
	typ      reflect.Type
	tag      reflect.StructTag
	optional bool // omitempty or omitzero, or promoted through a pointer
	quoted   bool // the ",string" option
}

// jsonFields lists the properties encoding/json writes for struct type t,
// in field order, with embedded structs flattened and name conflicts
// settled as encoding/json settles them.
func jsonFields(t reflect.Type) []field {
	var all []field
	collectFields(t, nil, false, map[reflect.Type]bool{}, &all)
	return dominantFields(all)
}

// collectFields appends t's fields, descending into embedded structs that
// have no json name. visiting guards against embedding cycles.
func collectFields(t reflect.Type, index []int, viaPointer bool, visiting map[reflect.Type]bool, out *[]field) {
	if visiting[t] {
		return
	}
	visiting[t] = true
	defer delete(visiting, t)
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" || !visible(sf) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		idx := append(slices.Clone(index), i)
		ft, isPointer := sf.Type, false
		if ft.Kind() == reflect.Pointer && ft.Name() == "" {
			ft, isPointer = ft.Elem(), true
		}
		if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			collectFields(ft, idx, viaPointer || isPointer, visiting, out)
			continue
		}
		*out = append(*out, newField(sf, name, opts, idx, viaPointer, ft))
	}
}

// visible reports whether encoding/json looks at a struct field: exported
// fields, and embedded unexported structs whose fields may be exported.
func visible(sf reflect.StructField) bool {
	if sf.IsExported() {
		return true
	}
	if !sf.Anonymous {
		return false
	}
	t, _ := derefType(sf.Type)
	return t.Kind() == reflect.Struct
}

func newField(sf reflect.StructField, name, opts string, index []int, viaPointer bool, base reflect.Type) field {
	f := field{
		name: name, goName: sf.Name, tagged: name != "", index: index,
		typ: sf.Type, tag: sf.Tag, optional: viaPointer,
	}
	if name == "" {
		f.name = sf.Name
	}
	for opt := range strings.SplitSeq(opts, ",") {
		switch opt {
		case "omitempty", "omitzero":
			f.optional = true
		case "string":
			f.quoted = quotable(base)
		}
	}
	return f
}

// dominantFields keeps, for each name, the shallowest field; at equal depth
// a tagged field wins over untagged ones, and any other tie drops the name.
func dominantFields(all []field) []field {
	byName := make(map[string][]field)
	var names []string
	for _, f := range all {
		if _, seen := byName[f.name]; !seen {
			names = append(names, f.name)
		}
		byName[f.name] = append(byName[f.name], f)
	}
	var out []field
	for _, name := range names {
		if f, ok := dominant(byName[name]); ok {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b field) int { return slices.Compare(a.index, b.index) })
	return out
}

func dominant(fields []field) (field, bool) {
	depth := len(fields[0].index)
	for _, f := range fields {
		depth = min(depth, len(f.index))
	}
	var shallow, tagged []field
	for _, f := range fields {
		if len(f.index) == depth {
			shallow = append(shallow, f)
			if f.tagged {
				tagged = append(tagged, f)
			}
		}
	}
	switch {
	case len(shallow) == 1:
		return shallow[0], true
	case len(tagged) == 1:
		return tagged[0], true
	}
	return field{}, false
}
