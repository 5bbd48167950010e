package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
	"github.com/diwanpanel/diwan/migrations"
)

func TestMigrateUpStatusDown(t *testing.T) {
	known := len(migrations.All().Sorted())
	storetest.ForEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, err := store.Open(ctx, storetest.Pool(dsn))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		m := s.Migrator()
		if n, err := m.Pending(ctx); err != nil || n != known {
			t.Fatalf("pending on an empty database = %d, %v; want %d", n, err, known)
		}
		applied, err := m.Up(ctx)
		if err != nil || len(applied) != known {
			t.Fatalf("up = %v, %v", applied, err)
		}
		if again, err := m.Up(ctx); err != nil || len(again) != 0 {
			t.Fatalf("second up = %v, %v", again, err)
		}
		status, err := m.Status(ctx)
		if err != nil || len(status) != known {
			t.Fatalf("status = %+v, %v", status, err)
		}
		for _, st := range status {
			if !st.Applied || st.AppliedAt.IsZero() {
				t.Errorf("%s not applied: %+v", st.Name, st)
			}
		}
		if err := s.Settings().Put(ctx, "k", "v"); err != nil {
			t.Fatalf("table missing after up: %v", err)
		}
		reverted, err := m.Down(ctx)
		if err != nil || len(reverted) != known {
			t.Fatalf("down = %v, %v", reverted, err)
		}
		if err := s.Settings().Put(ctx, "k", "v"); err == nil {
			t.Fatal("settings table still there after down")
		}
		if n, err := m.Pending(ctx); err != nil || n != known {
			t.Fatalf("pending after down = %d, %v", n, err)
		}
	})
}

func TestRefusesNewerSchema(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, err := store.Open(ctx, storetest.Pool(dsn))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		m := s.Migrator()
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		_, err = s.DB().ExecContext(ctx,
			"INSERT INTO bun_migrations (name, group_id, migrated_at) VALUES ('29991231000000', 99, CURRENT_TIMESTAMP)")
		if err != nil {
			t.Fatal(err)
		}
		for name, call := range map[string]func() error{
			"check": func() error { return m.CheckNotNewer(ctx) },
			"up":    func() error { _, err := m.Up(ctx); return err },
			"down":  func() error { _, err := m.Down(ctx); return err },
		} {
			err := call()
			if !errors.Is(err, store.ErrSchemaTooNew) || !strings.Contains(err.Error(), "29991231000000") {
				t.Errorf("%s: want ErrSchemaTooNew naming the migration, got %v", name, err)
			}
		}
		if err := s.Settings().Put(ctx, "still", "here"); err != nil {
			t.Fatalf("down ran despite the refusal: %v", err)
		}
	})
}

func TestMigrationLockIsHonoured(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, storetest.Pool(storetest.NewDatabase(t, "sqlite")))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.DB().ExecContext(ctx, "CREATE TABLE bun_migration_locks (id INTEGER PRIMARY KEY, table_name VARCHAR UNIQUE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, `INSERT INTO bun_migration_locks (table_name) VALUES ('bun_migrations')`); err != nil {
		t.Fatal(err)
	}
	m := s.Migrator()
	store.SetLockWait(m, 0)
	if _, err := m.Up(ctx); !errors.Is(err, store.ErrMigrationsLocked) {
		t.Fatalf("up under a held lock: %v", err)
	}
	if err := m.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(ctx); err != nil {
		t.Fatalf("up after unlock: %v", err)
	}
}
