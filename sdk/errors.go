package sdk

import (
	"fmt"

	"github.com/diwanpanel/diwan/sdk/internal/rpcerr"
)

// ErrNotFound is returned, or wrapped with %w, for something that does not
// exist. The core receives it as gRPC NotFound, and a plugin receives the
// core's NotFound as an error wrapping it.
var ErrNotFound = rpcerr.ErrNotFound

// ErrPermissionDenied is wrapped by the error of a Host call that the
// operator did not grant. A plugin that returns it, or wraps it, makes the
// core receive gRPC PermissionDenied.
var ErrPermissionDenied = rpcerr.ErrPermissionDenied

// InvalidError reports refused input and names the field at fault (see
// Field and Message). The core receives it as gRPC InvalidArgument with the
// field in the status details, and recovers it with errors.As.
type InvalidError = rpcerr.InvalidError

// Invalid returns an *InvalidError for field, whose message is formatted
// with fmt.Sprintf. Name a field of a request body with a JSON Pointer,
// such as "/name"; an empty field means the body as a whole.
func Invalid(field, format string, args ...any) error {
	return &InvalidError{Field: field, Message: fmt.Sprintf(format, args...)}
}
