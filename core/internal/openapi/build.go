package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

const (
	openAPIVersion         = "3.1.0"
	componentsSchemaPrefix = "#/components/schemas/"
	jsonMediaType          = "application/json"
)

// JSON writes the document, indented, with object keys sorted: the same
// operations give the same bytes whatever order they were added in.
func (d *Document) JSON() ([]byte, error) {
	ops := d.Operations()
	r := newReflector(componentsSchemaPrefix)
	paths := make(map[string]any)
	for _, op := range ops {
		o, err := operationObject(r, op)
		if err != nil {
			return nil, fmt.Errorf("openapi: %s %s: %w", op.Method, op.Path, err)
		}
		p := PathToOpenAPI(op.Path)
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = make(map[string]any)
			paths[p] = item
		}
		item[strings.ToLower(op.Method)] = o
	}
	return encode(map[string]any{
		"openapi":    openAPIVersion,
		"info":       map[string]any{"title": d.title, "version": d.version},
		"paths":      paths,
		"components": components(r),
		"security":   []any{map[string]any{"session": []any{}}, map[string]any{"token": []any{}}},
		"tags":       tagObjects(ops),
	})
}

func encode(doc map[string]any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("openapi: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// operationObject describes one operation. Its body schemas are added to r.
func operationObject(r *reflector, op Operation) (map[string]any, error) {
	o := map[string]any{
		"operationId":  operationID(op.Method, op.Path),
		"summary":      op.Summary,
		"x-diwan-role": op.Role,
	}
	if len(op.Tags) > 0 {
		o["tags"] = op.Tags
	}
	if params := parameters(op); len(params) > 0 {
		o["parameters"] = params
	}
	if op.Role == rolePublic {
		o["security"] = []any{}
	}
	if op.Request != nil {
		s, err := r.rootSchema(op.Request)
		if err != nil {
			return nil, fmt.Errorf("request body: %w", err)
		}
		o["requestBody"] = map[string]any{"required": true, "content": jsonContent(s)}
	}
	success := map[string]any{"description": http.StatusText(op.Status)}
	if op.Response != nil {
		s, err := r.rootSchema(op.Response)
		if err != nil {
			return nil, fmt.Errorf("response body: %w", err)
		}
		success["content"] = jsonContent(s)
	}
	o["responses"] = responses(op, success)
	return o, nil
}

func jsonContent(schema map[string]any) map[string]any {
	return map[string]any{jsonMediaType: map[string]any{"schema": schema}}
}

// parameters lists the path parameters, then the query parameters. A path
// parameter named "id" is an integer; the others are strings.
func parameters(op Operation) []any {
	names, _ := pathParams(op.Path) // checked by Add
	var params []any
	for _, name := range names {
		schema := map[string]any{"type": "string"}
		if name == "id" {
			schema = map[string]any{"type": "integer", "format": "int64"}
		}
		params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": schema})
	}
	for _, q := range op.Query {
		p := map[string]any{"name": q.Name, "in": "query", "schema": map[string]any{"type": q.Type}}
		if q.Description != "" {
			p["description"] = q.Description
		}
		if q.Required {
			p["required"] = true
		}
		params = append(params, p)
	}
	return params
}

// responses pairs the success response with the error responses that
// apply, as listed in the package documentation.
func responses(op Operation, success map[string]any) map[string]any {
	out := map[string]any{strconv.Itoa(op.Status): success}
	for _, status := range errorStatuses(op) {
		out[strconv.Itoa(status)] = map[string]any{"$ref": errorResponseRef(status)}
	}
	return out
}

func errorStatuses(op Operation) []int {
	statuses := []int{http.StatusBadRequest, http.StatusTooManyRequests, http.StatusInternalServerError}
	public := op.Role == rolePublic
	if !public {
		statuses = append(statuses, http.StatusUnauthorized, http.StatusForbidden)
	}
	if names, _ := pathParams(op.Path); len(names) > 0 {
		statuses = append(statuses, http.StatusNotFound)
	}
	if !public && isWrite(op.Method) {
		statuses = append(statuses, http.StatusConflict)
	}
	if op.Request != nil {
		statuses = append(statuses, http.StatusUnprocessableEntity)
	}
	slices.Sort(statuses)
	return statuses
}

func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// tagObjects lists every tag used, sorted.
func tagObjects(ops []Operation) []any {
	var names []string
	for _, op := range ops {
		names = append(names, op.Tags...)
	}
	slices.Sort(names)
	tags := []any{}
	for _, name := range slices.Compact(names) {
		tags = append(tags, map[string]any{"name": name})
	}
	return tags
}
