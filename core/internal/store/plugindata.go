package store

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// Spaces of plugin data.
const (
	SpaceKV     = "kv"
	SpaceSecret = "secret"
)

// PluginDatum is one value a plugin keeps through the Host service. Secrets
// are stored sealed by the caller; this layer only keeps bytes.
type PluginDatum struct {
	bun.BaseModel `bun:"table:plugin_data"`

	PluginID  string    `bun:"plugin_id,pk"`
	Space     string    `bun:"space,pk"`
	Key       string    `bun:"data_key,pk"`
	Value     []byte    `bun:"value"`
	UpdatedAt time.Time `bun:"updated_at"`
}

// PluginData is the repository of plugins' key-value data, namespaced by
// plugin and space: no query crosses from one plugin to another.
type PluginData struct {
	db      bun.IDB
	dialect config.Dialect
	hot     *hotQueries
}

// PluginData returns the plugin data repository.
func (s *Store) PluginData() *PluginData {
	return &PluginData{db: s.db, dialect: s.dialect, hot: s.hot}
}

// The reads of the Host service are prepared statements: one request to a
// plugin often reads several keys, and with SQLite parsing the statement
// again was most of the cost of each read.
const (
	pluginDatumValue = `SELECT value FROM plugin_data WHERE plugin_id = ? AND space = ? AND data_key = ?`
	// pluginDataKeys takes the prefix as a LIKE pattern with its wildcards
	// escaped, the same on PostgreSQL and MySQL.
	pluginDataKeys = `SELECT data_key FROM plugin_data WHERE plugin_id = ? AND space = ?
 AND data_key LIKE ? ESCAPE '!' ORDER BY data_key`
	// pluginDataKeysSQLite compares the prefix itself instead (given twice):
	// SQLite prepares a statement again each time the pattern of a LIKE is
	// bound, which made a prepared LIKE as slow as a new query, and its
	// LIKE ignores the case of ASCII letters, which a prefix must not.
	pluginDataKeysSQLite = `SELECT data_key FROM plugin_data WHERE plugin_id = ? AND space = ?
 AND substr(data_key, 1, length(?)) = ? ORDER BY data_key`
)

// Get returns the value, or ErrNotFound.
func (r *PluginData) Get(ctx context.Context, plugin, space, key string) ([]byte, error) {
	var d PluginDatum
	if err := r.hot.scanOne(ctx, &d, pluginDatumValue, plugin, space, key); err != nil {
		return nil, notFound("get plugin data", err)
	}
	return d.Value, nil
}

// Put creates or replaces the value.
func (r *PluginData) Put(ctx context.Context, plugin, space, key string, value []byte) error {
	d := &PluginDatum{PluginID: plugin, Space: space, Key: key, Value: value, UpdatedAt: time.Now().UTC()}
	q := upsert(r.dialect, r.db.NewInsert().Model(d), []string{"plugin_id", "space", "data_key"}, "value", "updated_at")
	_, err := q.Exec(ctx)
	return wrap("put plugin data", err)
}

// Delete removes the value; a missing one is not an error.
func (r *PluginData) Delete(ctx context.Context, plugin, space, key string) error {
	_, err := r.db.NewDelete().Model((*PluginDatum)(nil)).
		Where("plugin_id = ?", plugin).Where("space = ?", space).Where("data_key = ?", key).Exec(ctx)
	return wrap("delete plugin data", err)
}

// List returns the plugin's keys in space that start with prefix, sorted.
func (r *PluginData) List(ctx context.Context, plugin, space, prefix string) ([]string, error) {
	var (
		keys []string
		err  error
	)
	if r.dialect == config.SQLite {
		keys, err = r.hot.scanColumn(ctx, pluginDataKeysSQLite, plugin, space, prefix, prefix)
	} else {
		keys, err = r.hot.scanColumn(ctx, pluginDataKeys, plugin, space, likeEscape(prefix)+"%")
	}
	if err != nil {
		return nil, wrap("list plugin data", err)
	}
	return keys, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}
