package sdk

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestCheckBody(t *testing.T) {
	tests := []struct {
		body, schema string
		ok           bool
	}{
		{`{"a":1}`, `{"type":"object"}`, true},
		{`[]`, `{"type":"object"}`, false},
		{`not json`, `{"type":"object"}`, false},
		{``, `{"type":"object"}`, false},
		{`3`, `{"type":"integer"}`, true},
		{`3.5`, `{"type":"integer"}`, false},
		{`3`, `{"type":"number"}`, true},
		{`null`, `{"type":["object","null"]}`, true},
		{`"x"`, `{"type":["object","null"]}`, false},
		{`true`, `{"type":"boolean"}`, true},
		{`"x"`, `{}`, true},
	}
	for _, tt := range tests {
		err := checkBody(json.RawMessage(tt.body), tt.schema)
		if (err == nil) != tt.ok {
			t.Errorf("checkBody(%q, %s) = %v, want ok=%v", tt.body, tt.schema, err, tt.ok)
		}
		var invalid *InvalidError
		if err != nil && (!errors.As(err, &invalid) || invalid.Field != "") {
			t.Errorf("checkBody(%q) = %v, want an *InvalidError about the whole body", tt.body, err)
		}
	}
}

func TestTextGet(t *testing.T) {
	text := Text{"en": "Hello", "ar": "مرحبا"}
	if text.Get("ar") != "مرحبا" || text.Get("fr") != "Hello" {
		t.Errorf("Get: %q, %q", text.Get("ar"), text.Get("fr"))
	}
}
