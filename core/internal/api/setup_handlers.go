package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

type setupState struct {
	Needed bool `json:"needed" doc:"true until the first admin exists"`
}

type setupRequest struct {
	Token    string `json:"token" doc:"from the one-time link that diwan serve prints"`
	Username string `json:"username"`
	Password string `json:"password"`
}

func (s *Server) setupRoutes(v1 fiber.Router) {
	s.handle(v1, route{method: get, path: "/setup", access: Public, summary: "Whether the first admin must still be created", tags: []string{"setup"}, response: setupState{}}, s.setupState)
	s.handle(v1, route{method: post, path: "/setup", access: Public, summary: "Create the first admin with the one-time setup token", tags: []string{"setup"},
		request: setupRequest{}, response: signedIn{}, status: http.StatusCreated, selfAudit: true}, s.completeSetup)
}

func (s *Server) setupState(c *fiber.Ctx) error {
	needed, err := s.auth.SetupNeeded(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(setupState{Needed: needed})
}

func (s *Server) completeSetup(c *fiber.Ctx) error {
	var req setupRequest
	err := decodeJSON(c, &req)
	var res auth.LoginResult
	if err == nil {
		res, err = s.auth.CompleteSetup(c.UserContext(), req.Token, auth.NewUser{Username: req.Username, Password: req.Password},
			s.proxies.clientIP(c).String(), c.Get(fiber.HeaderUserAgent))
	}
	s.recordSignIn(c, "auth.setup", req.Username, err)
	if err != nil {
		return err
	}
	s.setSession(c, res)
	return c.Status(http.StatusCreated).JSON(viewSignedIn(res.Session))
}

// recordSignIn audits a sign-in attempt under the name that was tried.
func (s *Server) recordSignIn(c *fiber.Ctx, action, username string, err error) {
	status := http.StatusOK
	if err != nil {
		status = toAPIError(err).Status
	}
	e := s.auditEntry(c, nil, action, "", status)
	e.Actor, e.Via = username, "password"
	s.audit.Record(c.UserContext(), e)
}
