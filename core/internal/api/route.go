package api

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/openapi"
)

// Public marks a route anyone may call; the others name the least role.
const Public auth.Role = "public"

// route declares one endpoint: who may call it and how it is documented.
// Every route is registered through Server.handle with one of these; a
// route registered any other way stops New.
type route struct {
	method, path string
	access       auth.Role
	summary      string
	tags         []string
	request      any
	response     any
	status       int
	query        []openapi.Param
	// enrolling lets a session that must first enrol a second factor in.
	enrolling bool
	// selfAudit means the handler writes its own audit entry.
	selfAudit bool
	// undocumented keeps the route out of the OpenAPI document: the
	// dashboard's files are not part of the API.
	undocumented bool
}

func (rt route) public() bool { return rt.access == Public }

const localMatched = "diwan.matched"

// handle registers rt with h behind the access guard and the audit trail.
func (s *Server) handle(r fiber.Router, rt route, h fiber.Handler) {
	full := strings.TrimSuffix(s.prefixOf(r), "/") + rt.path
	key := rt.method + " " + full
	if _, dup := s.routes[key]; dup {
		s.routeErrs = append(s.routeErrs, fmt.Errorf("route %s registered twice", key))
	}
	rt.path = full
	s.routes[key] = rt
	handlers := []fiber.Handler{markMatched}
	if isMutating(rt.method) && !rt.selfAudit {
		handlers = append(handlers, s.auditMiddleware)
	}
	handlers = append(handlers, s.guard(rt), h)
	s.app.Add(rt.method, full, handlers...)
}

func (s *Server) prefixOf(r fiber.Router) string {
	if g, ok := r.(*fiber.Group); ok {
		return g.Prefix
	}
	return ""
}

func markMatched(c *fiber.Ctx) error {
	c.Locals(localMatched, true)
	return c.Next()
}

// checkRoutes fails when fiber holds a route that was not declared through
// handle, so no endpoint can exist without an access rule.
func (s *Server) checkRoutes() error {
	if len(s.routeErrs) > 0 {
		return s.routeErrs[0]
	}
	for _, r := range s.app.GetRoutes(true) {
		if r.Method == fiber.MethodHead || r.Method == fiber.MethodConnect {
			continue // fiber adds HEAD for every GET
		}
		if _, ok := s.routes[r.Method+" "+r.Path]; !ok {
			return fmt.Errorf("api: route %s %s has no access declaration", r.Method, r.Path)
		}
	}
	return nil
}

func isMutating(method string) bool {
	switch method {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return false
	}
	return true
}
