package pluginhost

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// call runs fn on the plugin's client within the supervisor's deadline and
// returns its value. A plugin that is not running fails fast with
// ErrUnavailable, one that is not installed with store.ErrNotFound.
func call[T any](ctx context.Context, m *Manager, id string, fn func(context.Context, *grpcplugin.Client) (T, error)) (T, error) {
	var out T
	err := m.sup.Do(ctx, id, func(ctx context.Context, c *grpcplugin.Client) error {
		var err error
		out, err = fn(ctx, c)
		return err
	})
	return out, m.explainUnavailable(ctx, id, err)
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
	return call(ctx, m, id, func(ctx context.Context, c *grpcplugin.Client) (sdk.Page, error) { return c.List(ctx, kind, page) })
}

// GetResource returns one resource, or sdk.ErrNotFound.
func (m *Manager) GetResource(ctx context.Context, id, kind, rid string) (sdk.Resource, error) {
	return call(ctx, m, id, func(ctx context.Context, c *grpcplugin.Client) (sdk.Resource, error) { return c.Get(ctx, kind, rid) })
}

// ApplyResource creates (rid empty) or replaces a resource; the plugin
// validates data and names a bad field with sdk.InvalidError.
func (m *Manager) ApplyResource(ctx context.Context, id, kind, rid string, data json.RawMessage) (sdk.Resource, error) {
	return call(ctx, m, id, func(ctx context.Context, c *grpcplugin.Client) (sdk.Resource, error) {
		return c.Apply(ctx, kind, rid, data)
	})
}

// DeleteResource removes a resource.
func (m *Manager) DeleteResource(ctx context.Context, id, kind, rid string) error {
	_, err := call(ctx, m, id, func(ctx context.Context, c *grpcplugin.Client) (struct{}, error) {
		return struct{}{}, c.Delete(ctx, kind, rid)
	})
	return err
}
