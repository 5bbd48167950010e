package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// slowRequest is when a successful read is worth an info line anyway.
const slowRequest = time.Second

// accessLog writes one line per request after it is answered: at info level
// as log.access chooses, at debug level otherwise (probes and scrapes always
// go to debug, so they do not bury the requests people make).
func (s *Server) accessLog(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	took := time.Since(start)
	log := s.log.Debug
	if s.infoWorthy(c, took) {
		log = s.log.Info
	} else if !s.log.IsDebug() {
		return err
	}
	log("request",
		"method", c.Method(),
		"path", c.Path(),
		"status", c.Response().StatusCode(),
		"duration_ms", float64(took.Microseconds())/1000,
		"ip", s.proxies.clientIP(c).String(),
		"request_id", requestID(c),
	)
	return err
}

// infoWorthy applies log.access: "changes" keeps changes, failures and slow
// requests; successful reads are counted in the request metrics instead.
func (s *Server) infoWorthy(c *fiber.Ctx, took time.Duration) bool {
	switch s.cfg.Log.Access {
	case "off":
		return false
	case "all":
		return !probe(c.Path())
	}
	return !probe(c.Path()) && (isMutating(c.Method()) || c.Response().StatusCode() >= 400 || took >= slowRequest)
}

func probe(path string) bool { return strings.HasPrefix(path, "/health/") || path == "/metrics" }
