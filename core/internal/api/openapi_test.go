package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/openapi"
)

// The OpenAPI document and the route table list the same operations.
func TestOpenAPIMatchesRouteTable(t *testing.T) {
	s := newTestServer(t, nil, nil)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	s.anon(t).expect(200, "GET", "/api/v1/openapi.json", nil, &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
			if _, ok := op["x-diwan-role"]; !ok {
				t.Errorf("%s %s has no x-diwan-role", method, path)
			}
		}
	}
	served := map[string]bool{}
	for _, r := range s.App().GetRoutes(true) {
		if r.Method == "HEAD" || r.Method == "CONNECT" || s.routes[r.Method+" "+r.Path].undocumented {
			continue
		}
		key := r.Method + " " + openapi.PathToOpenAPI(r.Path)
		served[key] = true
		if !documented[key] {
			t.Errorf("served but not documented: %s", key)
		}
	}
	for key := range documented {
		if !served[key] {
			t.Errorf("documented but not served: %s", key)
		}
	}
	if len(served) < 30 {
		t.Fatalf("only %d operations", len(served))
	}
	raw := s.anon(t).expect(200, "GET", "/api/v1/openapi.json", nil, nil)
	if !json.Valid(raw) || strings.Contains(string(raw), "password_hash") || strings.Contains(string(raw), "totp_secret") {
		t.Fatal("the document exposes stored secrets' fields")
	}
}
