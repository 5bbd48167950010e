package api

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

type userCreate struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Role     string `json:"role" enum:"viewer,operator,admin"`
}

type userPatch struct {
	Role     *string `json:"role,omitempty" enum:"viewer,operator,admin"`
	Disabled *bool   `json:"disabled,omitempty"`
}

type passwordReset struct {
	Password string `json:"password"`
}

type revoked struct {
	Revoked int `json:"revoked"`
}

func (s *Server) userRoutes(v1 fiber.Router) {
	tags, admin := []string{"users"}, auth.RoleAdmin
	s.handle(v1, route{method: get, path: "/users", access: admin, summary: "List users", tags: tags, response: []userView{}}, s.listUsers)
	s.handle(v1, route{method: post, path: "/users", access: admin, summary: "Create a user", tags: tags, request: userCreate{}, response: userView{}, status: http.StatusCreated}, s.createUser)
	s.handle(v1, route{method: get, path: "/users/:id", access: admin, summary: "One user", tags: tags, response: userView{}}, s.getUser)
	s.handle(v1, route{method: patch, path: "/users/:id", access: admin, summary: "Change a user's role or disable it (signs it out)", tags: tags, request: userPatch{}, response: userView{}}, s.patchUser)
	s.handle(v1, route{method: delete, path: "/users/:id", access: admin, summary: "Delete a user (never the last admin)", tags: tags, status: http.StatusNoContent}, s.deleteUser)
	s.handle(v1, route{method: post, path: "/users/:id/password", access: admin, summary: "Set a user's password (signs it out)", tags: tags, request: passwordReset{}, status: http.StatusNoContent}, s.resetPassword)
	s.handle(v1, route{method: get, path: "/users/:id/sessions", access: admin, summary: "A user's sessions", tags: tags, response: []sessionView{}}, s.userSessions)
	s.handle(v1, route{method: delete, path: "/users/:id/sessions", access: admin, summary: "Revoke all of a user's sessions", tags: tags, response: revoked{}}, s.revokeUserSessions)
}

func (s *Server) listUsers(c *fiber.Ctx) error {
	list, err := s.auth.Users(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(viewUsers(list))
}

func (s *Server) createUser(c *fiber.Ctx) error {
	var req userCreate
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	c.Locals(localAuditTarget, "username="+req.Username)
	u, err := s.auth.CreateUser(c.UserContext(), auth.NewUser{Username: req.Username, Password: req.Password, Role: auth.Role(req.Role)})
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(viewUser(u))
}

func (s *Server) getUser(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	u, err := s.auth.User(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(viewUser(u))
}

func (s *Server) patchUser(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	var req userPatch
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := s.auth.UpdateUser(c.UserContext(), id, auth.UserChange{Role: (*auth.Role)(req.Role), Disabled: req.Disabled})
	if err != nil {
		return err
	}
	return c.JSON(viewUser(u))
}

func (s *Server) deleteUser(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := s.auth.DeleteUser(c.UserContext(), id); err != nil {
		return err
	}
	return noContent(c)
}

func (s *Server) resetPassword(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	var req passwordReset
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := s.auth.ResetPassword(c.UserContext(), id, req.Password); err != nil {
		return err
	}
	return noContent(c)
}

func (s *Server) userSessions(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if _, err := s.auth.User(c.UserContext(), id); err != nil {
		return err
	}
	list, err := s.auth.Sessions(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(viewSessions(list, ""))
}

func (s *Server) revokeUserSessions(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if _, err := s.auth.User(c.UserContext(), id); err != nil {
		return err
	}
	n, err := s.auth.RevokeSessions(c.UserContext(), id, "")
	if err != nil {
		return err
	}
	return c.JSON(revoked{Revoked: n})
}
