package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/signal"
	"syscall"

	"github.com/hashicorp/go-hclog"
	"github.com/spf13/cobra"

	"github.com/diwanpanel/diwan/core/internal/api"
	"github.com/diwanpanel/diwan/core/internal/buildinfo"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/logging"
	"github.com/diwanpanel/diwan/core/internal/store"
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
			log := logging.New(cfg.Log, cfg.Environment(), g.io.Err)
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return Serve(ctx, cfg, log, func(addr net.Addr) { announce(g.io.Out, cfg, addr) })
		},
	}
}

// Serve runs the panel until ctx is done, then shuts down gracefully within
// server.shutdown_timeout. ready is called once the listener is open.
func Serve(ctx context.Context, cfg *config.Config, log hclog.Logger, ready func(net.Addr)) error {
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
	srv, err := api.New(api.Deps{Config: cfg, Log: log, Health: checker, Metrics: reg})
	if err != nil {
		return err
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.Server.Listen)
	if err != nil {
		return fmt.Errorf("server.listen: %w", err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("serving", "address", ln.Addr().String(), "version", buildinfo.Version, "database", st.Dialect(), "cache", c.Name())
	ready(ln.Addr())

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

// openStore opens the database and brings its schema up to date, or, with
// auto_migrate off, checks that it needs nothing.
func openStore(ctx context.Context, cfg *config.Config, log hclog.Logger) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	m := st.Migrator()
	if cfg.Database.AutoMigrate {
		names, err := m.Up(ctx)
		for _, n := range names {
			log.Info("migration applied", "migration", n)
		}
		if err != nil {
			_ = st.Close()
			return nil, err
		}
		return st, nil
	}
	if err := m.CheckNotNewer(ctx); err != nil {
		_ = st.Close()
		return nil, err
	}
	if n, err := m.Pending(ctx); err != nil || n > 0 {
		_ = st.Close()
		return nil, errors.Join(err, fmt.Errorf("%d migrations are pending and database.auto_migrate is off: run `diwan migrate up`", n))
	}
	return st, nil
}

func openCache(ctx context.Context, cfg config.RedisConfig) (cache.Cache, error) {
	if cfg.URL == "" {
		return cache.NewMemory(), nil
	}
	return cache.NewRedis(ctx, cfg.URL, cfg.KeyPrefix)
}

// announce tells the operator where the panel is.
func announce(w io.Writer, cfg *config.Config, addr net.Addr) {
	scheme := "http"
	if cfg.Server.TLS() {
		scheme = "https"
	}
	fmt.Fprintf(w, "Diwan %s is serving %s://%s (profile %s)\n", buildinfo.Version, scheme, addr, cfg.Profile)
	fmt.Fprintf(w, "  health:  %s://%s/health/ready\n", scheme, addr)
	fmt.Fprintf(w, "  metrics: %s://%s/metrics\n", scheme, addr)
}
