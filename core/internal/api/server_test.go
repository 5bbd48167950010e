package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/buildinfo"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

func TestHealthLiveAndReady(t *testing.T) {
	var dbErr error
	s := newTestServer(t, nil, map[string]health.CheckFunc{
		"database": func(context.Context) error { return dbErr },
	})
	if resp := s.do(t, "GET", "/health/live", nil); resp.StatusCode != 200 {
		t.Fatalf("live = %d", resp.StatusCode)
	}
	var report health.Report
	resp := s.do(t, "GET", "/health/ready", nil)
	readJSON(t, resp, &report)
	if resp.StatusCode != 200 || report.Status != "ok" || report.Checks["database"].Status != "ok" {
		t.Fatalf("ready = %d %+v", resp.StatusCode, report)
	}

	dbErr = errors.New("dial tcp 10.1.2.3:5432: connection refused")
	s2 := newTestServer(t, nil, map[string]health.CheckFunc{
		"database": func(context.Context) error { return dbErr },
		"redis":    func(context.Context) error { return nil },
	})
	resp = s2.do(t, "GET", "/health/ready", nil)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 503 {
		t.Fatalf("ready with a failing check = %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), `"database":{"status":"unavailable"`) || !strings.Contains(string(body), `"redis":{"status":"ok"`) {
		t.Fatalf("report does not name each check: %s", body)
	}
	if strings.Contains(string(body), "10.1.2.3") {
		t.Fatalf("public report leaks the error: %s", body)
	}
	if !strings.Contains(s2.logs.String(), "10.1.2.3") {
		t.Fatalf("the error was not logged: %s", s2.logs.String())
	}
}

func TestVersionRoute(t *testing.T) {
	s := newTestServer(t, nil, nil)
	var info buildinfo.Info
	resp := s.do(t, "GET", "/api/v1/version", nil)
	readJSON(t, resp, &info)
	if resp.StatusCode != 200 || info != buildinfo.Get() {
		t.Fatalf("version = %d %+v", resp.StatusCode, info)
	}
}

func TestErrorsAreMappedToOneShape(t *testing.T) {
	s := newTestServer(t, nil, nil)
	app := s.App()
	app.Get("/t/api-error", func(*fiber.Ctx) error {
		return &Error{Status: 422, Code: "invalid", Message: "bad field", Details: map[string]string{"name": "required"}}
	})
	app.Get("/t/not-found", func(*fiber.Ctx) error { return fmt.Errorf("load: %w", store.ErrNotFound) })
	app.Get("/t/internal", func(*fiber.Ctx) error { return errors.New("secret path /etc/shadow") })
	app.Get("/t/panic", func(*fiber.Ctx) error { panic("kaboom") })

	cases := []struct {
		path, code string
		status     int
	}{
		{"/t/api-error", "invalid", 422},
		{"/t/not-found", "not_found", 404},
		{"/t/internal", "internal", 500},
		{"/t/panic", "internal", 500},
		{"/api/v1/no-such-route", "not_found", 404},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			resp := s.do(t, "GET", tc.path, nil)
			var env errorEnvelope
			readJSON(t, resp, &env)
			if resp.StatusCode != tc.status || env.Error.Code != tc.code || env.Error.Message == "" {
				t.Fatalf("got %d %+v", resp.StatusCode, env)
			}
			if env.Error.RequestID == "" || env.Error.RequestID != resp.Header.Get(HeaderRequestID) {
				t.Fatalf("request id %q vs header %q", env.Error.RequestID, resp.Header.Get(HeaderRequestID))
			}
			if strings.Contains(env.Error.Message, "shadow") || strings.Contains(env.Error.Message, "kaboom") {
				t.Fatalf("internal detail leaked: %q", env.Error.Message)
			}
		})
	}
	logs := s.logs.String()
	if !strings.Contains(logs, "/etc/shadow") || !strings.Contains(logs, "kaboom") {
		t.Fatalf("server errors were not logged:\n%s", logs)
	}
	if n := strings.Count(logs, "secret path /etc/shadow"); n != 1 {
		t.Fatalf("internal error logged %d times, want once", n)
	}
	var env errorEnvelope
	readJSON(t, s.do(t, "GET", "/t/api-error", nil), &env)
	if string(env.Error.Details) != `{"name":"required"}` {
		t.Fatalf("details = %s", env.Error.Details)
	}
}

func TestWrongMethodIsJSON(t *testing.T) {
	s := newTestServer(t, nil, nil)
	resp := s.do(t, "DELETE", "/api/v1/version", nil)
	var env errorEnvelope
	readJSON(t, resp, &env)
	if resp.StatusCode != http.StatusMethodNotAllowed || env.Error.Code != "method_not_allowed" {
		t.Fatalf("got %d %+v", resp.StatusCode, env)
	}
}

func TestSecurityHeaders(t *testing.T) {
	for _, tls := range []bool{false, true} {
		s := newTestServer(t, func(c *config.Config) {
			if tls {
				c.Server.TLSCert, c.Server.TLSKey = "cert.pem", "key.pem"
			}
		}, nil)
		for _, path := range []string{"/api/v1/version", "/api/v1/missing"} {
			h := s.do(t, "GET", path, nil).Header
			for name, want := range map[string]string{
				"X-Content-Type-Options": "nosniff",
				"X-Frame-Options":        "DENY",
				"Referrer-Policy":        "no-referrer",
				"Cache-Control":          "no-store",
			} {
				if got := h.Get(name); got != want {
					t.Errorf("%s: %s = %q, want %q", path, name, got, want)
				}
			}
			if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("%s: CSP = %q", path, h.Get("Content-Security-Policy"))
			}
			if hsts := h.Get("Strict-Transport-Security"); (hsts != "") != tls {
				t.Errorf("%s: HSTS %q with tls=%v", path, hsts, tls)
			}
		}
	}
}

func TestRequestID(t *testing.T) {
	s := newTestServer(t, nil, nil)
	if got := s.do(t, "GET", "/health/live", nil, HeaderRequestID, "proxy-abc.123").Header.Get(HeaderRequestID); got != "proxy-abc.123" {
		t.Fatalf("a valid incoming id was replaced by %q", got)
	}
	for _, bad := range []string{"a b", "x\"y", strings.Repeat("a", 65), "id;drop"} {
		got := s.do(t, "GET", "/health/live", nil, HeaderRequestID, bad).Header.Get(HeaderRequestID)
		if got == bad || !validRequestID(got) {
			t.Fatalf("bad incoming id %q kept as %q", bad, got)
		}
	}
	a := s.do(t, "GET", "/health/live", nil).Header.Get(HeaderRequestID)
	b := s.do(t, "GET", "/health/live", nil).Header.Get(HeaderRequestID)
	if a == "" || a == b {
		t.Fatalf("generated ids %q, %q", a, b)
	}
}

func TestBodyLimit(t *testing.T) {
	s := newTestServer(t, func(c *config.Config) { c.Server.BodyLimit = 1024 }, nil)
	s.App().Post("/t/echo", func(c *fiber.Ctx) error { return c.Send(c.Body()) })
	base := s.listen(t)
	post := func(n int) *http.Response {
		resp, err := http.Post(base+"/t/echo", "text/plain", strings.NewReader(strings.Repeat("a", n)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = resp.Body.Close() })
		return resp
	}
	if resp := post(1000); resp.StatusCode != 200 {
		t.Fatalf("small body = %d", resp.StatusCode)
	}
	resp := post(4096)
	var env errorEnvelope
	readJSON(t, resp, &env)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || env.Error.Code != "request_entity_too_large" {
		t.Fatalf("large body = %d %+v", resp.StatusCode, env)
	}
}

func TestRequestMetrics(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.handle(s.App(), route{method: "GET", path: "/t/item/:id", access: Public}, func(c *fiber.Ctx) error { return c.SendString(c.Params("id")) })
	for range 3 {
		s.do(t, "GET", "/api/v1/version", nil)
	}
	s.do(t, "GET", "/t/item/1", nil)
	s.do(t, "GET", "/t/item/2", nil)
	s.do(t, "GET", "/random/path/abc", nil)
	body, _ := io.ReadAll(s.do(t, "GET", "/metrics", nil).Body)
	text := string(body)
	for _, want := range []string{
		`diwan_http_requests_total{route="/api/v1/version",method="GET",status="200"} 3`,
		`diwan_http_requests_total{route="/t/item/:id",method="GET",status="200"} 2`,
		`diwan_http_requests_total{route="unmatched",method="GET",status="404"} 1`,
		`diwan_http_request_duration_seconds_bucket{route="/api/v1/version",method="GET",status="200",le="+Inf"} 3`,
		`# TYPE diwan_http_requests_total counter`,
		`go_goroutines`, `process_resident_memory_bytes`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(text, "/random/path") {
		t.Error("a raw path became a label")
	}
	testsvc.CheckMetrics(t, text) // Prometheus's own linter accepts the whole
}
