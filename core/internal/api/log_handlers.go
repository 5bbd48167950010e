package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/logstore"
	"github.com/diwanpanel/diwan/core/internal/openapi"
)

var logQuery = []openapi.Param{
	{Name: "source", Type: "string", Description: `"core", a part such as "http", "plugin.<id>", or a prefix ending in "." such as "plugin."`},
	{Name: "level", Type: "string", Description: "the least severe level: trace, debug, info, warn or error"},
	{Name: "since", Type: "string", Description: "RFC 3339 time, inclusive"},
	{Name: "until", Type: "string", Description: "RFC 3339 time, exclusive"},
	{Name: "q", Type: "string", Description: "text in the message or a field, any case"},
	{Name: "limit", Type: "integer", Description: "1 to 1000, default 200"},
}

func (s *Server) logRoutes(v1 fiber.Router) {
	s.handle(v1, route{method: get, path: "/logs", access: auth.RoleOperator, summary: "The panel's log (the core's and every plugin's lines), newest first", tags: []string{"logs"}, response: []logstore.Entry{}, query: logQuery}, s.queryLogs)
}

func (s *Server) queryLogs(c *fiber.Ctx) error {
	if s.cfg.Log.Dir == "" {
		return &Error{Status: http.StatusNotFound, Code: "not_found", Message: "the log is not kept: log.dir is empty"}
	}
	f, err := logFilter(c)
	if err != nil {
		return err
	}
	list, err := logstore.Reader{Dir: s.cfg.Log.Dir}.Query(f)
	if err != nil {
		return err
	}
	return c.JSON(list)
}

// logFilter reads the query, naming the first bad parameter.
func logFilter(c *fiber.Ctx) (logstore.Filter, error) {
	f := logstore.Filter{Source: c.Query("source"), Level: c.Query("level"), Text: c.Query("q"), Limit: 200}
	if f.Level != "" && !slices.Contains(logstore.Levels, f.Level) {
		return f, badQuery("level", "want one of "+strings.Join(logstore.Levels, ", "))
	}
	if len(f.Source) > 64 {
		return f, badQuery("source", "want at most 64 characters")
	}
	if len(f.Text) > 256 {
		return f, badQuery("q", "want at most 256 characters")
	}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > logstore.MaxLimit {
			return f, badQuery("limit", "want 1 to 1000")
		}
		f.Limit = n
	}
	return f, timeRange(c, &f.Since, &f.Until)
}
