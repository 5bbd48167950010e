package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// field is one leaf setting of Config, addressed by its dotted key.
type field struct {
	key    string
	index  []int
	secret bool
}

var (
	fieldsOnce  sync.Once
	fieldList   []field
	fieldByKey  map[string]field
	sectionKeys map[string]bool
)

// fields lists every leaf key of Config in declaration order.
func fields() []field {
	fieldsOnce.Do(func() {
		fieldByKey = map[string]field{}
		sectionKeys = map[string]bool{}
		walkFields(reflect.TypeFor[Config](), "", nil)
	})
	return fieldList
}

func walkFields(t reflect.Type, prefix string, index []int) {
	for i := range t.NumField() {
		sf := t.Field(i)
		name := sf.Tag.Get("koanf")
		if name == "" || !sf.IsExported() {
			continue
		}
		key := prefix + name
		idx := append(append([]int{}, index...), i)
		if sf.Type.Kind() == reflect.Struct && sf.Type != reflect.TypeFor[time.Duration]() {
			sectionKeys[key] = true
			walkFields(sf.Type, key+".", idx)
			continue
		}
		f := field{key: key, index: idx, secret: sf.Tag.Get("secret") == "true"}
		fieldList = append(fieldList, f)
		fieldByKey[key] = f
	}
}

func lookupField(key string) (field, bool) {
	fields()
	f, ok := fieldByKey[key]
	return f, ok
}

func isSection(key string) bool {
	fields()
	return sectionKeys[key]
}

// assign converts raw (from YAML, an environment string or a flag) to the
// field's type and stores it. The error says what was expected, not where:
// the caller adds the key.
func assign(dst reflect.Value, raw any) error {
	switch dst.Interface().(type) {
	case time.Duration:
		s, ok := raw.(string)
		if !ok {
			return fmt.Errorf("want a duration like 30s or 5m, got %v", describe(raw))
		}
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("want a duration like 30s or 5m, got %q", s)
		}
		dst.SetInt(int64(d))
	case ByteSize:
		n, err := parseSize(raw)
		if err != nil {
			return err
		}
		dst.SetInt(int64(n))
	case string:
		s, ok := raw.(string)
		if !ok {
			return fmt.Errorf("want a string, got %v", describe(raw))
		}
		dst.SetString(s)
	case int:
		n, err := parseInt(raw)
		if err != nil {
			return err
		}
		dst.SetInt(n)
	case bool:
		b, err := parseBool(raw)
		if err != nil {
			return err
		}
		dst.SetBool(b)
	case []string:
		list, err := parseStrings(raw)
		if err != nil {
			return err
		}
		dst.Set(reflect.ValueOf(list))
	default:
		return fmt.Errorf("unsupported setting type %s", dst.Type())
	}
	return nil
}

func parseSize(raw any) (ByteSize, error) {
	switch v := raw.(type) {
	case string:
		return ParseByteSize(v)
	case int, int64, float64:
		n, err := parseInt(v)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("want a size like 4MiB or 1048576")
		}
		return ByteSize(n), nil
	}
	return 0, fmt.Errorf("want a size like 4MiB or 1048576, got %v", describe(raw))
}

func parseInt(raw any) (int64, error) {
	switch v := raw.(type) {
	case int:
		return int64(v), nil
	case int64:
		return v, nil
	case uint64:
		if v <= 1<<62 {
			return int64(v), nil
		}
	case float64:
		if v == float64(int64(v)) {
			return int64(v), nil
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return n, nil
		}
		return 0, fmt.Errorf("want a whole number, got %q", v)
	}
	return 0, fmt.Errorf("want a whole number, got %v", describe(raw))
}

func parseBool(raw any) (bool, error) {
	switch v := raw.(type) {
	case bool:
		return v, nil
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
			return b, nil
		}
		return false, fmt.Errorf("want true or false, got %q", v)
	}
	return false, fmt.Errorf("want true or false, got %v", describe(raw))
}

// parseStrings takes a YAML list or a comma-separated string.
func parseStrings(raw any) ([]string, error) {
	switch v := raw.(type) {
	case string:
		var out []string
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		return out, nil
	case []string:
		return v, nil
	case []any:
		out := make([]string, 0, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("item %d: want a string, got %v", i, describe(item))
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list of strings, got %v", describe(raw))
}

func describe(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%T %v", v, v)
}
