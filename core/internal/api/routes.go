package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/buildinfo"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/openapi"
)

const (
	get    = fiber.MethodGet
	post   = fiber.MethodPost
	put    = fiber.MethodPut
	patch  = fiber.MethodPatch
	delete = fiber.MethodDelete
)

// registerRoutes is the route table: every endpoint, the least role that
// may call it, and its documentation.
func (s *Server) registerRoutes() {
	s.handle(s.app, route{method: get, path: "/health/live", access: Public, summary: "Liveness: 200 while the process serves", tags: []string{"health"}, response: liveBody{}}, s.live)
	s.handle(s.app, route{method: get, path: "/health/ready", access: Public, summary: "Readiness: 200 or 503, naming each check", tags: []string{"health"}, response: health.Report{}}, s.ready)
	s.handle(s.app, route{method: get, path: "/metrics", access: Public, summary: "Prometheus metrics", tags: []string{"health"}}, s.prometheus)

	v1 := s.app.Group(Prefix)
	s.handle(v1, route{method: get, path: "/version", access: Public, summary: "Build version", tags: []string{"system"}, response: buildinfo.Info{}}, s.version)
	s.handle(v1, route{method: get, path: "/openapi.json", access: Public, summary: "This API's OpenAPI document", tags: []string{"system"}}, s.openAPI)
	s.setupRoutes(v1)
	s.authRoutes(v1)
	s.userRoutes(v1)
	s.tokenRoutes(v1)
	s.adminRoutes(v1)
	s.taskRoutes(v1)
	s.pluginRoutes(v1)
	s.logRoutes(v1)
	s.pluginResourceRoutes(v1)
	s.handle(v1, route{method: get, path: "/events", access: auth.RoleViewer, summary: "Live events (server-sent events)", tags: []string{"events"}}, s.eventStream)
	// Last, so that every route above wins.
	s.handle(s.app, route{method: get, path: "/*", access: Public, summary: "The web dashboard", undocumented: true}, s.serveDashboard)
}

// serveDashboard answers the dashboard's files and client-side routes;
// any other path goes on to the routes registered after it, or to an
// unmatched 404 (so /api/v1/nope stays an API error).
func (s *Server) serveDashboard(c *fiber.Ctx) error {
	if s.dashboard.Owns(c.Path()) {
		return s.dashboard.Serve(c)
	}
	c.Locals(localMatched, false)
	return c.Next()
}

// openAPIDocument renders the route table as OpenAPI 3.1.
func (s *Server) openAPIDocument() ([]byte, error) {
	doc := openapi.New("Diwan API", buildinfo.Version)
	for _, rt := range s.routes {
		if rt.undocumented {
			continue
		}
		err := doc.Add(openapi.Operation{
			Method: rt.method, Path: rt.path, Summary: rt.summary, Tags: rt.tags, Role: string(rt.access),
			Request: rt.request, Response: rt.response, Status: rt.status, Query: rt.query,
		})
		if err != nil {
			return nil, err
		}
	}
	return doc.JSON()
}

// openAPI serves the document built at start.
func (s *Server) openAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	return c.Send(s.openapi)
}
