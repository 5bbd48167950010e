package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

// testServer is an API server on a fresh database, with a captured log and
// a clock the test can move.
type testServer struct {
	*Server
	logs  *syncBuffer
	store *store.Store
	cache cache.Cache
	clock *clock
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

// clock is a settable time source for the access layer.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// serverOpts choose the database, where sessions live, and config changes.
type serverOpts struct {
	dialect  config.Dialect
	sessions string // "db" (default), "memory" or "redis"
	logTo    io.Writer
	edit     func(*config.Config)
	checks   map[string]health.CheckFunc
}

func newTestServer(t *testing.T, edit func(*config.Config), checks map[string]health.CheckFunc) *testServer {
	t.Helper()
	return newServerWith(t, serverOpts{dialect: config.SQLite, edit: edit, checks: checks})
}

func newServerWith(t testing.TB, o serverOpts) *testServer {
	t.Helper()
	cfg := config.Defaults(config.ProfileDev, config.Environment{})
	cfg.Auth.Argon2Memory, cfg.Auth.Argon2Time = 8192, 1 // fast hashes in tests
	if o.edit != nil {
		o.edit(&cfg)
	}
	logs := &syncBuffer{}
	log := hclog.New(&hclog.LoggerOptions{Output: logs, Level: hclog.Debug, JSONFormat: true})
	if o.logTo != nil {
		log = hclog.New(&hclog.LoggerOptions{Output: o.logTo, Level: hclog.Info, JSONFormat: true})
	}
	checker := health.NewChecker(time.Second, log)
	for name, fn := range o.checks {
		checker.Add(name, fn)
	}
	st := storetest.Open(t, o.dialect)
	c, sessions := testCache(t, o.sessions, cfg.Auth)
	clk := &clock{t: time.Now()}
	box, err := seal.New([]byte(strings.Repeat("k", seal.MinKeyLen)), "totp")
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(auth.Options{Store: st, Cache: c, Sessions: sessions, Seal: box, Config: cfg.Auth, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Deps{Config: &cfg, Log: log, Health: checker, Metrics: health.NewRegistry(), Auth: a,
		Audit: audit.NewRecorder(st.Audit(), log), Tasks: tasks.NewManager(st.Tasks(), c), Events: c,
		Plugins: pluginhost.NewManager(st.Plugins(), pluginhost.NewSupervisor(st.Plugins(), pluginhost.HostDeps{
			Data: st.PluginData(), Secrets: box, Events: c, Audit: audit.NewRecorder(st.Audit(), log),
		}, pluginhost.Options{Logger: log}), tasks.NewManager(st.Tasks(), c), log)})
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{Server: srv, logs: logs, store: st, cache: c, clock: clk}
}

// testCache returns the cache and, unless sessions is "db", a session store
// on it.
func testCache(t testing.TB, sessions string, cfg config.AuthConfig) (cache.Cache, auth.SessionStore) {
	t.Helper()
	var c cache.Cache = cache.NewMemory()
	if sessions == "redis" {
		r, err := cache.NewRedis(context.Background(), testsvc.RedisURL(), "diwantest:api:"+strconv.FormatInt(time.Now().UnixNano(), 36)+":")
		if err != nil {
			testsvc.Unavailable(t, "redis", err)
		}
		c = r
	}
	t.Cleanup(func() { _ = c.Close() })
	if sessions == "" || sessions == "db" {
		return c, nil
	}
	return c, auth.NewCacheSessions(c, cfg.SessionIdleTimeout, cfg.SessionAbsoluteTimeout)
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
