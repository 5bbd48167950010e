package plugintest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/diwanpanel/diwan/sdk"
)

// unknownID is an id no plugin should have.
const unknownID = "plugintest-unknown-id"

func checkKind(t testing.TB, c *Client, k sdk.ResourceKind, sample json.RawMessage) {
	if _, err := c.List(k.Kind, sdk.PageRequest{Size: 10}); err != nil {
		t.Errorf("List(%s): %v", k.Kind, err)
	}
	_, err := c.Get(k.Kind, unknownID)
	wantNotFound(t, fmt.Sprintf("Get(%s, %s)", k.Kind, unknownID), err)
	wantNotFound(t, fmt.Sprintf("Delete(%s, %s)", k.Kind, unknownID), c.Delete(k.Kind, unknownID))
	bodies := []json.RawMessage{json.RawMessage("not json")}
	if wrong, ok := wrongType(k.Schema); ok {
		bodies = append(bodies, wrong)
	}
	for _, body := range bodies {
		_, err := c.Apply(k.Kind, "", body)
		wantInvalid(t, fmt.Sprintf("Apply(%s, %q)", k.Kind, body), err)
	}
	if sample != nil {
		checkLifecycle(t, c, k.Kind, sample)
	}
}

// checkLifecycle creates sample, reads it back, deletes it, and checks that
// it is gone.
func checkLifecycle(t testing.TB, c *Client, kind string, sample json.RawMessage) {
	created, err := c.Apply(kind, "", sample)
	if err != nil {
		t.Fatalf("Apply(%s, sample): %v", kind, err)
	}
	if created.ID == "" || created.Kind != kind {
		t.Errorf("Apply(%s, sample) returned kind %q and id %q, want kind %q and an id", kind, created.Kind, created.ID, kind)
	}
	got, err := c.Get(kind, created.ID)
	if err != nil {
		t.Fatalf("Get(%s, %s) after Apply: %v", kind, created.ID, err)
	}
	if got.ID != created.ID || !sameJSON(got.JSON, created.JSON) {
		t.Errorf("Get(%s, %s) returned %s, but Apply returned %s", kind, created.ID, got.JSON, created.JSON)
	}
	if err := c.Delete(kind, created.ID); err != nil {
		t.Fatalf("Delete(%s, %s): %v", kind, created.ID, err)
	}
	_, err = c.Get(kind, created.ID)
	wantNotFound(t, fmt.Sprintf("Get(%s, %s) after Delete", kind, created.ID), err)
}

func sameJSON(a, b json.RawMessage) bool {
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// wrongType returns a JSON body whose type the schema does not allow, or
// false when the schema allows them all or names no type.
func wrongType(schema string) (json.RawMessage, bool) {
	var doc struct {
		Type json.RawMessage `json:"type"`
	}
	if json.Unmarshal([]byte(schema), &doc) != nil {
		return nil, false
	}
	var allowed []string
	var one string
	if json.Unmarshal(doc.Type, &one) == nil {
		allowed = []string{one}
	} else if json.Unmarshal(doc.Type, &allowed) != nil {
		return nil, false
	}
	candidates := []struct{ typ, body string }{
		{"array", "[]"}, {"object", "{}"}, {"string", `"plugintest"`}, {"boolean", "true"},
	}
	for _, cand := range candidates {
		if !slices.Contains(allowed, cand.typ) {
			return json.RawMessage(cand.body), true
		}
	}
	return nil, false
}
