package api

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
)

// Error is an API error: its status, a stable machine code, a message safe
// to show, and optional details (e.g. one entry per bad field). Err, when
// set, is the cause: logged, never sent.
type Error struct {
	Status  int
	Code    string
	Message string
	Details any
	Err     error
	// RetryAfter, when set, is sent as the Retry-After header.
	RetryAfter time.Duration
}

// NewError returns an Error with a status, code and message.
func NewError(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Message + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

type errorBody struct {
	Error errorPayload `json:"error"`
}

type errorPayload struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Details   any    `json:"details,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

// knownErrors maps the sentinel errors of lower layers to API errors.
var knownErrors = []struct {
	err     error
	status  int
	code    string
	message string
	// expose sends the error's own text: it explains, and holds no secret.
	expose bool
}{
	{store.ErrNotFound, http.StatusNotFound, "not_found", "not found", false},
	{store.ErrConflict, http.StatusConflict, "conflict", "already exists", false},
	{auth.ErrInvalidCredentials, http.StatusUnauthorized, "invalid_credentials", "invalid username or password", false},
	{auth.ErrTOTPRequired, http.StatusUnauthorized, "totp_required", "enter the code from your authenticator app, or a recovery code", false},
	{auth.ErrInvalidSecondFactor, http.StatusUnauthorized, "invalid_second_factor", "the code is wrong or was already used", false},
	{auth.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated", "sign in, or send a valid API token", false},
	{auth.ErrForbidden, http.StatusForbidden, "forbidden", "not allowed", false},
	{auth.ErrLastAdmin, http.StatusConflict, "last_admin", "the last admin cannot be removed, demoted or disabled", false},
	{auth.ErrSetupInvalid, http.StatusForbidden, "setup_invalid", "the setup link is invalid or has expired; restart diwan for a new one", false},
	{auth.ErrSetupDone, http.StatusConflict, "setup_done", "an admin already exists: sign in", false},
	{pluginhost.ErrUnsafeBinary, http.StatusConflict, "unsafe_plugin_binary", "", true},
	{sdk.ErrNotFound, http.StatusNotFound, "not_found", "not found", false},
	{sdk.ErrPermissionDenied, http.StatusForbidden, "forbidden", "not allowed", false},
	{pluginhost.ErrUnavailable, http.StatusServiceUnavailable, "plugin_unavailable", "the plugin is not running", false},
}

// toAPIError maps any error to the Error that is sent.
func toAPIError(err error) *Error {
	var apiErr *Error
	var fe *fiber.Error
	var field *auth.FieldError
	var locked *auth.LockedOutError
	var invalid *sdk.InvalidError
	switch {
	case errors.As(err, &apiErr):
		return apiErr
	case errors.As(err, &field):
		return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid_field", Message: field.Field + ": " + field.Message,
			Details: map[string]string{"field": field.Field, "message": field.Message}}
	case errors.As(err, &invalid):
		return &Error{Status: http.StatusUnprocessableEntity, Code: "invalid_field", Message: invalid.Field + ": " + invalid.Message,
			Details: map[string]string{"field": invalid.Field, "message": invalid.Message}}
	case errors.As(err, &locked):
		return &Error{Status: http.StatusTooManyRequests, Code: "locked_out", Message: "too many failed attempts; try again later",
			RetryAfter: locked.RetryAfter, Err: err}
	}
	for _, k := range knownErrors {
		if errors.Is(err, k.err) {
			msg := k.message
			if k.expose {
				msg = err.Error()
			}
			return &Error{Status: k.status, Code: k.code, Message: msg, Err: err}
		}
	}
	switch {
	case errors.As(err, &fe):
		return &Error{Status: fe.Code, Code: statusCode(fe.Code), Message: fiberMessage(fe)}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Code: "timeout", Message: "the request took too long", Err: err}
	}
	return &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error", Err: err}
}

// fiberMessage keeps fiber's message for client errors (they describe the
// request) and hides it for server errors.
func fiberMessage(fe *fiber.Error) string {
	if fe.Code >= 500 {
		return strings.ToLower(http.StatusText(fe.Code))
	}
	if fe.Code == http.StatusNotFound {
		return "no such route"
	}
	return strings.ToLower(fe.Message)
}

// statusCode turns 413 into "request_entity_too_large".
func statusCode(status int) string {
	text := http.StatusText(status)
	if text == "" {
		return "error"
	}
	return strings.ReplaceAll(strings.ToLower(text), " ", "_")
}

// errorHandler is fiber's single error handler: it writes the JSON error
// body and logs server errors once, with the request id.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	e := toAPIError(err)
	id := requestID(c)
	if e.Status >= 500 {
		s.log.Error("request failed", "request_id", id, "method", c.Method(), "path", c.Path(), "status", e.Status, "error", err)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	if e.RetryAfter > 0 {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
	}
	return c.Status(e.Status).JSON(errorBody{Error: errorPayload{
		Code: e.Code, Message: e.Message, Details: e.Details, RequestID: id,
	}})
}
