package openapi

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// pathToken is one piece of a fiber route path: literal text, a ":name"
// parameter (optionally "?"-suffixed) or a "*"/"+" wildcard.
type pathToken struct {
	literal  string
	param    string
	isParam  bool
	optional bool
	wildcard bool
}

var identifierChars = regexp.MustCompile(`[^a-z0-9]+`)

// PathToOpenAPI turns a fiber route path into an OpenAPI path template:
// "/api/v1/users/:id" becomes "/api/v1/users/{id}". An escaped colon
// ("\:") stays a literal colon, and an optional marker ("?") is dropped;
// Document.Add rejects optional parameters and wildcards.
func PathToOpenAPI(fiberPath string) string {
	var b strings.Builder
	for _, tok := range tokenizePath(fiberPath) {
		if tok.isParam {
			b.WriteString("{" + tok.param + "}")
		} else {
			b.WriteString(tok.literal)
		}
	}
	return b.String()
}

// tokenizePath splits a fiber path into literals, parameters and wildcards.
func tokenizePath(p string) []pathToken {
	var toks []pathToken
	for i := 0; i < len(p); {
		switch c := p[i]; {
		case c == '\\' && i+1 < len(p):
			toks = append(toks, pathToken{literal: p[i+1 : i+2]})
			i += 2
		case c == ':':
			tok, n := paramToken(p[i+1:])
			toks = append(toks, tok)
			i += 1 + n
		case c == '*' || c == '+':
			toks = append(toks, pathToken{literal: string(c), wildcard: true})
			i++
		default:
			toks = append(toks, pathToken{literal: string(c)})
			i++
		}
	}
	return toks
}

// paramToken reads a parameter name and its optional marker from the text
// after a colon, returning the token and the bytes it used.
func paramToken(rest string) (pathToken, int) {
	n := 0
	for n < len(rest) && isNameChar(rest[n]) {
		n++
	}
	tok := pathToken{param: rest[:n], isParam: true}
	if n < len(rest) && rest[n] == '?' {
		tok.optional = true
		n++
	}
	return tok, n
}

func isNameChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// pathParams validates a path for the document and returns its parameter
// names in order.
func pathParams(p string) ([]string, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, errors.New(`path must start with "/"`)
	}
	var names []string
	seen := make(map[string]bool)
	for _, tok := range tokenizePath(p) {
		switch {
		case tok.wildcard:
			return nil, errors.New("wildcards cannot be documented")
		case !tok.isParam:
			continue
		case tok.param == "":
			return nil, errors.New("a parameter has no name")
		case tok.optional:
			return nil, fmt.Errorf("optional parameter %q cannot be documented", tok.param)
		case seen[tok.param]:
			return nil, fmt.Errorf("parameter %q appears twice", tok.param)
		}
		seen[tok.param] = true
		names = append(names, tok.param)
	}
	return names, nil
}

// pathShape is the path with parameter names erased: "/users/{}" is one
// route whatever its parameter is called.
func pathShape(p string) string {
	var b strings.Builder
	for _, tok := range tokenizePath(p) {
		if tok.isParam {
			b.WriteString("{}")
		} else {
			b.WriteString(tok.literal)
		}
	}
	return b.String()
}

// operationID names an operation by its method and path in snake case:
// GET /api/v1/users/:id is "get_api_v1_users_by_id".
func operationID(method, p string) string {
	var b strings.Builder
	b.WriteString(method)
	for _, tok := range tokenizePath(p) {
		if tok.isParam {
			b.WriteString("/by_" + tok.param + "/")
		} else {
			b.WriteString(tok.literal)
		}
	}
	id := identifierChars.ReplaceAllString(strings.ToLower(b.String()), "_")
	return strings.Trim(id, "_")
}
