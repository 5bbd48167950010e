// Package api is Diwan's HTTP API on fiber: the middleware chain, one
// error handler, and one file per endpoint group. Handlers return errors;
// errorHandler maps them to {"error":{"code","message","details"}}.
package api

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/core/internal/webui"
	"github.com/diwanpanel/diwan/web"
)

// Prefix is where every API route lives.
const Prefix = "/api/v1"

// Deps are what the API serves from.
type Deps struct {
	Config  *config.Config
	Log     hclog.Logger
	Health  *health.Checker
	Metrics *health.Registry
	Auth    *auth.Service
	Audit   *audit.Recorder
	Tasks   *tasks.Manager
	Plugins *pluginhost.Manager
	// Events carries what the event stream sends to dashboards.
	Events cache.PubSub
}

// embeddedDashboard prepares the dashboard built into the binary (its
// files read and compressed) once per process: it never changes.
var embeddedDashboard = sync.OnceValues(func() (*webui.Handler, error) {
	return webui.New(web.Dist(), web.ClientRoutes(), []string{"api", "health", "metrics"})
})

// Server is the HTTP server of the core.
type Server struct {
	app     *fiber.App
	cfg     *config.Config
	log     hclog.Logger
	health  *health.Checker
	metrics *health.Registry
	auth    *auth.Service
	audit   *audit.Recorder
	tasks   *tasks.Manager
	plugins *pluginhost.Manager
	events  cache.PubSub
	proxies proxies
	allowed proxies
	// done is closed by Shutdown so that event streams end.
	done chan struct{}

	mu      sync.Mutex
	ln      net.Listener
	stopped bool

	routes    map[string]route
	routeErrs []error
	openapi   []byte
	dashboard *webui.Handler
}

// New builds the fiber app with its middleware chain and routes.
func New(d Deps) (*Server, error) {
	px, err := parseProxies(d.Config.Server.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("api: server.trusted_proxies: %w", err)
	}
	allowed, err := parseProxies(d.Config.Server.AllowedIPs)
	if err != nil {
		return nil, fmt.Errorf("api: server.allowed_ips: %w", err)
	}
	s := &Server{
		cfg: d.Config, log: d.Log.Named("http"), health: d.Health, metrics: d.Metrics,
		auth: d.Auth, audit: d.Audit, tasks: d.Tasks, plugins: d.Plugins, events: d.Events, proxies: px, allowed: allowed,
		done: make(chan struct{}), routes: map[string]route{},
	}
	if s.dashboard, err = embeddedDashboard(); errors.Is(err, webui.ErrNotBuilt) {
		s.log.Warn("the dashboard is not built into this binary: run make web, then rebuild")
	} else if err != nil {
		return nil, err
	}
	srv := d.Config.Server
	s.app = fiber.New(fiber.Config{
		AppName:               "diwan",
		DisableStartupMessage: true,
		ReadTimeout:           srv.ReadTimeout,
		WriteTimeout:          srv.WriteTimeout,
		IdleTimeout:           srv.IdleTimeout,
		BodyLimit:             int(srv.BodyLimit),
		ErrorHandler:          s.errorHandler,
		StrictRouting:         true,
		CaseSensitive:         true,
	})
	rm := &requestMetrics{set: d.Metrics.Set()}
	d.Metrics.Describe("diwan_http_requests_total", "HTTP requests answered, by route pattern, method and status.")
	d.Metrics.Describe("diwan_http_request_duration_seconds", "Time to answer an HTTP request, by route pattern, method and status.")
	// Order matters: the log and metrics see the final status because
	// handleErrors answers errors inside them, and a panic becomes an error
	// inside handleErrors. Each route then adds its audit and access guard.
	s.app.Use(requestIDMiddleware, s.accessLog, rm.middleware, s.handleErrors, s.recoverMiddleware,
		s.securityHeaders, s.allowList, s.authenticate)
	s.registerRoutes()
	if err := s.checkRoutes(); err != nil {
		return nil, err
	}
	if s.openapi, err = s.openAPIDocument(); err != nil {
		return nil, err
	}
	return s, nil
}

// App exposes the fiber app, for tests that call it without a socket.
func (s *Server) App() *fiber.App { return s.app }

// Serve answers requests on ln until Shutdown. It returns nil after
// Shutdown, also when Shutdown came first (then it returns at once).
func (s *Server) Serve(ln net.Listener) error {
	if s.cfg.Server.TLS() {
		cert, err := tls.LoadX509KeyPair(s.cfg.Server.TLSCert, s.cfg.Server.TLSKey)
		if err != nil {
			return fmt.Errorf("api: server.tls_cert/tls_key: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return ln.Close()
	}
	s.ln = ln
	s.mu.Unlock()
	err := s.app.Listener(ln)
	if s.isStopped() && errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for requests in flight,
// until ctx is done; then remaining connections are closed.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	first, ln := !s.stopped, s.ln
	s.stopped = true
	s.mu.Unlock()
	if first {
		close(s.done)
	}
	err := s.app.ShutdownWithContext(ctx)
	if ln != nil {
		// Serve may have been about to accept when fiber shut down.
		_ = ln.Close()
	}
	return err
}

func (s *Server) isStopped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopped
}
