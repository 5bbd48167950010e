// Package rpcerr defines the error kinds that cross the plugin contract and
// maps them to and from gRPC status codes, so that the plugin side and the
// core side of the SDK translate them the same way. The sdk package
// re-exports the kinds; plugin authors never import this package.
package rpcerr

import "errors"

// ErrNotFound is the kind of error for a resource, key or action that does
// not exist. It travels as codes.NotFound.
var ErrNotFound = errors.New("not found")

// ErrPermissionDenied is the kind of error for a call that was not granted.
// It travels as codes.PermissionDenied.
var ErrPermissionDenied = errors.New("permission denied")

// InvalidError reports input that was refused, naming the field at fault.
// It travels as codes.InvalidArgument, with the field and message in a
// google.rpc.BadRequest detail, so it arrives on the other side equal to
// what was sent.
type InvalidError struct {
	// Field names the input at fault: a JSON Pointer such as "/name" for a
	// request body, or a path such as "resource_kinds[0].schema" for a
	// manifest. Empty means the input as a whole.
	Field string
	// Message says what is wrong, in a phrase such as "must be at most 64
	// characters".
	Message string
}

// Error returns "invalid <field>: <message>", or "invalid input: <message>"
// when no field is named.
func (e *InvalidError) Error() string {
	field := e.Field
	if field == "" {
		field = "input"
	}
	return "invalid " + field + ": " + e.Message
}

// remoteError is an error received from the other side: its text is the
// status message, and it unwraps both to its kind (such as ErrNotFound) and
// to the gRPC status error, so errors.Is and status.FromError both work.
type remoteError struct {
	msg   string
	kind  error
	cause error
}

func (e *remoteError) Error() string { return e.msg }

func (e *remoteError) Unwrap() []error {
	if e.kind == nil {
		return []error{e.cause}
	}
	return []error{e.kind, e.cause}
}
