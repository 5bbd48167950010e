package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/VictoriaMetrics/metrics"
	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
)

func TestSettingsRepository(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, d)
			if s.Dialect() != d {
				t.Fatalf("dialect = %s", s.Dialect())
			}
			repo := s.Settings()
			if _, err := repo.Get(ctx, "absent"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("get absent: want ErrNotFound, got %v", err)
			}
			if err := repo.Delete(ctx, "absent"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("delete absent: want ErrNotFound, got %v", err)
			}
			for _, v := range []string{"first", "second – ثاني"} {
				if err := repo.Put(ctx, "greeting", v); err != nil {
					t.Fatalf("put %q: %v", v, err)
				}
				got, err := repo.Get(ctx, "greeting")
				if err != nil || got.Value != v {
					t.Fatalf("get after put %q = %+v, %v", v, got, err)
				}
			}
			if err := repo.Put(ctx, "another", "x"); err != nil {
				t.Fatal(err)
			}
			list, err := repo.List(ctx)
			if err != nil || len(list) != 2 || list[0].Name != "another" || list[1].Name != "greeting" {
				t.Fatalf("list = %+v, %v", list, err)
			}
			if err := repo.Delete(ctx, "greeting"); err != nil {
				t.Fatal(err)
			}
			if _, err := repo.Get(ctx, "greeting"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("get deleted: %v", err)
			}
		})
	}
}

func TestInTxRollsBackOnError(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, d)
			boom := errors.New("boom")
			err := s.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
				if err := s.SettingsTx(tx).Put(ctx, "half", "written"); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("InTx error = %v", err)
			}
			if _, err := s.Settings().Get(ctx, "half"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("rolled-back write is visible: %v", err)
			}
			err = s.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
				return s.SettingsTx(tx).Put(ctx, "whole", "written")
			})
			if err != nil {
				t.Fatal(err)
			}
			if got, err := s.Settings().Get(ctx, "whole"); err != nil || got.Value != "written" {
				t.Fatalf("committed write = %+v, %v", got, err)
			}
		})
	}
}

func TestPoolMetrics(t *testing.T) {
	s := storetest.Open(t, config.SQLite)
	set := metrics.NewSet()
	s.RegisterMetrics(set)
	var b strings.Builder
	set.WritePrometheus(&b)
	for _, name := range []string{
		`diwan_db_pool_open_connections{dialect="sqlite"}`,
		`diwan_db_pool_max_open_connections{dialect="sqlite"} 4`,
		`diwan_db_pool_in_use_connections{dialect="sqlite"} 0`,
	} {
		if !strings.Contains(b.String(), name) {
			t.Errorf("metrics lack %s:\n%s", name, b.String())
		}
	}
}

func TestOpenRefusesBadDSN(t *testing.T) {
	_, err := store.Open(context.Background(), storetest.Pool("oracle://nowhere"))
	if err == nil || !strings.Contains(err.Error(), "database.dsn") {
		t.Fatalf("want a database.dsn error, got %v", err)
	}
}

func TestOpenUnreachableServerFailsWithoutPassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5e9)
	defer cancel()
	for _, dsn := range []string{"postgres://u:hunter2@127.0.0.1:1/db?sslmode=disable", "mysql://u:hunter2@127.0.0.1:1/db"} {
		_, err := store.Open(ctx, storetest.Pool(dsn))
		if err == nil {
			t.Fatalf("%s: opened a closed port", dsn)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Fatalf("error leaks the password: %v", err)
		}
	}
}

// The SQLite files hold password hashes and sessions: owner only.
func TestSQLiteFilesArePrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "diwan.db")
	check := func(when string) {
		for _, p := range []string{path, path + "-wal"} {
			info, err := os.Stat(p)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			if info.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: %s has mode %v", when, p, info.Mode().Perm())
			}
		}
	}
	s, err := store.Open(context.Background(), storetest.Pool("sqlite:"+path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrator().Up(context.Background()); err != nil {
		t.Fatal(err)
	}
	check("new database")
	_ = s.Close()
	// An existing database made readable by others is tightened on open.
	for _, p := range []string{path, path + "-wal"} {
		if err := os.Chmod(p, 0o644); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	s, err = store.Open(context.Background(), storetest.Pool("sqlite:"+path))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Settings().Put(context.Background(), "k", "v"); err != nil {
		t.Fatal(err)
	}
	check("reopened database")
}
