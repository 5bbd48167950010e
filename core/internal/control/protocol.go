// Package control is the running panel's local control socket: a Unix
// socket, mode 0600, on which the panel takes commands from its own command
// line (`diwan plugin enable`, …) without a restart. Listen opens the socket
// safely, Server answers a small HTTP/JSON protocol on it, and Client speaks
// that protocol for the CLI.
//
// The protocol:
//
//	GET  /plugins               every installed plugin's status
//	GET  /plugins/{id}          one plugin's status
//	GET  /plugins/{id}/logs     its last log lines (?lines=N: the last N)
//	POST /plugins/{id}/enable   grant its permissions and start it
//	POST /plugins/{id}/disable  stop it and disable it
//	POST /plugins/{id}/restart  restart an enabled plugin
//
// A success is 200 with a JSON body; a failure is {"error":{"code","message"}}
// with its status. Only root and the panel's own user may connect: the file
// mode says so and every connection's peer credentials are checked.
package control

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/diwanpanel/diwan/sdk/protocol"

	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// MaxLogLines is the most log lines one request may ask for.
const MaxLogLines = 10000

// CheckID returns an error naming id unless it is a plugin id: 2 to 32
// characters, lowercase letters, digits and '-', starting with a letter.
func CheckID(id string) error {
	if !protocol.ValidID(id) {
		return fmt.Errorf("%q is not a plugin id: want 2 to 32 characters: lowercase letters, digits and '-', starting with a letter", id)
	}
	return nil
}

// Error is an answer other than success: its HTTP status, a stable code
// and a message for the operator.
type Error struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Message }

// Is makes a not_found answer match store.ErrNotFound and a
// plugin_unavailable answer match pluginhost.ErrUnavailable, on both sides
// of the socket.
func (e *Error) Is(target error) bool {
	switch e.Code {
	case codeNotFound:
		return target == store.ErrNotFound
	case codeUnavailable:
		return target == pluginhost.ErrUnavailable
	}
	return false
}

// Error codes.
const (
	codeNotFound    = "not_found"
	codeUnavailable = "plugin_unavailable"
	codeUnsafe      = "unsafe_plugin_binary"
	codeInvalid     = "invalid_field"
	codeForbidden   = "forbidden"
	codeTimeout     = "timeout"
	codeInternal    = "internal"
)

// errorBody is the JSON of a failure.
type errorBody struct {
	Error *Error `json:"error"`
}

// logsBody is the JSON of GET /plugins/{id}/logs.
type logsBody struct {
	Lines []string `json:"lines"`
}

// toError maps err, met while serving plugin id, to the answer sent. The
// socket's clients are root and the panel's own user, so the cause's text
// is shown: it explains, and they may read everything anyway.
func toError(err error, id string) *Error {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf("plugin %s is not installed", id)}
	case errors.Is(err, pluginhost.ErrUnavailable):
		return &Error{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: err.Error()}
	case errors.Is(err, pluginhost.ErrUnsafeBinary):
		return &Error{Status: http.StatusConflict, Code: codeUnsafe, Message: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusGatewayTimeout, Code: codeTimeout, Message: err.Error()}
	}
	return &Error{Status: http.StatusInternalServerError, Code: codeInternal, Message: err.Error()}
}
