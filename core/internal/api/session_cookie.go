package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

// setSession sends the session cookie: HttpOnly, SameSite=Strict, and Secure
// whenever the client reached us over TLS.
func (s *Server) setSession(c *fiber.Ctx, res auth.LoginResult) {
	c.Cookie(&fiber.Cookie{
		Name: SessionCookie, Value: res.Token, Path: "/", Expires: res.Session.ExpiresAt,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: s.scheme(c) == "https",
	})
}

func (s *Server) clearSession(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name: SessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
		HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode, Secure: s.scheme(c) == "https",
	})
}

// paramID reads the :id route parameter as a positive number.
func paramID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &Error{Status: http.StatusBadRequest, Code: "invalid_param", Message: "id: want a positive number",
			Details: map[string]string{"field": "id", "message": "want a positive number"}}
	}
	return id, nil
}

func noContent(c *fiber.Ctx) error { return c.SendStatus(http.StatusNoContent) }
