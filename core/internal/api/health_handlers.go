package api

import (
	"github.com/gofiber/fiber/v2"
)

type liveBody struct {
	Status string `json:"status"`
}

// live answers 200 while the process serves requests.
func (s *Server) live(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(liveBody{Status: "ok"})
}

// ready answers 200 when every dependency answers, 503 otherwise, naming
// each check.
func (s *Server) ready(c *fiber.Ctx) error {
	report := s.health.Ready(c.UserContext())
	c.Set(fiber.HeaderCacheControl, "no-store")
	if !report.OK() {
		c.Status(fiber.StatusServiceUnavailable)
	}
	return c.JSON(report)
}

// prometheus writes every metric in Prometheus text format.
func (s *Server) prometheus(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "text/plain; version=0.0.4; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-store")
	s.metrics.WritePrometheus(c.Response().BodyWriter())
	return nil
}
