package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// Manager is what the operator drives: it keeps the catalog and the running
// plugins in step. Enabling a plugin grants the permissions its manifest
// asks for (shown before, in the catalog and the API) and starts it;
// disabling stops it.
type Manager struct {
	plugins *store.Plugins
	sup     *Supervisor
	tasks   *tasks.Manager
	log     hclog.Logger
}

// NewManager drives sup over the catalog; actions run as jobs.
func NewManager(plugins *store.Plugins, sup *Supervisor, jobs *tasks.Manager, log hclog.Logger) *Manager {
	return &Manager{plugins: plugins, sup: sup, tasks: jobs, log: log}
}

// List returns every installed plugin with its status.
func (m *Manager) List(ctx context.Context) ([]Status, error) {
	list, err := m.plugins.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Status, len(list))
	for i, p := range list {
		out[i] = m.status(p)
	}
	return out, nil
}

// Get returns one plugin's status, or store.ErrNotFound.
func (m *Manager) Get(ctx context.Context, id string) (Status, error) {
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return Status{}, err
	}
	return m.status(p), nil
}

// Enable grants the permissions the plugin's manifest asks for, marks it
// enabled and starts it. A binary that fails verification or describes
// another id is refused and nothing changes.
func (m *Manager) Enable(ctx context.Context, id string) (Status, error) {
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return Status{}, err
	}
	if _, err := Verify(p.BinaryPath, p.SHA256); err != nil {
		return Status{}, err
	}
	ident, err := describe(ctx, p.BinaryPath)
	if err != nil {
		return Status{}, err
	}
	if ident.ID != p.ID {
		return Status{}, fmt.Errorf("pluginhost: %s now describes itself as %q, not %q: reinstall it", p.BinaryPath, ident.ID, p.ID)
	}
	grants, err := json.Marshal(ident.permissions())
	if err != nil {
		return Status{}, err
	}
	p.Enabled, p.Granted, p.Manifest = true, string(grants), ident.raw
	if err := m.plugins.Update(ctx, &p, "enabled", "granted", "manifest"); err != nil {
		return Status{}, err
	}
	if err := m.sup.Start(ctx, p); err != nil {
		return m.status(p), err
	}
	return m.Get(ctx, id)
}

// Disable stops the plugin (asking it first) and marks it disabled.
func (m *Manager) Disable(ctx context.Context, id string) (Status, error) {
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return Status{}, err
	}
	p.Enabled = false
	if err := m.plugins.Update(ctx, &p, "enabled"); err != nil {
		return Status{}, err
	}
	switch err := m.sup.Stop(ctx, id); {
	case errors.Is(err, ErrUnavailable):
		m.sup.setState(id, StateStopped, "") // an idle or failed plugin
	case err != nil:
		return Status{}, err
	}
	return m.Get(ctx, id)
}

// Restart stops and starts an enabled plugin.
func (m *Manager) Restart(ctx context.Context, id string) (Status, error) {
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return Status{}, err
	}
	if !p.Enabled {
		return Status{}, fmt.Errorf("%w: plugin %s is disabled; enable it first", ErrUnavailable, id)
	}
	if err := m.sup.Stop(ctx, id); err != nil && !errors.Is(err, ErrUnavailable) {
		return Status{}, err
	}
	if err := m.sup.Start(ctx, p); err != nil {
		return m.status(p), err
	}
	return m.Get(ctx, id)
}

// Settings returns the plugin's stored settings.
func (m *Manager) Settings(ctx context.Context, id string) (json.RawMessage, error) {
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(p.Settings), nil
}

// PutSettings stores new settings. A running plugin validates them first
// and a refusal (naming the field) changes nothing; a stopped one reads them
// at its next start.
func (m *Manager) PutSettings(ctx context.Context, id string, settings json.RawMessage) (json.RawMessage, error) {
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := m.wake(ctx, id); err != nil {
		return nil, err
	}
	if err := m.sup.Reconfigure(ctx, id, settings); err != nil && !errors.Is(err, ErrUnavailable) {
		return nil, err
	}
	p.Settings = string(settings)
	if err := m.plugins.Update(ctx, &p, "settings"); err != nil {
		return nil, err
	}
	return settings, nil
}

// Check reports whether plugin id runs and does not say it is down; a
// degraded plugin still serves. It is the readiness check of a required
// plugin.
func (m *Manager) Check(ctx context.Context, id string) error {
	if !m.sup.Running(id) {
		// An on-demand plugin is ready while it waits for its first call;
		// a readiness probe does not wake it.
		if p, err := m.plugins.Get(ctx, id); err == nil && p.Enabled && p.State == StateIdle {
			return nil
		}
	}
	h, err := call(ctx, m, id, "CheckHealth", func(ctx context.Context, c *grpcplugin.Client) (sdk.Health, error) { return c.CheckHealth(ctx) })
	if err != nil {
		return err
	}
	if h.Status == sdk.HealthDown {
		return fmt.Errorf("pluginhost: plugin %s is down: %s", id, h.Message)
	}
	return nil
}

// Logs returns the plugin's last standard-error lines.
func (m *Manager) Logs(ctx context.Context, id string) ([]string, error) {
	if _, err := m.plugins.Get(ctx, id); err != nil {
		return nil, err
	}
	logs := m.sup.Logs(id)
	if logs == nil {
		logs = []string{}
	}
	return logs, nil
}

// StartEnabled registers the built-in plugins, then starts every enabled
// plugin that runs always, in parallel;
// on-demand ones wait, idle, for their first call. A plugin that fails
// is logged (its state says why) and holds back neither the others nor the
// core.
func (m *Manager) StartEnabled(ctx context.Context) {
	if n, err := m.sup.ReapStale(); err != nil {
		m.log.Warn("cannot end stale plugin processes", "error", err)
	} else if n > 0 {
		m.log.Warn("ended plugin processes left by the previous run", "count", n)
	}
	m.RegisterBuiltins(ctx, m.sup.opts.BuiltinDir)
	list, err := m.plugins.List(ctx)
	if err != nil {
		m.log.Error("cannot read the plugin catalog", "error", err)
		return
	}
	var wg sync.WaitGroup
	for _, p := range list {
		if !p.Enabled {
			continue
		}
		if ident, err := entryIdentity(p); err == nil && ident.onDemand() {
			m.sup.setState(p.ID, StateIdle, "") // started at its first call
			continue
		}
		wg.Go(func() {
			if err := m.sup.Start(ctx, p); err != nil {
				m.log.Error("plugin did not start", "plugin", p.ID, "error", err)
			}
		})
	}
	wg.Wait()
}

// StopAll stops every running plugin.
func (m *Manager) StopAll(ctx context.Context) { m.sup.StopAll(ctx) }
