package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os/signal"
	"syscall"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/api"
	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/buildinfo"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/logging"
	"github.com/diwanpanel/diwan/core/internal/logstore"
	"github.com/diwanpanel/diwan/core/internal/schedule"
	"github.com/diwanpanel/diwan/core/internal/tasks"
)

func newServeCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Start the panel and serve until SIGTERM or SIGINT",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load(cmd)
			if err != nil {
				return err
			}
			var keep io.Writer // the log kept for the API, unless log.dir is empty
			if cfg.Log.Dir != "" {
				store, err := logstore.Open(cfg.Log.Dir, int64(cfg.Log.MaxSize))
				if err != nil {
					return fmt.Errorf("log.dir: %w", err)
				}
				defer func() { _ = store.Close() }()
				keep = store
			}
			log, logs := logging.New(cfg.Log, cfg.Environment(), g.io.Err, keep)
			defer func() { _ = logs.Close() }()
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return Serve(ctx, cfg, log, func(addr net.Addr, setup string) { announce(g.io.Out, cfg, addr, setup) })
		},
	}
}

// Serve runs the panel until ctx is done, then shuts down gracefully within
// server.shutdown_timeout. ready is called once the listener is open, with
// the one-time setup token when no admin exists yet (else "").
func Serve(ctx context.Context, cfg *config.Config, log hclog.Logger, ready func(addr net.Addr, setupToken string)) error {
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeLogged(log, "database", st.Close)
	c, err := openCache(ctx, cfg.Redis)
	if err != nil {
		return err
	}
	defer closeLogged(log, "cache", c.Close)

	reg := health.NewRegistry()
	st.RegisterMetrics(reg.Set())
	checker := health.NewChecker(cfg.Health.CheckTimeout, log.Named("health"))
	checker.Add("database", st.Ping)
	if cfg.Redis.URL != "" {
		checker.Add("redis", c.Ping)
	}
	authSvc, err := newAuth(cfg, st, c)
	if err != nil {
		return err
	}
	jobs := tasks.NewManager(st.Tasks(), c)
	if n, err := jobs.InterruptRunning(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Warn("tasks interrupted by the last stop", "count", n)
	}
	recorder := audit.NewRecorder(st.Audit(), log.Named("audit"))
	plugins, err := newPlugins(cfg, st, c, recorder, jobs, reg, log)
	if err != nil {
		return err
	}
	srv, err := api.New(api.Deps{
		Config: cfg, Log: log, Health: checker, Metrics: reg, Auth: authSvc,
		Audit: recorder, Tasks: jobs, Plugins: plugins, Events: c,
	})
	if err != nil {
		return err
	}
	stopControl, err := startControl(ctx, cfg, plugins, recorder, log)
	if err != nil {
		return err
	}
	defer stopControl()
	for _, id := range cfg.Plugins.Required {
		checker.Add("plugin:"+id, func(ctx context.Context) error { return plugins.Check(ctx, id) })
	}
	// Plugins start in the background: one that fails holds nothing back.
	go plugins.StartEnabled(ctx)
	go schedule.New(plugins, plugins, c, log.Named("scheduler")).Run(ctx)
	go sweepSessions(ctx, authSvc, log)
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.Server.Listen)
	if err != nil {
		return fmt.Errorf("server.listen: %w", err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("serving", "address", ln.Addr().String(), "version", buildinfo.Version, "database", st.Dialect(), "cache", c.Name())
	setupLink, err := firstAdminLink(ctx, authSvc)
	if err != nil {
		return err
	}
	ready(ln.Addr(), setupLink)

	select {
	case err := <-served:
		return fmt.Errorf("http server stopped: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.Server.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.Server.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	plugins.StopAll(sctx)
	if err := <-served; err != nil {
		return fmt.Errorf("http server: %w", err)
	}
	log.Info("stopped")
	return nil
}

func closeLogged(log hclog.Logger, what string, close func() error) {
	if err := close(); err != nil {
		log.Warn("close failed", "what", what, "error", err)
	}
}

// announce tells the operator where the panel is and how to sign in.
func announce(w io.Writer, cfg *config.Config, addr net.Addr, setupToken string) {
	scheme := "http"
	if cfg.Server.TLS() {
		scheme = "https"
	}
	base := scheme + "://" + addr.String()
	fmt.Fprintf(w, "Diwan %s is serving %s (profile %s)\n", buildinfo.Version, base, cfg.Profile)
	fmt.Fprintf(w, "  API:     %s/api/v1/openapi.json\n  health:  %s/health/ready\n", base, base)
	if setupToken == "" {
		fmt.Fprintf(w, "Sign in: POST %s/api/v1/auth/login with {\"username\":…,\"password\":…}\n", base)
		return
	}
	fmt.Fprintf(w, "No admin exists yet. Create the first one within %s, either:\n", cfg.Auth.SetupLinkTTL)
	fmt.Fprintf(w, "  open the dashboard: %s/setup#token=%s\n", base, setupToken)
	fmt.Fprintf(w, "  curl -X POST %s/api/v1/setup -H 'Content-Type: application/json' \\\n", base)
	fmt.Fprintf(w, "       -d '{\"token\":\"%s\",\"username\":\"admin\",\"password\":\"…12 characters or more…\"}'\n", setupToken)
	fmt.Fprintf(w, "  or: diwan user create admin --role admin --password-stdin\n")
}

// firstAdminLink makes a one-time setup token when no admin exists.
func firstAdminLink(ctx context.Context, a *auth.Service) (string, error) {
	needed, err := a.SetupNeeded(ctx)
	if err != nil || !needed {
		return "", err
	}
	return a.NewSetupToken(ctx)
}

// sweepSessions deletes expired sessions every ten minutes until ctx ends.
func sweepSessions(ctx context.Context, a *auth.Service, log hclog.Logger) {
	tick := time.NewTicker(10 * time.Minute)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := a.SweepSessions(ctx); err != nil {
				log.Warn("session sweep failed", "error", err)
			}
		}
	}
}
