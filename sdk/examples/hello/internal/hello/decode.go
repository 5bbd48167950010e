package hello

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/diwanpanel/diwan/sdk"
)

// object decodes data as a JSON object whose keys are all in allowed, and
// refuses any other key by name.
func object(data json.RawMessage, allowed ...string) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil || obj == nil {
		return nil, sdk.Invalid("", "must be a JSON object")
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			return nil, sdk.Invalid(pointer(k), "is not allowed")
		}
	}
	return obj, nil
}

// stringField returns obj[name] as a string of minLen to maxLen characters;
// a missing field is "" and is refused only when minLen > 0.
func stringField(obj map[string]json.RawMessage, name string, minLen, maxLen int) (string, error) {
	raw, ok := obj[name]
	if !ok {
		if minLen > 0 {
			return "", sdk.Invalid(pointer(name), "is required")
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", sdk.Invalid(pointer(name), "must be a string")
	}
	if n := utf8.RuneCountInString(s); n < minLen || n > maxLen {
		return "", sdk.Invalid(pointer(name), "must be %d to %d characters, got %d", minLen, maxLen, n)
	}
	return s, nil
}

// intField returns the required obj[name] as an integer from lo to hi.
func intField(obj map[string]json.RawMessage, name string, lo, hi int) (int, error) {
	raw, ok := obj[name]
	if !ok {
		return 0, sdk.Invalid(pointer(name), "is required")
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil {
		return 0, sdk.Invalid(pointer(name), "must be an integer")
	}
	if n < lo || n > hi {
		return 0, sdk.Invalid(pointer(name), "must be from %d to %d, got %d", lo, hi, n)
	}
	return n, nil
}

// pointer returns the JSON Pointer of a top-level field.
func pointer(name string) string {
	return "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}
