package openapi

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
)

const rolePublic = "public"

var (
	validMethods = []string{
		http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions, http.MethodTrace,
	}
	validRoles      = []string{rolePublic, "viewer", "operator", "admin"}
	validParamTypes = []string{"string", "integer", "boolean"}
)

// normalize checks an operation and fills in its defaults. The returned
// operation owns its slices.
func normalize(op Operation) (Operation, error) {
	op.Tags, op.Query = slices.Clone(op.Tags), slices.Clone(op.Query)
	if op.Status == 0 {
		op.Status = http.StatusOK
	}
	for i := range op.Query {
		if op.Query[i].Type == "" {
			op.Query[i].Type = "string"
		}
	}
	checks := []func(Operation) error{checkMethod, checkRoute, checkStatus, checkQuery, checkBodies}
	for _, check := range checks {
		if err := check(op); err != nil {
			return op, err
		}
	}
	return op, nil
}

func checkMethod(op Operation) error {
	if !slices.Contains(validMethods, op.Method) {
		return fmt.Errorf("method %q is not one of %v", op.Method, validMethods)
	}
	return nil
}

func checkRoute(op Operation) error {
	if _, err := pathParams(op.Path); err != nil {
		return err
	}
	if !slices.Contains(validRoles, op.Role) {
		return fmt.Errorf("role %q is not one of %v", op.Role, validRoles)
	}
	if op.Summary == "" {
		return errors.New("summary is empty")
	}
	return nil
}

func checkStatus(op Operation) error {
	if op.Status < 200 || op.Status > 299 {
		return fmt.Errorf("success status %d is not 2xx", op.Status)
	}
	if op.Status == http.StatusNoContent && op.Response != nil {
		return errors.New("a 204 response has no body")
	}
	return nil
}

func checkQuery(op Operation) error {
	seen := make(map[string]bool)
	for _, p := range op.Query {
		switch {
		case p.Name == "":
			return errors.New("a query parameter has no name")
		case seen[p.Name]:
			return fmt.Errorf("query parameter %q appears twice", p.Name)
		case !slices.Contains(validParamTypes, p.Type):
			return fmt.Errorf("query parameter %q: type %q is not one of %v", p.Name, p.Type, validParamTypes)
		}
		seen[p.Name] = true
	}
	return nil
}

// checkBodies reflects the body types once, so that a type the document
// cannot describe fails here rather than when the document is written.
func checkBodies(op Operation) error {
	if op.Request != nil && (op.Method == http.MethodGet || op.Method == http.MethodHead) {
		return fmt.Errorf("a %s request has no body", op.Method)
	}
	r := newReflector(componentsSchemaPrefix)
	if _, err := r.rootSchema(op.Request); err != nil {
		return fmt.Errorf("request body: %w", err)
	}
	if _, err := r.rootSchema(op.Response); err != nil {
		return fmt.Errorf("response body: %w", err)
	}
	return nil
}
