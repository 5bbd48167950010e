package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/openapi"
	"github.com/diwanpanel/diwan/core/internal/store"
)

type securitySettings struct {
	Require2FA bool `json:"require_2fa" doc:"everyone must enrol a second factor at their next sign-in"`
}

const maxAuditPage = 200

var auditQuery = []openapi.Param{
	{Name: "actor_id", Type: "integer", Description: "only this user's actions"},
	{Name: "action", Type: "string", Description: `e.g. "auth.login" or "POST /api/v1/users"`},
	{Name: "result", Type: "string", Description: "success, failure or denied"},
	{Name: "since", Type: "string", Description: "RFC 3339 time, inclusive"},
	{Name: "until", Type: "string", Description: "RFC 3339 time, exclusive"},
	{Name: "before_id", Type: "integer", Description: "page back from an entry id"},
	{Name: "limit", Type: "integer", Description: "1 to 200, default 50"},
}

func (s *Server) adminRoutes(v1 fiber.Router) {
	admin := auth.RoleAdmin
	s.handle(v1, route{method: get, path: "/audit", access: admin, summary: "The audit log, newest first", tags: []string{"audit"}, response: []store.AuditEntry{}, query: auditQuery}, s.queryAudit)
	s.handle(v1, route{method: get, path: "/settings/security", access: admin, summary: "Security settings", tags: []string{"settings"}, response: securitySettings{}}, s.getSecurity)
	s.handle(v1, route{method: put, path: "/settings/security", access: admin, summary: "Change security settings", tags: []string{"settings"}, request: securitySettings{}, response: securitySettings{}}, s.putSecurity)
}

func (s *Server) queryAudit(c *fiber.Ctx) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	list, err := s.audit.Query(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(list)
}

// auditFilter reads the query, naming the first bad parameter.
func auditFilter(c *fiber.Ctx) (store.AuditFilter, error) {
	f := store.AuditFilter{Action: c.Query("action"), Result: c.Query("result"), Limit: 50}
	ints := []struct {
		name string
		dst  *int64
	}{{"actor_id", &f.ActorID}, {"before_id", &f.BeforeID}}
	for _, p := range ints {
		if v := c.Query(p.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return f, badQuery(p.name, "want a positive number")
			}
			*p.dst = n
		}
	}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxAuditPage {
			return f, badQuery("limit", "want 1 to 200")
		}
		f.Limit = n
	}
	return f, timeRange(c, &f.Since, &f.Until)
}

// timeRange reads the query's since and until, RFC 3339 times.
func timeRange(c *fiber.Ctx, since, until *time.Time) error {
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"since", since}, {"until", until}} {
		if v := c.Query(p.name); v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return badQuery(p.name, "want an RFC 3339 time such as 2026-01-02T15:04:05Z")
			}
			*p.dst = t
		}
	}
	return nil
}

func badQuery(name, msg string) error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_query", Message: name + ": " + msg,
		Details: map[string]string{"field": name, "message": msg}}
}

func (s *Server) getSecurity(c *fiber.Ctx) error {
	on, err := s.auth.Require2FA(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(securitySettings{Require2FA: on})
}

func (s *Server) putSecurity(c *fiber.Ctx) error {
	var req securitySettings
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.auth.SetRequire2FA(c.UserContext(), req.Require2FA); err != nil {
		return err
	}
	return c.JSON(req)
}
