package openapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type loginRequest struct {
	Username string `json:"username" minLength:"1"`
	Password string `json:"password"`
	OTP      string `json:"otp,omitempty" doc:"The one-time code, when 2FA is on."`
}

type user struct {
	ID        int64      `json:"id"`
	Username  string     `json:"username"`
	Role      string     `json:"role" enum:"viewer,operator,admin"`
	LastLogin *time.Time `json:"last_login"`
}

type session struct {
	User    user      `json:"user"`
	Expires time.Time `json:"expires"`
}

// Error has the name of the shared error schema, which it must not take.
type Error struct {
	Reason string `json:"reason"`
}

type badEnum struct {
	N int `enum:"x"`
}

// sampleOps is a small API: a public login, a list, a read and a delete.
func sampleOps() []Operation {
	return []Operation{
		{Method: "POST", Path: "/api/v1/auth/login", Summary: "Log in", Tags: []string{"auth"},
			Role: "public", Request: loginRequest{}, Response: &session{}},
		{Method: "GET", Path: "/api/v1/users", Summary: "List users", Tags: []string{"users"},
			Role: "viewer", Response: []user{}, Query: []Param{
				{Name: "limit", Type: "integer", Description: "At most this many users."},
				{Name: "role", Required: true},
			}},
		{Method: "GET", Path: "/api/v1/users/:id", Summary: "Get a user", Tags: []string{"users"},
			Role: "viewer", Response: user{}},
		{Method: "DELETE", Path: "/api/v1/users/:id", Summary: "Delete a user", Tags: []string{"users"},
			Role: "admin", Status: 204},
		{Method: "PUT", Path: "/api/v1/sites/:site/files/:name", Summary: "Write a file", Tags: []string{"files"},
			Role: "operator", Request: map[string]Error{}, Status: 202},
	}
}

func buildDoc(t *testing.T, ops []Operation) *Document {
	t.Helper()
	d := New("Diwan", "1.2.3")
	for _, op := range ops {
		if err := d.Add(op); err != nil {
			t.Fatalf("Add(%s %s): %v", op.Method, op.Path, err)
		}
	}
	return d
}

func decodeDoc(t *testing.T, d *Document) map[string]any {
	t.Helper()
	b, err := d.JSON()
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("the document is not valid JSON: %v", err)
	}
	return doc
}

func TestAddErrors(t *testing.T) {
	seed := Operation{Method: "GET", Path: "/api/v1/users/:id", Summary: "Get a user", Role: "viewer"}
	with := func(change func(*Operation)) Operation {
		op := Operation{Method: "POST", Path: "/api/v1/users", Summary: "Create a user", Role: "admin"}
		change(&op)
		return op
	}
	tests := []struct {
		name string
		op   Operation
		want error // nil: accepted
	}{
		{"valid", with(func(*Operation) {}), nil},
		{"same path, other method", with(func(o *Operation) { o.Method, o.Path = "DELETE", seed.Path }), nil},
		{"duplicate", seed, ErrDuplicate},
		{"duplicate with another parameter name", with(func(o *Operation) { o.Method, o.Path = "GET", "/api/v1/users/:uid" }), ErrDuplicate},
		{"unknown role", with(func(o *Operation) { o.Role = "root" }), ErrInvalid},
		{"empty role", with(func(o *Operation) { o.Role = "" }), ErrInvalid},
		{"lower-case method", with(func(o *Operation) { o.Method = "post" }), ErrInvalid},
		{"unknown method", with(func(o *Operation) { o.Method = "CONNECT" }), ErrInvalid},
		{"empty summary", with(func(o *Operation) { o.Summary = "" }), ErrInvalid},
		{"status not 2xx", with(func(o *Operation) { o.Status = 302 }), ErrInvalid},
		{"204 with a body", with(func(o *Operation) { o.Status, o.Response = 204, user{} }), ErrInvalid},
		{"GET with a body", with(func(o *Operation) { o.Method, o.Request = "GET", loginRequest{} }), ErrInvalid},
		{"optional parameter", with(func(o *Operation) { o.Path = "/api/v1/users/:id?" }), ErrInvalid},
		{"wildcard", with(func(o *Operation) { o.Path = "/api/v1/files/*" }), ErrInvalid},
		{"relative path", with(func(o *Operation) { o.Path = "api/v1/users" }), ErrInvalid},
		{"unknown query type", with(func(o *Operation) { o.Query = []Param{{Name: "n", Type: "float"}} }), ErrInvalid},
		{"unnamed query parameter", with(func(o *Operation) { o.Query = []Param{{Type: "string"}} }), ErrInvalid},
		{"duplicate query parameter", with(func(o *Operation) { o.Query = []Param{{Name: "n"}, {Name: "n"}} }), ErrInvalid},
		{"body JSON cannot write", with(func(o *Operation) { o.Request = struct{ C chan int }{} }), ErrInvalid},
		{"malformed tag", with(func(o *Operation) { o.Response = badEnum{} }), ErrInvalid},
		{"operation id taken", with(func(o *Operation) { o.Method, o.Path = "GET", "/api/v1/users/by/id" }), ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildDoc(t, []Operation{seed})
			err := d.Add(tt.op)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Add = %v, want %v", err, tt.want)
			}
			if wantOps := 1 + btoi(err == nil); len(d.Operations()) != wantOps {
				t.Errorf("%d operations after Add, want %d", len(d.Operations()), wantOps)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestDocumentPathsAndMethods(t *testing.T) {
	doc := decodeDoc(t, buildDoc(t, sampleOps()))
	var got []string
	for path, item := range doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			got = append(got, method+" "+path)
		}
	}
	slices.Sort(got)
	want := []string{
		"delete /api/v1/users/{id}",
		"get /api/v1/users",
		"get /api/v1/users/{id}",
		"post /api/v1/auth/login",
		"put /api/v1/sites/{site}/files/{name}",
	}
	if !slices.Equal(got, want) {
		t.Errorf("operations = %v\nwant %v", got, want)
	}
}

func TestDocumentFields(t *testing.T) {
	doc := decodeDoc(t, buildDoc(t, sampleOps()))
	const login = "/paths/~1api~1v1~1auth~1login/post"
	const list = "/paths/~1api~1v1~1users/get"
	const del = "/paths/~1api~1v1~1users~1{id}/delete"
	const put = "/paths/~1api~1v1~1sites~1{site}~1files~1{name}/put"
	tests := []struct {
		name, ptr string
		want      string // JSON; "" means the pointer must not resolve
	}{
		{"version", "/openapi", `"3.1.0"`},
		{"info", "/info", `{"title":"Diwan","version":"1.2.3"}`},
		{"global security", "/security", `[{"session":[]},{"token":[]}]`},
		{"session scheme", "/components/securitySchemes/session", `{"type":"apiKey","in":"cookie","name":"diwan_session"}`},
		{"token scheme", "/components/securitySchemes/token", `{"type":"http","scheme":"bearer"}`},
		{"tags", "/tags", `[{"name":"auth"},{"name":"files"},{"name":"users"}]`},
		{"public route has no security", login + "/security", `[]`},
		{"other routes inherit it", list + "/security", ``},
		{"role", login + "/x-diwan-role", `"public"`},
		{"operation id", list + "/operationId", `"get_api_v1_users"`},
		{"summary", del + "/summary", `"Delete a user"`},
		{"operation tags", del + "/tags", `["users"]`},
		{"request body", login + "/requestBody", `{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/loginRequest"}}}}`},
		{"pointer response described by its value", login + "/responses/200/content/application~1json/schema", `{"$ref":"#/components/schemas/session"}`},
		{"list response", list + "/responses/200/content/application~1json/schema", `{"type":"array","items":{"$ref":"#/components/schemas/user"}}`},
		{"query parameters", list + "/parameters", `[
			{"name":"limit","in":"query","description":"At most this many users.","schema":{"type":"integer"}},
			{"name":"role","in":"query","required":true,"schema":{"type":"string"}}]`},
		{"id parameter is an integer", del + "/parameters", `[{"name":"id","in":"path","required":true,"schema":{"type":"integer","format":"int64"}}]`},
		{"204 has no content", del + "/responses/204", `{"description":"No Content"}`},
		{"202 status", put + "/responses/202", `{"description":"Accepted"}`},
		{"nested schema defined", "/components/schemas/user/properties/role/enum", `["viewer","operator","admin"]`},
		{"error envelope", "/components/schemas/Error/properties/error/required", `["code","message"]`},
		{"a type named Error is qualified", put + "/requestBody/content/application~1json/schema/additionalProperties", `{"$ref":"#/components/schemas/openapi.Error"}`},
		{"error response", "/components/responses/NotFound", `{"description":"Not Found","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := pointer(doc, tt.ptr)
			switch {
			case tt.want == "" && ok:
				t.Errorf("%s = %s, want nothing there", tt.ptr, mustJSON(t, got))
			case tt.want != "" && !ok:
				t.Errorf("%s is missing", tt.ptr)
			case tt.want != "" && !jsonEqual(t, got, tt.want):
				t.Errorf("%s = %s\nwant %s", tt.ptr, mustJSON(t, got), tt.want)
			}
		})
	}
}

var templateParam = regexp.MustCompile(`\{([^}]+)\}`)

// eachOperation calls fn for every operation object in a decoded document.
func eachOperation(t *testing.T, doc map[string]any, fn func(t *testing.T, path string, op map[string]any)) {
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			t.Run(method+" "+path, func(t *testing.T) { fn(t, path, op.(map[string]any)) })
		}
	}
}

func TestDocumentPathParametersMatchTemplates(t *testing.T) {
	doc := decodeDoc(t, buildDoc(t, sampleOps()))
	eachOperation(t, doc, func(t *testing.T, path string, op map[string]any) {
		var want, got []string
		for _, m := range templateParam.FindAllStringSubmatch(path, -1) {
			want = append(want, m[1])
		}
		params, _ := op["parameters"].([]any)
		for _, p := range params {
			p := p.(map[string]any)
			if p["in"] == "path" {
				got = append(got, p["name"].(string))
				if p["required"] != true {
					t.Errorf("path parameter %v is not required", p["name"])
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("path parameters = %v, want %v", got, want)
		}
	})
}

func TestDocumentErrorResponses(t *testing.T) {
	doc := decodeDoc(t, buildDoc(t, sampleOps()))
	want := map[string][]string{
		"post /api/v1/auth/login":               {"400", "422", "429", "500"},
		"get /api/v1/users":                     {"400", "401", "403", "429", "500"},
		"get /api/v1/users/{id}":                {"400", "401", "403", "404", "429", "500"},
		"delete /api/v1/users/{id}":             {"400", "401", "403", "404", "409", "429", "500"},
		"put /api/v1/sites/{site}/files/{name}": {"400", "401", "403", "404", "409", "422", "429", "500"},
	}
	for path, item := range doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			key := method + " " + path
			t.Run(key, func(t *testing.T) {
				var got []string
				for status, resp := range op.(map[string]any)["responses"].(map[string]any) {
					if strings.HasPrefix(status, "2") {
						continue
					}
					got = append(got, status)
					checkErrorResponse(t, doc, status, resp)
				}
				slices.Sort(got)
				if !slices.Equal(got, want[key]) {
					t.Errorf("error statuses = %v, want %v", got, want[key])
				}
			})
		}
	}
}

// checkErrorResponse follows an error response's reference to its body
// schema, which must be the Error schema.
func checkErrorResponse(t *testing.T, doc map[string]any, status string, resp any) {
	t.Helper()
	ref, _ := resp.(map[string]any)["$ref"].(string)
	target, ok := pointer(doc, ref)
	if !ok {
		t.Fatalf("%s: reference %q does not resolve", status, ref)
	}
	schema, _ := pointer(target, "/content/application~1json/schema/$ref")
	if schema != "#/components/schemas/Error" {
		t.Errorf("%s: body schema = %v, want the Error schema", status, schema)
	}
}

func TestDocumentReferencesResolve(t *testing.T) {
	doc := decodeDoc(t, buildDoc(t, sampleOps()))
	all := refs(doc)
	if len(all) < 10 {
		t.Fatalf("only %d references found; the walk is broken", len(all))
	}
	for _, ref := range all {
		if !strings.HasPrefix(ref, "#/components/") {
			t.Errorf("reference %q points outside components", ref)
		}
		if _, ok := pointer(doc, ref); !ok {
			t.Errorf("reference %q does not resolve", ref)
		}
	}
}

func TestDocumentIsDeterministic(t *testing.T) {
	ops := sampleOps()
	first, err := buildDoc(t, ops).JSON()
	if err != nil {
		t.Fatal(err)
	}
	reversed := slices.Clone(ops)
	slices.Reverse(reversed)
	d := buildDoc(t, reversed)
	for i := range 3 {
		again, err := d.JSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("build %d differs from the first", i+2)
		}
	}
}

func TestOperationsOrder(t *testing.T) {
	ops := buildDoc(t, sampleOps()).Operations()
	var got []string
	for _, op := range ops {
		got = append(got, op.Path+" "+op.Method)
	}
	want := []string{
		"/api/v1/auth/login POST",
		"/api/v1/sites/:site/files/:name PUT",
		"/api/v1/users GET",
		"/api/v1/users/:id DELETE",
		"/api/v1/users/:id GET",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Operations = %v\nwant %v", got, want)
	}
	if ops[4].Status != 200 {
		t.Errorf("default status = %d, want 200", ops[4].Status)
	}
	ops[2].Query[0].Name = "changed"
	if again := buildDoc(t, sampleOps()).Operations(); again[2].Query[0].Name != "limit" {
		t.Error("Operations shares its slices with the document")
	}
}

// localItem and otherLocalItem return values of two types that share both
// name and package path: only their order tells them apart.
func localItem() any {
	type Item struct{ A int }
	return Item{}
}

func otherLocalItem() any {
	type Item struct{ B string }
	return Item{}
}

func TestDocumentNumbersIdenticalNames(t *testing.T) {
	d := buildDoc(t, []Operation{
		{Method: "POST", Path: "/a", Summary: "A", Role: "admin", Request: localItem(), Response: otherLocalItem()},
		{Method: "POST", Path: "/b", Summary: "B", Role: "admin", Request: otherLocalItem()},
	})
	doc := decodeDoc(t, d)
	var names []string
	for name := range doc["components"].(map[string]any)["schemas"].(map[string]any) {
		if strings.Contains(name, "Item") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if len(names) != 2 || !strings.HasSuffix(names[0], "openapi.Item-1") || !strings.HasSuffix(names[1], "openapi.Item-2") {
		t.Fatalf("schemas = %v, want two numbered openapi.Item", names)
	}
	a, _ := pointer(doc, "/paths/~1a/post/requestBody/content/application~1json/schema/$ref")
	b, _ := pointer(doc, "/paths/~1b/post/requestBody/content/application~1json/schema/$ref")
	if a == b {
		t.Errorf("both request bodies reference %v", a)
	}
}

func TestDocumentConcurrentUse(t *testing.T) {
	d := New("Diwan", "1")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			path := fmt.Sprintf("/api/v1/things%d/:id", i)
			if err := d.Add(Operation{Method: "GET", Path: path, Summary: "Thing", Role: "viewer", Response: user{}}); err != nil {
				t.Error(err)
			}
			if _, err := d.JSON(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := len(d.Operations()); n != 8 {
		t.Errorf("%d operations, want 8", n)
	}
}

func TestDocumentGolden(t *testing.T) {
	got, err := buildDoc(t, sampleOps()).JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.openapi.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("document differs from %s; review the change and run with -update", golden)
	}
}
