// Package migrations holds Diwan's database migrations: Go functions written
// once for SQLite, PostgreSQL and MySQL/MariaDB, registered in order, each
// run in its own transaction. Each migration's structs are frozen copies of
// the tables as they were at that step; they never import core's models.
package migrations

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

var all = migrate.NewMigrations()

// All returns every known migration, for bun's migrator.
func All() *migrate.Migrations { return all }

// step is one direction of a migration, run inside a transaction.
type step func(ctx context.Context, tx bun.Tx) error

// register adds a migration. name orders it (a UTC timestamp,
// YYYYMMDDhhmmss); comment says what it does.
func register(name, comment string, up, down step) {
	all.Add(migrate.Migration{Name: name, Comment: comment, Up: inTx(up), Down: inTx(down)})
}

func inTx(fn step) func(ctx context.Context, m *migrate.Migrator, _ *migrate.Migration) error {
	return func(ctx context.Context, m *migrate.Migrator, _ *migrate.Migration) error {
		return m.DB().RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return fn(ctx, tx)
		})
	}
}
