package api

import (
	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/buildinfo"
)

// version answers the running binary's build description.
func (s *Server) version(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(buildinfo.Get())
}
