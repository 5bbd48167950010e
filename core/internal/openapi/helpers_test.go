package openapi

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// roundTrip turns a built schema or document into plain decoded JSON, so
// tests look at what a client would read.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}

// pointer resolves a JSON pointer ("/a/b/0", or "#/a/b") in decoded JSON.
func pointer(doc any, ptr string) (any, bool) {
	ptr = strings.TrimPrefix(ptr, "#")
	if ptr == "" {
		return doc, true
	}
	cur := doc
	for _, part := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		part = strings.NewReplacer("~1", "/", "~0", "~").Replace(part)
		switch node := cur.(type) {
		case map[string]any:
			next, ok := node[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			cur = node[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// jsonEqual compares decoded JSON with the JSON text want.
func jsonEqual(t *testing.T, got any, want string) bool {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want %s: %v", want, err)
	}
	return mustJSON(t, got) == mustJSON(t, w)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return string(b)
}

// refs lists every "$ref" value in decoded JSON.
func refs(node any) []string {
	var out []string
	switch n := node.(type) {
	case map[string]any:
		for k, v := range n {
			if s, ok := v.(string); ok && k == "$ref" {
				out = append(out, s)
			}
			out = append(out, refs(v)...)
		}
	case []any:
		for _, v := range n {
			out = append(out, refs(v)...)
		}
	}
	return out
}
