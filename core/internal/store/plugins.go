package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// Plugin is one entry of the plugin catalog: which binary, pinned by its
// SHA-256, whether the operator enabled it, its settings and the
// permissions granted to it (JSON), and its last known state.
type Plugin struct {
	bun.BaseModel `bun:"table:plugins"`

	ID         string `bun:"id,pk"`
	Version    string `bun:"version"`
	BinaryPath string `bun:"binary_path"`
	SHA256     string `bun:"sha256"`
	Enabled    bool   `bun:"enabled"`
	Settings   string `bun:"settings"`
	Granted    string `bun:"granted"`
	State      string `bun:"state"`
	LastError  string `bun:"last_error"`
	// Manifest is the plugin's manifest as JSON (what `-describe` prints),
	// read at install and at every enable.
	Manifest    string    `bun:"manifest,nullzero"`
	InstalledAt time.Time `bun:"installed_at"`
	UpdatedAt   time.Time `bun:"updated_at"`
}

// Plugins is the repository of the plugin catalog.
type Plugins struct {
	db      bun.IDB
	dialect config.Dialect
}

// Plugins returns the catalog repository.
func (s *Store) Plugins() *Plugins { return &Plugins{db: s.db, dialect: s.dialect} }

// Register adds p or, for a known id, replaces its version, binary and
// checksum (an upgrade), keeping the operator's choices: enabled, settings
// and grants.
func (r *Plugins) Register(ctx context.Context, p *Plugin) error {
	now := time.Now().UTC()
	p.InstalledAt, p.UpdatedAt = now, now
	if p.Settings == "" {
		p.Settings = "{}"
	}
	if p.Granted == "" {
		p.Granted = "[]"
	}
	q := upsert(r.dialect, r.db.NewInsert().Model(p), []string{"id"}, "version", "binary_path", "sha256", "manifest", "state", "last_error", "updated_at")
	if _, err := q.Exec(ctx); err != nil {
		return wrap("register plugin "+p.ID, err)
	}
	return nil
}

// Get returns the plugin with id, or ErrNotFound.
func (r *Plugins) Get(ctx context.Context, id string) (Plugin, error) {
	var p Plugin
	if err := r.db.NewSelect().Model(&p).Where("id = ?", id).Scan(ctx); err != nil {
		return Plugin{}, notFound("get plugin "+id, err)
	}
	return p, nil
}

// List returns the catalog ordered by id.
func (r *Plugins) List(ctx context.Context) ([]Plugin, error) {
	out := []Plugin{}
	if err := r.db.NewSelect().Model(&out).Order("id").Scan(ctx); err != nil {
		return nil, wrap("list plugins", err)
	}
	return out, nil
}

// Update writes the named columns of p (UpdatedAt always).
func (r *Plugins) Update(ctx context.Context, p *Plugin, columns ...string) error {
	p.UpdatedAt = time.Now().UTC()
	res, err := r.db.NewUpdate().Model(p).Column(append(columns, "updated_at")...).WherePK().Exec(ctx)
	if err != nil {
		return notFound("update plugin "+p.ID, err)
	}
	return mustAffect("update plugin "+p.ID, res)
}

// Delete removes the plugin with id from the catalog.
func (r *Plugins) Delete(ctx context.Context, id string) error {
	res, err := r.db.NewDelete().Model((*Plugin)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return notFound("delete plugin "+id, err)
	}
	return mustAffect("delete plugin "+id, res)
}
