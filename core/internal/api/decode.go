package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// decodeJSON reads the body into v strictly: an unknown field (such as a
// role or an id the caller may not set) is refused with its name, as is a
// value of the wrong type, trailing data or an empty body.
func decodeJSON(c *fiber.Ctx, v any) error {
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("trailing data after the JSON object")
	}
	if err == nil {
		return nil
	}
	field := ""
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		field = typeErr.Field
		err = errors.New("wrong type: want " + typeErr.Type.String())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		err = errors.New("unknown field: it cannot be set here")
	case errors.Is(err, io.EOF):
		err = errors.New("a JSON object is required")
	}
	e := &Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: err.Error()}
	if field != "" {
		e.Message = field + ": " + e.Message
		e.Details = map[string]string{"field": field, "message": err.Error()}
	}
	return e
}
