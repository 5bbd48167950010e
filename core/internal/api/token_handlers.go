package api

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

type tokenCreate struct {
	Name      string    `json:"name"`
	Role      string    `json:"role" enum:"viewer,operator,admin" doc:"at most your own role"`
	ExpiresAt time.Time `json:"expires_at" doc:"within a year"`
}

type tokenCreated struct {
	Token string `json:"token" doc:"shown once: send as Authorization: Bearer TOKEN"`
	tokenView
}

func (s *Server) tokenRoutes(v1 fiber.Router) {
	tags := []string{"tokens"}
	s.handle(v1, route{method: get, path: "/tokens", access: auth.RoleViewer, summary: "Own API tokens", tags: tags, response: []tokenView{}}, s.listTokens)
	s.handle(v1, route{method: post, path: "/tokens", access: auth.RoleViewer, summary: "Create an API token (from a session only)", tags: tags, request: tokenCreate{}, response: tokenCreated{}, status: http.StatusCreated}, s.createToken)
	s.handle(v1, route{method: delete, path: "/tokens/:id", access: auth.RoleViewer, summary: "Revoke an own API token", tags: tags, status: http.StatusNoContent}, s.deleteToken)
}

func (s *Server) listTokens(c *fiber.Ctx) error {
	list, err := s.auth.Tokens(c.UserContext(), identity(c).UserID)
	if err != nil {
		return err
	}
	out := make([]tokenView, len(list))
	for i, t := range list {
		out[i] = viewToken(t)
	}
	return c.JSON(out)
}

func (s *Server) createToken(c *fiber.Ctx) error {
	var req tokenCreate
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	c.Locals(localAuditTarget, "name="+req.Name)
	plain, t, err := s.auth.CreateToken(c.UserContext(), identity(c), auth.NewToken{Name: req.Name, Role: auth.Role(req.Role), ExpiresAt: req.ExpiresAt})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(tokenCreated{Token: plain, tokenView: viewToken(t)})
}

func (s *Server) deleteToken(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := s.auth.DeleteToken(c.UserContext(), identity(c).UserID, id); err != nil {
		return err
	}
	return noContent(c)
}
