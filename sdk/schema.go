package sdk

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// schemaTypes returns the top-level "type" of a JSON Schema: one name, or
// several when the schema gives an array of them.
func schemaTypes(schema string) ([]string, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(schema), &doc); err != nil {
		return nil, errors.New("must be a JSON object")
	}
	raw, ok := doc["type"]
	if !ok {
		return nil, errors.New(`must have a "type"`)
	}
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{one}, nil
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil && len(many) > 0 {
		return many, nil
	}
	return nil, errors.New(`"type" must be a name or a list of names`)
}

// jsonType returns the JSON Schema type name of a valid JSON value.
func jsonType(data json.RawMessage) string {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return ""
	}
	switch n := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if n == float64(int64(n)) {
			return "integer"
		}
		return "number"
	default:
		return "null"
	}
}

// checkBody refuses data that is not JSON or whose top-level type is not
// one the schema allows. It is the shallow check the SDK makes for every
// plugin before calling it; the plugin checks the fields itself.
func checkBody(data json.RawMessage, schema string) error {
	if !json.Valid(data) {
		return Invalid("", "must be JSON")
	}
	want, err := schemaTypes(schema)
	if err != nil {
		return nil
	}
	got := jsonType(data)
	if slices.Contains(want, got) || (got == "integer" && slices.Contains(want, "number")) {
		return nil
	}
	return Invalid("", "must be of type %s, not %s", joinOr(want), got)
}

func joinOr(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return fmt.Sprintf("%v", names)
}
