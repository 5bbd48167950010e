package webui

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
)

var bigScript = strings.Repeat("console.log('diwan');\n", 200)

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"index.html":          {Data: []byte(`<!doctype html><script type="module" src="/assets/index-abc.js"></script>`)},
		"assets/index-abc.js": {Data: []byte(bigScript)},
		"favicon.svg":         {Data: []byte("<svg/>")},
		".keep":               {Data: nil},
	}
}

// app mounts h the way the API does: a catch-all that passes on what the
// dashboard does not own.
func app(t *testing.T, h *Handler) *fiber.App {
	t.Helper()
	a := fiber.New()
	a.Get("/*", func(c *fiber.Ctx) error {
		if h.Owns(c.Path()) {
			return h.Serve(c)
		}
		return c.Next()
	})
	a.Get("/api/v1/version", func(c *fiber.Ctx) error { return c.SendString("api") })
	return a
}

func get(t *testing.T, a *fiber.App, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := a.Test(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	return resp, body
}

func TestServe(t *testing.T) {
	h, err := New(testFS(), []string{"login", "plugins"}, []string{"api", "health", "metrics"})
	if err != nil {
		t.Fatal(err)
	}
	a := app(t, h)
	cases := []struct {
		name, path string
		status     int
		cache      string
		index      bool
	}{
		{"root is index.html", "/", 200, cacheRevalidate, true},
		{"client route", "/login", 200, cacheRevalidate, true},
		{"nested client route", "/plugins/hello", 200, cacheRevalidate, true},
		{"hashed asset", "/assets/index-abc.js", 200, cacheImmutable, false},
		{"other file", "/favicon.svg", 200, cacheRevalidate, false},
		{"missing asset", "/assets/nope.js", 404, "", false},
		{"unknown path", "/random/path", 404, "", false},
		{"api route passes through", "/api/v1/version", 200, "", false},
		{"unknown api route", "/api/v1/nope", 404, "", false},
		{"dotfile", "/.keep", 404, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, a, tc.path)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d (%s)", resp.StatusCode, tc.status, body)
			}
			if tc.cache != "" && resp.Header.Get("Cache-Control") != tc.cache {
				t.Errorf("Cache-Control = %q, want %q", resp.Header.Get("Cache-Control"), tc.cache)
			}
			if tc.status == 200 && tc.cache != "" && resp.Header.Get("Content-Security-Policy") != CSP {
				t.Errorf("CSP = %q", resp.Header.Get("Content-Security-Policy"))
			}
			if got := strings.Contains(string(body), "<!doctype html>"); got != tc.index {
				t.Errorf("index.html served = %v, want %v", got, tc.index)
			}
		})
	}
}

func TestCSPIsStrict(t *testing.T) {
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
		"connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"} {
		if !strings.Contains(CSP, want) {
			t.Errorf("CSP lacks %s", want)
		}
	}
	if strings.Contains(CSP, "unsafe") {
		t.Errorf("CSP allows something unsafe: %s", CSP)
	}
}

func TestGzipAndETag(t *testing.T) {
	h, err := New(testFS(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := app(t, h)
	resp, body := get(t, a, "/assets/index-abc.js", "Accept-Encoding", "br, gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers = %v", resp.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != bigScript || len(body) >= len(bigScript) {
		t.Fatalf("gzip body decodes to %d bytes (sent %d)", len(plain), len(body))
	}
	resp, body = get(t, a, "/assets/index-abc.js", "Accept-Encoding", "gzip;q=0")
	if resp.Header.Get("Content-Encoding") != "" || string(body) != bigScript {
		t.Fatal("gzip;q=0 still got gzip")
	}
	resp, _ = get(t, a, "/assets/index-abc.js", "If-None-Match", resp.Header.Get("ETag"))
	if resp.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match = %d, want 304", resp.StatusCode)
	}
}

func TestNotBuilt(t *testing.T) {
	h, err := New(fstest.MapFS{".keep": {}}, []string{"login"}, nil)
	if !errors.Is(err, ErrNotBuilt) || h == nil {
		t.Fatalf("New = %v, %v", h, err)
	}
	resp, body := get(t, app(t, h), "/login")
	if resp.StatusCode != 404 || !strings.Contains(string(body), "make web") {
		t.Fatalf("not built: %d %s", resp.StatusCode, body)
	}
}

func TestRoutesMustNotShadowTheServer(t *testing.T) {
	for _, bad := range []string{"api", "", "a/b"} {
		if _, err := New(testFS(), []string{bad}, []string{"api"}); err == nil || !strings.Contains(err.Error(), "client route") {
			t.Errorf("route %q: err = %v", bad, err)
		}
	}
}
