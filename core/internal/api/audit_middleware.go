package api

import (
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/store"
)

const localAuditTarget = "diwan.audit_target"

// auditMiddleware records every change request after it is answered,
// refusals included: who, the route, its target, the client address and
// the result.
func (s *Server) auditMiddleware(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		if herr := s.errorHandler(c, err); herr != nil {
			return herr
		}
	}
	status := c.Response().StatusCode()
	s.audit.Record(c.UserContext(), s.auditEntry(c, identity(c), c.Method()+" "+c.Route().Path, auditTarget(c), status))
	return nil
}

// auditEntry fills in who and from where for action on target.
func (s *Server) auditEntry(c *fiber.Ctx, id *auth.Identity, action, target string, status int) store.AuditEntry {
	e := store.AuditEntry{
		Actor: id.Actor(), Via: "anonymous", IP: s.proxies.clientIP(c).String(),
		Action: action, Target: target, Result: audit.ResultOf(status), Status: status,
	}
	if id != nil {
		e.ActorID, e.Via = &id.UserID, id.Via
	}
	return e
}

// auditTarget is what a handler named as its target, else the route's
// parameters ("id=5").
func auditTarget(c *fiber.Ctx) string {
	if t, ok := c.Locals(localAuditTarget).(string); ok {
		return t
	}
	params := c.AllParams()
	parts := make([]string, 0, len(params))
	for k, v := range params {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}
