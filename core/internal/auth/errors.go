package auth

import (
	"errors"
	"fmt"
)

// Errors the API maps to statuses. Messages never say which of username or
// password was wrong.
var (
	ErrInvalidCredentials  = errors.New("auth: invalid username or password")
	ErrTOTPRequired        = errors.New("auth: a second factor is required")
	ErrInvalidSecondFactor = errors.New("auth: invalid or already used second factor")
	ErrUnauthenticated     = errors.New("auth: not signed in")
	ErrForbidden           = errors.New("auth: not allowed")
	ErrLastAdmin           = errors.New("auth: the last admin cannot be removed, demoted or disabled")
	ErrSetupInvalid        = errors.New("auth: the setup link is invalid or has expired")
	ErrSetupDone           = errors.New("auth: an admin already exists")
)

// FieldError is a refused input value; Field is the JSON field's name.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return fmt.Sprintf("auth: %s: %s", e.Field, e.Message) }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}
