package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// call runs fn on the plugin's client within the supervisor's deadline and
// returns its value. A plugin that is not running fails fast with
// ErrUnavailable, one that is not installed with store.ErrNotFound.
func call[T any](ctx context.Context, m *Manager, id, method string, fn func(context.Context, *grpcplugin.Client) (T, error)) (T, error) {
	var out T
	if err := m.wake(ctx, id); err != nil {
		return out, err
	}
	err := m.sup.Do(ctx, id, method, func(ctx context.Context, c *grpcplugin.Client) error {
		var err error
		out, err = fn(ctx, c)
		return err
	})
	return out, m.explainUnavailable(ctx, id, err)
}

// wake starts an enabled on-demand plugin that is not running, so that
// its first call finds it ready. It reads the catalog only then: a running
// plugin's calls cost no query. A plugin that failed stays down until the
// operator restarts it, so a broken plugin is not restarted by every call.
func (m *Manager) wake(ctx context.Context, id string) error {
	if m.sup.Running(id) {
		return nil
	}
	p, err := m.plugins.Get(ctx, id)
	if err != nil {
		return err
	}
	ident, err := entryIdentity(p)
	if err != nil || !p.Enabled || !ident.onDemand() {
		return nil // the call reports the plugin unavailable
	}
	if p.State == StateFailed {
		return fmt.Errorf("%w: plugin %s failed (%s); restart it once fixed", ErrUnavailable, id, p.LastError)
	}
	return m.sup.Activate(ctx, p)
}

// explainUnavailable turns ErrUnavailable into store.ErrNotFound for a
// plugin that is not installed at all. The catalog is read only then, so a
// running plugin's calls cost no query.
func (m *Manager) explainUnavailable(ctx context.Context, id string, err error) error {
	if !errors.Is(err, ErrUnavailable) {
		return err
	}
	if _, gerr := m.plugins.Get(ctx, id); errors.Is(gerr, store.ErrNotFound) {
		return gerr
	}
	return err
}

// ListResources returns one page of the plugin's resources of kind.
func (m *Manager) ListResources(ctx context.Context, id, kind string, page sdk.PageRequest) (sdk.Page, error) {
	return call(ctx, m, id, "ListResources", func(ctx context.Context, c *grpcplugin.Client) (sdk.Page, error) { return c.List(ctx, kind, page) })
}

// GetResource returns one resource, or sdk.ErrNotFound.
func (m *Manager) GetResource(ctx context.Context, id, kind, rid string) (sdk.Resource, error) {
	return call(ctx, m, id, "GetResource", func(ctx context.Context, c *grpcplugin.Client) (sdk.Resource, error) { return c.Get(ctx, kind, rid) })
}

// ApplyResource creates (rid empty) or replaces a resource; the plugin
// validates data and names a bad field with sdk.InvalidError.
func (m *Manager) ApplyResource(ctx context.Context, id, kind, rid string, data json.RawMessage) (sdk.Resource, error) {
	return call(ctx, m, id, "ApplyResource", func(ctx context.Context, c *grpcplugin.Client) (sdk.Resource, error) {
		return c.Apply(ctx, kind, rid, data)
	})
}

// DeleteResource removes a resource.
func (m *Manager) DeleteResource(ctx context.Context, id, kind, rid string) error {
	_, err := call(ctx, m, id, "DeleteResource", func(ctx context.Context, c *grpcplugin.Client) (struct{}, error) {
		return struct{}{}, c.Delete(ctx, kind, rid)
	})
	return err
}
