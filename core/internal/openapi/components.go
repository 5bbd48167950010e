package openapi

import (
	"net/http"
	"strings"
)

// errorSchemaName is the name of the shared error body; no reflected type
// may take it.
const errorSchemaName = "Error"

// errorResponseStatuses are the shared error responses in
// components.responses.
var errorResponseStatuses = []int{
	http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden,
	http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity,
	http.StatusTooManyRequests, http.StatusInternalServerError,
}

// components holds the reflected schemas with the shared ones.
func components(r *reflector) map[string]any {
	schemas := r.definitions(map[string]bool{errorSchemaName: true})
	schemas[errorSchemaName] = errorSchema()
	return map[string]any{
		"schemas":         schemas,
		"responses":       errorResponses(),
		"securitySchemes": securitySchemes(),
	}
}

// errorSchema mirrors the API's error envelope:
// {"error": {"code", "message", "details", "request_id"}}.
func errorSchema() map[string]any {
	str := func(doc string) map[string]any { return map[string]any{"type": "string", "description": doc} }
	inner := map[string]any{
		"type":     "object",
		"required": []string{"code", "message"},
		"properties": map[string]any{
			"code":       str("A stable machine-readable code, e.g. not_found."),
			"message":    str("A message safe to show to the user."),
			"details":    map[string]any{"description": "Optional details, e.g. one entry per invalid field."},
			"request_id": str("The request's id, as logged by the server."),
		},
	}
	return map[string]any{
		"type":       "object",
		"required":   []string{"error"},
		"properties": map[string]any{"error": inner},
	}
}

// errorResponses defines one response per shared error status, each with
// the Error schema as its body.
func errorResponses() map[string]any {
	out := make(map[string]any, len(errorResponseStatuses))
	for _, status := range errorResponseStatuses {
		out[errorResponseName(status)] = map[string]any{
			"description": http.StatusText(status),
			"content":     jsonContent(map[string]any{"$ref": componentsSchemaPrefix + errorSchemaName}),
		}
	}
	return out
}

// errorResponseName turns 422 into "UnprocessableEntity".
func errorResponseName(status int) string {
	return strings.ReplaceAll(http.StatusText(status), " ", "")
}

func errorResponseRef(status int) string {
	return "#/components/responses/" + errorResponseName(status)
}

// securitySchemes are the two ways to authenticate: the session cookie
// and a bearer API token.
func securitySchemes() map[string]any {
	return map[string]any{
		"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "diwan_session"},
		"token":   map[string]any{"type": "http", "scheme": "bearer"},
	}
}
