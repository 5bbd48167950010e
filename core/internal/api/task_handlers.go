package api

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/openapi"
	"github.com/diwanpanel/diwan/core/internal/store"
)

type taskDetail struct {
	store.Task
	Logs []store.TaskLog `json:"logs"`
}

var taskStates = []string{store.TaskRunning, store.TaskSucceeded, store.TaskFailed, store.TaskInterrupted}

func (s *Server) taskRoutes(v1 fiber.Router) {
	tags := []string{"tasks"}
	query := []openapi.Param{
		{Name: "state", Type: "string", Description: "running, succeeded, failed or interrupted"},
		{Name: "limit", Type: "integer", Description: "1 to 200, default 50"},
	}
	s.handle(v1, route{method: get, path: "/tasks", access: auth.RoleViewer, summary: "Recent tasks, newest first (live changes arrive on /api/v1/events)", tags: tags, response: []store.Task{}, query: query}, s.listTasks)
	s.handle(v1, route{method: get, path: "/tasks/:id", access: auth.RoleViewer, summary: "One task with its log", tags: tags, response: taskDetail{}}, s.getTask)
}

func (s *Server) listTasks(c *fiber.Ctx) error {
	state := c.Query("state")
	if state != "" && !slices.Contains(taskStates, state) {
		return badQuery("state", "want running, succeeded, failed or interrupted")
	}
	limit := 50
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return badQuery("limit", "want 1 to 200")
		}
		limit = n
	}
	list, err := s.tasks.List(c.UserContext(), state, limit)
	if err != nil {
		return err
	}
	return c.JSON(list)
}

func (s *Server) getTask(c *fiber.Ctx) error {
	t, logs, err := s.tasks.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.Status(http.StatusOK).JSON(taskDetail{Task: t, Logs: logs})
}
