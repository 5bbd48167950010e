package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
)

// testServer is an API server with a captured log.
type testServer struct {
	*Server
	logs *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestServer builds a server with the dev defaults changed by edit and
// the given readiness checks.
func newTestServer(t *testing.T, edit func(*config.Config), checks map[string]health.CheckFunc) *testServer {
	t.Helper()
	cfg := config.Defaults(config.ProfileDev, config.Environment{})
	if edit != nil {
		edit(&cfg)
	}
	logs := &syncBuffer{}
	log := hclog.New(&hclog.LoggerOptions{Output: logs, Level: hclog.Debug, JSONFormat: true})
	checker := health.NewChecker(time.Second, log)
	for name, fn := range checks {
		checker.Add(name, fn)
	}
	srv, err := New(Deps{Config: &cfg, Log: log, Health: checker, Metrics: health.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{Server: srv, logs: logs}
}

// listen serves on a loopback port until the test ends and returns the
// base URL.
func (s *testServer) listen(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// do sends a request through the fiber app without a socket.
func (s *testServer) do(t *testing.T, method, path string, body io.Reader, headers ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequestWithContext(context.Background(), method, path, body)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := s.App().Test(req, 5000)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	t.Cleanup(func() { _ = resp.Body.Close() })
	return resp
}

func readJSON(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("content type = %q", ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

type errorEnvelope struct {
	Error struct {
		Code      string          `json:"code"`
		Message   string          `json:"message"`
		Details   json.RawMessage `json:"details"`
		RequestID string          `json:"request_id"`
	} `json:"error"`
}
