package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/openapi"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/sdk"
)

// resourceView is a plugin's resource as the API shows it.
type resourceView struct {
	Kind string          `json:"kind"`
	ID   string          `json:"id"`
	Data json.RawMessage `json:"data" doc:"valid against the kind's JSON Schema in the plugin's manifest"`
}

type resourcePage struct {
	Items     []resourceView `json:"items"`
	NextToken string         `json:"next_page_token,omitempty"`
}

func viewResource(r sdk.Resource) resourceView {
	return resourceView{Kind: r.Kind, ID: r.ID, Data: r.JSON}
}

func (s *Server) pluginResourceRoutes(v1 fiber.Router) {
	tags := []string{"plugins"}
	base := "/plugins/:id/resources/:kind"
	page := []openapi.Param{{Name: "page_size", Type: "integer", Description: "1 to 500"}, {Name: "page_token", Type: "string", Description: "from the previous page"}}
	s.handle(v1, route{method: get, path: base, access: auth.RoleViewer, summary: "List a plugin's resources of a kind", tags: tags, response: resourcePage{}, query: page}, s.listResources)
	s.handle(v1, route{method: post, path: base, access: auth.RoleOperator, summary: "Create a resource (the plugin validates it)", tags: tags, request: json.RawMessage{}, response: resourceView{}, status: http.StatusCreated}, s.applyResource)
	s.handle(v1, route{method: get, path: base + "/:rid", access: auth.RoleViewer, summary: "One resource", tags: tags, response: resourceView{}}, s.getResource)
	s.handle(v1, route{method: put, path: base + "/:rid", access: auth.RoleOperator, summary: "Replace a resource", tags: tags, request: json.RawMessage{}, response: resourceView{}}, s.applyResource)
	s.handle(v1, route{method: delete, path: base + "/:rid", access: auth.RoleOperator, summary: "Delete a resource", tags: tags, status: http.StatusNoContent}, s.deleteResource)
	s.handle(v1, route{method: post, path: "/plugins/:id/actions/:name", access: auth.RoleOperator, summary: "Run an action; answers 202 with the task that reports its progress", tags: tags, request: json.RawMessage{}, response: store.Task{}, status: http.StatusAccepted}, s.invokeAction)
}

func (s *Server) listResources(c *fiber.Ctx) error {
	req := sdk.PageRequest{Token: c.Query("page_token")}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			return badQuery("page_size", "want 1 to 500")
		}
		req.Size = n
	}
	p, err := s.plugins.ListResources(c.UserContext(), c.Params("id"), c.Params("kind"), req)
	if err != nil {
		return err
	}
	out := resourcePage{Items: make([]resourceView, len(p.Items)), NextToken: p.NextToken}
	for i, r := range p.Items {
		out.Items[i] = viewResource(r)
	}
	return c.JSON(out)
}

func (s *Server) getResource(c *fiber.Ctx) error {
	r, err := s.plugins.GetResource(c.UserContext(), c.Params("id"), c.Params("kind"), c.Params("rid"))
	if err != nil {
		return err
	}
	return c.JSON(viewResource(r))
}

// applyResource creates (POST) or replaces (PUT) a resource.
func (s *Server) applyResource(c *fiber.Ctx) error {
	body := c.Body()
	if !json.Valid(body) {
		return &Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "the body must be a JSON value"}
	}
	rid := c.Params("rid")
	r, err := s.plugins.ApplyResource(c.UserContext(), c.Params("id"), c.Params("kind"), rid, json.RawMessage(body))
	if err != nil {
		return err
	}
	status := http.StatusOK
	if rid == "" {
		status = http.StatusCreated
	}
	return c.Status(status).JSON(viewResource(r))
}

func (s *Server) deleteResource(c *fiber.Ctx) error {
	if err := s.plugins.DeleteResource(c.UserContext(), c.Params("id"), c.Params("kind"), c.Params("rid")); err != nil {
		return err
	}
	return noContent(c)
}

func (s *Server) invokeAction(c *fiber.Ctx) error {
	body := c.Body()
	if len(body) == 0 {
		body = []byte("{}")
	}
	if !json.Valid(body) {
		return &Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "the body must be the action's JSON input"}
	}
	id := identity(c)
	task, err := s.plugins.Invoke(c.UserContext(), c.Params("id"), c.Params("name"), json.RawMessage(body),
		tasks.Spec{ActorID: &id.UserID, Actor: id.Actor()})
	if err != nil {
		return err
	}
	c.Locals(localAuditTarget, "task="+task.ID)
	return c.Status(http.StatusAccepted).JSON(task)
}
