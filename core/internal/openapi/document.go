package openapi

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Errors returned by Document.Add, wrapped with the route they concern.
var (
	// ErrDuplicate means the method and path are already documented; paths
	// that differ only in parameter names are the same route.
	ErrDuplicate = errors.New("route already documented")
	// ErrInvalid means the operation cannot be documented as given.
	ErrInvalid = errors.New("invalid operation")
)

// Operation describes one route: how it is reached, who may call it, and
// the Go types of its JSON bodies.
type Operation struct {
	// Method is an upper-case HTTP method: "GET", "POST", "PUT", "PATCH",
	// "DELETE", "HEAD", "OPTIONS" or "TRACE".
	Method string
	// Path is a fiber route path such as "/api/v1/users/:id". Optional
	// parameters and wildcards are not allowed.
	Path string
	// Summary is one line of English; it is required.
	Summary string
	// Tags group operations, e.g. "auth" or "users".
	Tags []string
	// Role is the least role allowed to call the route: "public", "viewer",
	// "operator" or "admin". Public routes need no credentials.
	Role string
	// Request is nil or a value (or pointer) of the JSON request body's
	// type, e.g. LoginRequest{}; see SchemaOf for how it is described.
	Request any
	// Response is nil or a value of the success body's type; slices and
	// maps are allowed.
	Response any
	// Status is the success status: 200 when zero, and a 2xx code
	// otherwise. A 204 response has no body, so Response must be nil.
	Status int
	// Query lists the documented query parameters.
	Query []Param
}

// Param is a query parameter. Type is "string" (when empty), "integer" or
// "boolean".
type Param struct {
	Name, Type, Description string
	Required                bool
}

// Document collects operations and writes them as an OpenAPI 3.1 document.
// It is safe for concurrent use.
type Document struct {
	title, version string

	mu  sync.Mutex
	ops map[string]Operation // by method and path shape
	ids map[string]string    // operation ids, to their route
}

// New returns an empty document with the info title and version.
func New(title, version string) *Document {
	return &Document{
		title: title, version: version,
		ops: make(map[string]Operation),
		ids: make(map[string]string),
	}
}

// Add documents an operation. It returns an error wrapping ErrDuplicate
// when the method and path are already documented, and one wrapping
// ErrInvalid when the method, path, role, status, summary, query parameters
// or body types are not valid.
func (d *Document) Add(op Operation) error {
	op, err := normalize(op)
	if err != nil {
		return fmt.Errorf("openapi: %s %s: %w: %w", op.Method, op.Path, ErrInvalid, err)
	}
	key := op.Method + " " + pathShape(op.Path)
	id := operationID(op.Method, op.Path)
	d.mu.Lock()
	defer d.mu.Unlock()
	if prev, dup := d.ops[key]; dup {
		return fmt.Errorf("openapi: %s %s: %w as %s", op.Method, op.Path, ErrDuplicate, prev.Path)
	}
	if prev, dup := d.ids[id]; dup {
		return fmt.Errorf("openapi: %s %s: %w: operation id %q is taken by %s", op.Method, op.Path, ErrInvalid, id, prev)
	}
	d.ops[key] = op
	d.ids[id] = op.Method + " " + op.Path
	return nil
}

// Operations returns the documented operations ordered by path, then by
// method.
func (d *Document) Operations() []Operation {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Operation, 0, len(d.ops))
	for _, op := range d.ops {
		op.Tags, op.Query = slices.Clone(op.Tags), slices.Clone(op.Query)
		out = append(out, op)
	}
	slices.SortFunc(out, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Method, b.Method))
	})
	return out
}
