package openapi

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// fieldSchema describes one struct field: its type, then its tags. The
// constraint tags apply to the value before a pointer makes it nullable, so
// that an enum can gain null too.
func (r *reflector) fieldSchema(f field) (map[string]any, error) {
	t, nullable := derefType(f.typ)
	var s map[string]any
	var err error
	if f.quoted {
		s = map[string]any{"type": "string"}
	} else if s, err = r.valueSchema(t); err != nil {
		return nil, err
	}
	if err := applyConstraints(s, f.tag); err != nil {
		return nil, err
	}
	if nullable {
		s = makeNullable(s)
	}
	if doc := f.tag.Get("doc"); doc != "" {
		s["description"] = doc
	}
	return s, nil
}

// applyConstraints applies the enum, minLength and maxLength tags to a
// scalar schema, or to the items of an array schema.
func applyConstraints(s map[string]any, tag reflect.StructTag) error {
	enum, hasEnum := tag.Lookup("enum")
	minLen, hasMin := tag.Lookup("minLength")
	maxLen, hasMax := tag.Lookup("maxLength")
	if !hasEnum && !hasMin && !hasMax {
		return nil
	}
	target := s
	if items, ok := s["items"].(map[string]any); ok && s["type"] == "array" {
		target = items
	}
	typ, _ := target["type"].(string)
	if hasEnum {
		values, err := enumValues(enum, typ)
		if err != nil {
			return err
		}
		target["enum"] = values
	}
	if hasMin || hasMax {
		return applyLengths(target, typ, minLen, maxLen)
	}
	return nil
}

// enumValues parses a comma-separated enum tag into values of the field's
// JSON type.
func enumValues(tag, typ string) ([]any, error) {
	if typ == "" {
		return nil, errors.New("enum tag on a field that is not a string, number or boolean")
	}
	var values []any
	for raw := range strings.SplitSeq(tag, ",") {
		v, err := parseScalar(strings.TrimSpace(raw), typ)
		if err != nil {
			return nil, fmt.Errorf("enum tag: %w", err)
		}
		values = append(values, v)
	}
	return values, nil
}

func parseScalar(raw, typ string) (any, error) {
	switch typ {
	case "integer":
		return strconv.ParseInt(raw, 10, 64)
	case "number":
		return strconv.ParseFloat(raw, 64)
	case "boolean":
		return strconv.ParseBool(raw)
	case "string":
		return raw, nil
	}
	return nil, fmt.Errorf("%q: no enum for type %s", raw, typ)
}

// applyLengths applies minLength and maxLength tags to a string schema.
func applyLengths(s map[string]any, typ, minLen, maxLen string) error {
	if typ != "string" {
		return errors.New("minLength or maxLength tag on a field that is not a string")
	}
	lo, err := parseLength("minLength", minLen)
	if err != nil {
		return err
	}
	hi, err := parseLength("maxLength", maxLen)
	if err != nil {
		return err
	}
	if lo >= 0 && hi >= 0 && lo > hi {
		return fmt.Errorf("minLength %d is greater than maxLength %d", lo, hi)
	}
	if lo >= 0 {
		s["minLength"] = lo
	}
	if hi >= 0 {
		s["maxLength"] = hi
	}
	return nil
}

// parseLength returns -1 for an absent tag.
func parseLength(name, raw string) (int, error) {
	if raw == "" {
		return -1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s tag %q is not a non-negative integer", name, raw)
	}
	return n, nil
}
