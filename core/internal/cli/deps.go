package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// The parts of the panel that serve and the other commands build alike.

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

// newAuth keeps sessions in Redis when it is configured (several instances
// share them), in the database otherwise, and seals TOTP secrets with the
// core's secret key.
func newAuth(cfg *config.Config, st *store.Store, c cache.Cache) (*auth.Service, error) {
	key, err := secretKey(cfg.Security)
	if err != nil {
		return nil, err
	}
	box, err := seal.New(key, "totp")
	if err != nil {
		return nil, err
	}
	opts := auth.Options{Store: st, Cache: c, Seal: box, Config: cfg.Auth}
	if cfg.Redis.URL != "" {
		opts.Sessions = auth.NewCacheSessions(c, cfg.Auth.SessionIdleTimeout, cfg.Auth.SessionAbsoluteTimeout)
	}
	return auth.New(opts)
}

// newPlugins builds the plugin manager; plugin secrets are sealed with a
// key of their own purpose, derived from the core's secret key.
// Calls to plugins, their processes and their own metrics join reg.
func newPlugins(cfg *config.Config, st *store.Store, c cache.Cache, rec *audit.Recorder, jobs *tasks.Manager, reg *health.Registry, log hclog.Logger) (*pluginhost.Manager, error) {
	key, err := secretKey(cfg.Security)
	if err != nil {
		return nil, err
	}
	box, err := seal.New(key, "plugin-secrets")
	if err != nil {
		return nil, err
	}
	sup := pluginhost.NewSupervisor(st.Plugins(), pluginhost.HostDeps{Data: st.PluginData(), Secrets: box, Events: c, Audit: rec},
		pluginhost.Options{
			Logger: log, RunDir: cfg.Plugins.RunDir, BuiltinDir: cfg.Plugins.Dir,
			IdleTimeout: cfg.Plugins.IdleTimeout, Metrics: reg.Set(),
		})
	reg.Set().RegisterMetricsWriter(sup.WriteMetrics)
	for name, help := range pluginhost.MetricHelp {
		reg.Describe(name, help)
	}
	return pluginhost.NewManager(st.Plugins(), sup, jobs, log.Named("plugins")), nil
}

// secretKey is security.secret_key, or (dev) the key generated into
// security.key_file on first use.
func secretKey(cfg config.SecurityConfig) ([]byte, error) {
	if cfg.SecretKey != "" {
		return []byte(cfg.SecretKey), nil
	}
	key, err := seal.LoadOrCreateKey(cfg.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("security.key_file: %w", err)
	}
	return key, nil
}
