package api

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
)

type pluginLogs struct {
	Lines []string `json:"lines" doc:"the plugin's last standard-error lines, oldest first"`
}

func (s *Server) pluginRoutes(v1 fiber.Router) {
	tags := []string{"plugins"}
	s.handle(v1, route{method: get, path: "/plugins", access: auth.RoleViewer, summary: "Installed plugins with their state and granted permissions", tags: tags, response: []pluginhost.Status{}}, s.listPlugins)
	s.handle(v1, route{method: get, path: "/plugins/:id", access: auth.RoleViewer, summary: "One plugin", tags: tags, response: pluginhost.Status{}}, s.getPlugin)
	s.handle(v1, route{method: post, path: "/plugins/:id/enable", access: auth.RoleAdmin, summary: "Grant the permissions the plugin asks for and start it", tags: tags, response: pluginhost.Status{}}, s.pluginAction((*pluginhost.Manager).Enable))
	s.handle(v1, route{method: post, path: "/plugins/:id/disable", access: auth.RoleAdmin, summary: "Stop the plugin and disable it", tags: tags, response: pluginhost.Status{}}, s.pluginAction((*pluginhost.Manager).Disable))
	s.handle(v1, route{method: post, path: "/plugins/:id/restart", access: auth.RoleOperator, summary: "Restart an enabled plugin", tags: tags, response: pluginhost.Status{}}, s.pluginAction((*pluginhost.Manager).Restart))
	s.handle(v1, route{method: get, path: "/plugins/:id/settings", access: auth.RoleAdmin, summary: "The plugin's settings", tags: tags, response: json.RawMessage{}}, s.pluginSettings)
	s.handle(v1, route{method: put, path: "/plugins/:id/settings", access: auth.RoleAdmin, summary: "Replace the plugin's settings (a running plugin validates them first)", tags: tags, request: json.RawMessage{}, response: json.RawMessage{}}, s.putPluginSettings)
	s.handle(v1, route{method: get, path: "/plugins/:id/manifest", access: auth.RoleViewer, summary: "The plugin's manifest: names, permissions with reasons, settings schema, resource kinds (JSON Schema, columns) and actions (input schema)", tags: tags, response: json.RawMessage{}}, s.pluginManifest)
	s.handle(v1, route{method: get, path: "/plugins/:id/logs", access: auth.RoleOperator, summary: "The plugin's recent log lines", tags: tags, response: pluginLogs{}}, s.pluginLogs)
}

func (s *Server) listPlugins(c *fiber.Ctx) error {
	list, err := s.plugins.List(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(list)
}

func (s *Server) getPlugin(c *fiber.Ctx) error {
	st, err := s.plugins.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(st)
}

// pluginAction answers a state change with the plugin's new status.
func (s *Server) pluginAction(do func(*pluginhost.Manager, context.Context, string) (pluginhost.Status, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		st, err := do(s.plugins, c.UserContext(), c.Params("id"))
		if err != nil {
			return err
		}
		return c.JSON(st)
	}
}

func (s *Server) pluginSettings(c *fiber.Ctx) error {
	settings, err := s.plugins.Settings(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(settings)
}

func (s *Server) putPluginSettings(c *fiber.Ctx) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(c.Body(), &obj); err != nil || obj == nil {
		return &Error{Status: http.StatusBadRequest, Code: "invalid_body", Message: "settings must be a JSON object"}
	}
	settings, err := s.plugins.PutSettings(c.UserContext(), c.Params("id"), json.RawMessage(c.Body()))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(settings)
}

func (s *Server) pluginLogs(c *fiber.Ctx) error {
	lines, err := s.plugins.Logs(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(pluginLogs{Lines: lines})
}

// pluginManifest answers the plugin's manifest as the catalog keeps it
// (read from the pinned binary at install and at every enable). An entry
// from before the catalog kept manifests is described from its binary,
// verified first.
func (s *Server) pluginManifest(c *fiber.Ctx) error {
	st, err := s.plugins.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	manifest := st.Manifest
	if string(manifest) == "null" {
		if _, manifest, err = pluginhost.DescribeBinary(c.UserContext(), st.BinaryPath, st.SHA256); err != nil {
			return err
		}
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(manifest)
}
