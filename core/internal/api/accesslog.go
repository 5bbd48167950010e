package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// accessLog writes one line per request after it is answered. Probes and
// scrapes go to debug so they do not bury the requests people make.
func (s *Server) accessLog(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	log := s.log.Info
	if strings.HasPrefix(c.Path(), "/health/") || c.Path() == "/metrics" {
		log = s.log.Debug
	}
	log("request",
		"method", c.Method(),
		"path", c.Path(),
		"status", c.Response().StatusCode(),
		"duration_ms", float64(time.Since(start).Microseconds())/1000,
		"ip", s.proxies.clientIP(c).String(),
		"request_id", requestID(c),
	)
	return err
}
