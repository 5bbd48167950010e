// Package openapi builds the OpenAPI 3.1 document of Diwan's HTTP API from
// the same route table that registers the routes, so the two cannot drift.
//
// The API package describes each route with an Operation and adds it to a
// Document; Document.JSON then writes the whole document. Request and
// response bodies are given as Go values and reflected into JSON Schema by
// the rules encoding/json follows when it writes them (see SchemaOf), so the
// schema describes what the server really sends.
//
// Every operation gets the shared error responses that apply to it, all
// referring to one Error schema that mirrors the API's error envelope:
//
//	400, 429, 500  always
//	401, 403       when the route is not public
//	404            when the path has a parameter
//	409            when the route is not public and its method writes
//	               (POST, PUT, PATCH, DELETE)
//	422            when the route takes a request body
//
// Output is deterministic: the same routes give the same bytes, whatever the
// order they were added in.
package openapi
