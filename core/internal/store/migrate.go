package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun/migrate"

	"github.com/diwanpanel/diwan/migrations"
)

// ErrSchemaTooNew means the database was migrated by a newer Diwan.
var ErrSchemaTooNew = errors.New("store: database schema is newer than this diwan")

// ErrMigrationsLocked means another process holds the migration lock.
var ErrMigrationsLocked = errors.New("store: migrations are locked by another process")

// MigrationStatus is one known migration and whether it is applied.
type MigrationStatus struct {
	Name      string    `json:"name"`
	Comment   string    `json:"comment"`
	Applied   bool      `json:"applied"`
	AppliedAt time.Time `json:"applied_at,omitzero"`
}

// Migrator applies and reverts the migrations this binary knows.
type Migrator struct {
	m *migrate.Migrator
	// lockWait bounds how long Up and Down wait for another migrator.
	lockWait time.Duration
}

// Migrator returns a migrator over all of Diwan's migrations.
func (s *Store) Migrator() *Migrator {
	return &Migrator{
		m:        migrate.NewMigrator(s.db, migrations.All(), migrate.WithMarkAppliedOnSuccess(true)),
		lockWait: 30 * time.Second,
	}
}

// Up applies every pending migration and returns their names. It refuses a
// schema newer than this binary.
func (m *Migrator) Up(ctx context.Context) ([]string, error) {
	var names []string
	err := m.locked(ctx, func() error {
		group, err := m.m.Migrate(ctx)
		names = groupNames(group)
		return wrap("migrate up", err)
	})
	return names, err
}

// Down reverts the last group of applied migrations and returns their names.
func (m *Migrator) Down(ctx context.Context) ([]string, error) {
	var names []string
	err := m.locked(ctx, func() error {
		group, err := m.m.Rollback(ctx)
		names = groupNames(group)
		return wrap("migrate down", err)
	})
	return names, err
}

func groupNames(g *migrate.MigrationGroup) []string {
	if g == nil {
		return nil
	}
	names := make([]string, 0, len(g.Migrations))
	for _, mig := range g.Migrations {
		names = append(names, mig.String())
	}
	return names
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// Status lists the known migrations in order with their state.
func (m *Migrator) Status(ctx context.Context) ([]MigrationStatus, error) {
	if err := m.m.Init(ctx); err != nil {
		return nil, wrap("migration tables", err)
	}
	list, err := m.m.MigrationsWithStatus(ctx)
	if err != nil {
		return nil, wrap("migration status", err)
	}
	out := make([]MigrationStatus, 0, len(list))
	for _, mig := range list {
		st := MigrationStatus{Name: mig.Name, Comment: mig.Comment, Applied: mig.IsApplied()}
		if st.Applied {
			st.AppliedAt = mig.MigratedAt
		}
		out = append(out, st)
	}
	return out, nil
}

// Pending counts the known migrations not yet applied.
func (m *Migrator) Pending(ctx context.Context) (int, error) {
	list, err := m.Status(ctx)
	n := 0
	for _, st := range list {
		if !st.Applied {
			n++
		}
	}
	return n, err
}

// CheckNotNewer returns ErrSchemaTooNew, naming the unknown migrations, when
// the database holds migrations this binary does not know.
func (m *Migrator) CheckNotNewer(ctx context.Context) error {
	if err := m.m.Init(ctx); err != nil {
		return wrap("migration tables", err)
	}
	unknown, err := m.m.MissingMigrations(ctx)
	if err != nil {
		return wrap("migration status", err)
	}
	if len(unknown) == 0 {
		return nil
	}
	names := make([]string, 0, len(unknown))
	for _, mig := range unknown {
		names = append(names, mig.Name)
	}
	return fmt.Errorf("%w: it has migrations this binary does not know (%s); run the newer diwan, or restore a backup made before it",
		ErrSchemaTooNew, strings.Join(names, ", "))
}

// Unlock releases a migration lock left behind by a crashed process.
func (m *Migrator) Unlock(ctx context.Context) error {
	if err := m.m.Init(ctx); err != nil {
		return wrap("migration tables", err)
	}
	return m.m.Unlock(ctx)
}

// locked runs fn holding the migration lock (waiting up to lockWait for it)
// once the schema is known not to be newer than this binary.
func (m *Migrator) locked(ctx context.Context, fn func() error) error {
	if err := m.m.Init(ctx); err != nil {
		return wrap("migration tables", err)
	}
	deadline := time.Now().Add(m.lockWait)
	for m.m.Lock(ctx) != nil {
		if time.Now().After(deadline) {
			return fmt.Errorf("%w; if none is running, `diwan migrate unlock` releases it", ErrMigrationsLocked)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	defer func() { _ = m.m.Unlock(context.WithoutCancel(ctx)) }()
	if err := m.CheckNotNewer(ctx); err != nil {
		return err
	}
	return fn()
}
