// Package decode reads a plugin's JSON input — settings, resources, action
// inputs — field by field for validation, and refuses bad input with an
// sdk.Invalid error whose field is the JSON Pointer of the value at fault,
// such as "/threshold" or "/to/1", so that the dashboard shows the message
// next to that field. The core validates against the manifest's schemas
// before calling a plugin; a plugin never trusts its caller and checks
// again with this package.
package decode

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/diwanpanel/diwan/sdk"
)

// Object is a decoded JSON object under a JSON Pointer prefix.
type Object struct {
	prefix string
	fields map[string]json.RawMessage
}

// Parse decodes data as a JSON object whose keys are all in allowed, and
// refuses any other key by name, the first in sorted order.
func Parse(data json.RawMessage, allowed ...string) (*Object, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil || fields == nil {
		return nil, sdk.Invalid("", "must be a JSON object")
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			return nil, sdk.Invalid(Pointer(k), "is not allowed")
		}
	}
	return &Object{fields: fields}, nil
}

// Pointer returns the JSON Pointer of the field path given.
func Pointer(path ...string) string {
	var b strings.Builder
	r := strings.NewReplacer("~", "~0", "/", "~1")
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(r.Replace(p))
	}
	return b.String()
}

func (o *Object) ptr(name string) string { return o.prefix + Pointer(name) }

// Has says whether the field is present and not null.
func (o *Object) Has(name string) bool {
	raw, ok := o.fields[name]
	return ok && string(raw) != "null"
}

// String returns a string field of minLen to maxLen characters; a missing
// field is def, refused when required.
func (o *Object) String(name string, required bool, def string, minLen, maxLen int) (string, error) {
	if !o.Has(name) {
		if required {
			return "", sdk.Invalid(o.ptr(name), "is required")
		}
		return def, nil
	}
	var s string
	if err := json.Unmarshal(o.fields[name], &s); err != nil {
		return "", sdk.Invalid(o.ptr(name), "must be a string")
	}
	if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
		return "", sdk.Invalid(o.ptr(name), "must be %d to %d characters, got %d", minLen, maxLen, n)
	}
	if strings.ContainsAny(s, "\r\n\x00") {
		return "", sdk.Invalid(o.ptr(name), "must not contain line breaks or NUL")
	}
	return s, nil
}

// Enum returns a string field that is one of values; a missing field is
// def, refused when def is "".
func (o *Object) Enum(name, def string, values ...string) (string, error) {
	s, err := o.String(name, def == "", def, 1, 64)
	if err != nil {
		return "", err
	}
	if !slices.Contains(values, s) {
		return "", sdk.Invalid(o.ptr(name), "must be one of %s, got %q", strings.Join(values, ", "), s)
	}
	return s, nil
}

// Number returns a finite number field from lo to hi; a missing field is
// def, refused when required.
func (o *Object) Number(name string, required bool, def, lo, hi float64) (float64, error) {
	if !o.Has(name) {
		if required {
			return 0, sdk.Invalid(o.ptr(name), "is required")
		}
		return def, nil
	}
	var v float64
	if err := json.Unmarshal(o.fields[name], &v); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, sdk.Invalid(o.ptr(name), "must be a number")
	}
	if v < lo || v > hi {
		return 0, sdk.Invalid(o.ptr(name), "must be from %v to %v, got %v", lo, hi, v)
	}
	return v, nil
}

// Int returns an integer field from lo to hi; a missing field is def,
// refused when required.
func (o *Object) Int(name string, required bool, def, lo, hi int) (int, error) {
	if !o.Has(name) {
		if required {
			return 0, sdk.Invalid(o.ptr(name), "is required")
		}
		return def, nil
	}
	var v int
	if err := json.Unmarshal(o.fields[name], &v); err != nil {
		return 0, sdk.Invalid(o.ptr(name), "must be an integer")
	}
	if v < lo || v > hi {
		return 0, sdk.Invalid(o.ptr(name), "must be from %d to %d, got %d", lo, hi, v)
	}
	return v, nil
}

// Bool returns a boolean field, def when missing.
func (o *Object) Bool(name string, def bool) (bool, error) {
	if !o.Has(name) {
		return def, nil
	}
	var v bool
	if err := json.Unmarshal(o.fields[name], &v); err != nil {
		return false, sdk.Invalid(o.ptr(name), "must be true or false")
	}
	return v, nil
}

// Strings returns a list field of at most maxItems strings, each checked
// by check (which may be nil); a missing field is an empty list, refused
// when minItems > 0.
func (o *Object) Strings(name string, minItems, maxItems int, check func(string) error) ([]string, error) {
	var list []string
	if o.Has(name) {
		if err := json.Unmarshal(o.fields[name], &list); err != nil {
			return nil, sdk.Invalid(o.ptr(name), "must be a list of strings")
		}
	}
	if len(list) < minItems || len(list) > maxItems {
		return nil, sdk.Invalid(o.ptr(name), "must hold %d to %d items, got %d", minItems, maxItems, len(list))
	}
	for i, s := range list {
		if check == nil {
			continue
		}
		if err := check(s); err != nil {
			return nil, sdk.Invalid(o.ptr(name)+"/"+strconv.Itoa(i), "%v", err)
		}
	}
	return list, nil
}
