// Package storetest gives tests a fresh, empty database on each dialect:
// a temporary SQLite file, and a new PostgreSQL or MariaDB database created
// on the local server for the one test and dropped after it.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

// Dialects are the databases every store test runs against.
var Dialects = []config.Dialect{config.SQLite, config.Postgres, config.MySQL}

// Pool returns test pool settings for dsn.
func Pool(dsn string) config.DatabaseConfig {
	return config.DatabaseConfig{
		DSN: dsn, MaxOpenConns: 4, MaxIdleConns: 2,
		ConnMaxLifetime: time.Minute, ConnMaxIdleTime: time.Minute,
	}
}

// ForEach runs fn as a subtest per dialect, each with a fresh database DSN.
func ForEach(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, NewDatabase(t, d)) })
	}
}

// NewDatabase creates an empty database of dialect d for this test and
// returns its DSN. A server that cannot be reached skips the test, or fails
// it under CI=true.
func NewDatabase(t testing.TB, d config.Dialect) string {
	t.Helper()
	if d == config.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "diwan.db")
	}
	admin := testsvc.PostgresURL()
	if d == config.MySQL {
		admin = testsvc.MySQLURL()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := store.Open(ctx, Pool(admin))
	if err != nil {
		testsvc.Unavailable(t, string(d), err)
	}
	name := "diwan_t_" + randomHex(6)
	if _, err := s.DB().ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = s.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		drop := "DROP DATABASE IF EXISTS " + name
		if d == config.Postgres {
			drop += " WITH (FORCE)"
		}
		if _, err := s.DB().ExecContext(context.Background(), drop); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
		_ = s.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open opens a fresh, migrated store of dialect d, closed after the test.
func Open(t testing.TB, d config.Dialect) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, Pool(NewDatabase(t, d)))
	if err != nil {
		t.Fatalf("open %s: %v", d, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Migrator().Up(ctx); err != nil {
		t.Fatalf("migrate %s: %v", d, err)
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
