package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// infoRequests lists "METHOD path" of the access lines logged at info.
func infoRequests(t *testing.T, logs string) []string {
	t.Helper()
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var e map[string]any
		if json.Unmarshal([]byte(line), &e) != nil {
			continue
		}
		if e["@level"] == "info" && e["@message"] == "request" {
			out = append(out, e["method"].(string)+" "+e["path"].(string))
		}
	}
	return out
}

func TestAccessLogPolicy(t *testing.T) {
	for _, tc := range []struct {
		access string
		want   []string
	}{
		{"all", []string{"GET /api/v1/version", "GET /api/v1/nope", "POST /api/v1/auth/login"}},
		{"changes", []string{"GET /api/v1/nope", "POST /api/v1/auth/login"}},
		{"off", nil},
	} {
		t.Run(tc.access, func(t *testing.T) {
			s := newTestServer(t, func(c *config.Config) { c.Log.Access = tc.access }, nil)
			c := s.anon(t)
			c.do("GET", "/api/v1/version", nil)
			c.do("GET", "/health/live", nil)
			c.do("GET", "/api/v1/nope", nil)
			c.do("POST", "/api/v1/auth/login", loginRequest{Username: "x", Password: "y"})
			got := infoRequests(t, s.logs.String())
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("info lines %v, want %v", got, tc.want)
			}
			if !strings.Contains(s.logs.String(), `"path":"/health/live"`) {
				t.Fatal("the probe is not even at debug level")
			}
		})
	}
}
