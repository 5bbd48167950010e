package api

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/auth"
)

// Every route, called by every kind of caller: nothing answers 2xx to a
// caller below the route's role, and nothing answers 5xx to anyone.
func TestRouteTableAccess(t *testing.T) {
	s := newTestServer(t, nil, nil)
	targetID := s.mkUser(t, "target", auth.RoleViewer)
	names := map[auth.Role]string{auth.RoleViewer: "vera", auth.RoleOperator: "otto", auth.RoleAdmin: "ada"}
	ids := map[auth.Role]int64{}
	for role, name := range names {
		ids[role] = s.mkUser(t, name, role)
	}
	// Fresh credentials for every call: a route may revoke what it is given.
	newToken := func(role auth.Role) *client {
		owner := &auth.Identity{UserID: ids[role], Username: names[role], Role: role, Via: auth.ViaSession}
		plain, _, err := s.auth.CreateToken(t.Context(), owner, auth.NewToken{Name: "walk", Role: role, ExpiresAt: s.clock.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		return &client{t: t, s: s, token: plain, header: http.Header{}}
	}
	type caller struct {
		name string
		role auth.Role // "" for anonymous
		get  func() *client
	}
	callers := []caller{{name: "anonymous", get: func() *client { return s.anon(t) }}}
	for _, role := range auth.Roles() {
		callers = append(callers,
			caller{name: "session-" + string(role), role: role, get: func() *client { return s.login(t, names[role]) }},
			caller{name: "token-" + string(role), role: role, get: func() *client { return newToken(role) }})
	}
	if len(s.routes) < 30 {
		t.Fatalf("only %d routes declared", len(s.routes))
	}
	for _, rt := range s.routes {
		path := strings.ReplaceAll(rt.path, ":id", itoa(targetID))
		for _, cl := range callers {
			allowed := rt.public() || (cl.role != "" && cl.role.AtLeast(rt.access))
			if allowed && rt.path == Prefix+"/events" {
				continue // an endless stream: see TestEventStream
			}
			resp, body := cl.get().do(rt.method, path, "{}")
			switch {
			case resp.StatusCode >= 500:
				t.Errorf("%s %s as %s: %d %s", rt.method, rt.path, cl.name, resp.StatusCode, body)
			case !allowed && resp.StatusCode < 300:
				t.Errorf("%s %s (%s) answered %d to %s", rt.method, rt.path, rt.access, resp.StatusCode, cl.name)
			case !allowed && cl.role == "" && resp.StatusCode != 401:
				t.Errorf("%s %s: anonymous got %d, want 401", rt.method, rt.path, resp.StatusCode)
			case !allowed && cl.role != "" && resp.StatusCode != 403:
				t.Errorf("%s %s: %s got %d, want 403", rt.method, rt.path, cl.name, resp.StatusCode)
			}
		}
	}
}

// A route added without an access declaration stops the server.
func TestUndeclaredRouteRefused(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.App().Get("/api/v1/sneaky", func(*fiber.Ctx) error { return nil })
	if err := s.checkRoutes(); err == nil || !strings.Contains(err.Error(), "/api/v1/sneaky") {
		t.Fatalf("checkRoutes = %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
