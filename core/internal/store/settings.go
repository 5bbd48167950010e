package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Setting is one panel-wide setting, stored by name.
type Setting struct {
	bun.BaseModel `bun:"table:settings"`

	Name      string    `bun:"name,pk"`
	Value     string    `bun:"value,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`
}

// Settings is the repository of panel-wide settings.
type Settings struct {
	s  *Store
	db bun.IDB
}

// Settings returns the settings repository on the store's pool.
func (s *Store) Settings() *Settings { return &Settings{s: s, db: s.db} }

// SettingsTx returns the settings repository inside tx.
func (s *Store) SettingsTx(tx bun.Tx) *Settings { return &Settings{s: s, db: tx} }

// Get returns the setting called name, or ErrNotFound.
func (r *Settings) Get(ctx context.Context, name string) (Setting, error) {
	var st Setting
	err := r.db.NewSelect().Model(&st).Where("? = ?", bun.Ident("name"), name).Scan(ctx)
	if err != nil {
		return Setting{}, notFound("get setting "+name, err)
	}
	return st, nil
}

// Put creates or replaces the setting called name.
func (r *Settings) Put(ctx context.Context, name, value string) error {
	st := &Setting{Name: name, Value: value, UpdatedAt: time.Now().UTC()}
	q := upsert(r.s.dialect, r.db.NewInsert().Model(st), []string{"name"}, "value", "updated_at")
	if _, err := q.Exec(ctx); err != nil {
		return notFound("put setting "+name, err)
	}
	return nil
}

// List returns every setting ordered by name.
func (r *Settings) List(ctx context.Context) ([]Setting, error) {
	var out []Setting
	if err := r.db.NewSelect().Model(&out).Order("name").Scan(ctx); err != nil {
		return nil, notFound("list settings", err)
	}
	return out, nil
}

// Delete removes the setting called name, or returns ErrNotFound.
func (r *Settings) Delete(ctx context.Context, name string) error {
	res, err := r.db.NewDelete().Model((*Setting)(nil)).Where("? = ?", bun.Ident("name"), name).Exec(ctx)
	if err != nil {
		return notFound("delete setting "+name, err)
	}
	return mustAffect("delete setting "+name, res)
}
