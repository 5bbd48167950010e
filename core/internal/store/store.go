// Package store is Diwan's database layer: one bun.DB over SQLite,
// PostgreSQL or MySQL/MariaDB (picked by the DSN's scheme), its connection
// pool, transactions, migrations, and the repositories the rest of core uses.
// A missing row is reported as ErrNotFound, never as a nil result.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// ErrNotFound is returned when the row asked for does not exist.
var ErrNotFound = errors.New("store: not found")

// Store is an open database with its pool.
type Store struct {
	db      *bun.DB
	dialect config.Dialect
	hot     *hotQueries
}

// Open connects to the database named by cfg.DSN, sizes its pool and checks
// that it answers.
func Open(ctx context.Context, cfg config.DatabaseConfig) (*Store, error) {
	dsn, err := config.ParseDSN(cfg.DSN)
	if err != nil {
		return nil, fmt.Errorf("store: database.dsn: %w", err)
	}
	db, err := connect(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", dsn.Dialect, err)
	}
	sqldb := db.DB
	sqldb.SetMaxOpenConns(cfg.MaxOpenConns)
	sqldb.SetMaxIdleConns(cfg.MaxIdleConns)
	sqldb.SetConnMaxLifetime(cfg.ConnMaxLifetime)
	sqldb.SetConnMaxIdleTime(cfg.ConnMaxIdleTime)
	s := &Store{db: db, dialect: dsn.Dialect, hot: &hotQueries{db: db, dialect: dsn.Dialect}}
	if err := s.Ping(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// DB is the bun handle, for repositories and migrations.
func (s *Store) DB() *bun.DB { return s.db }

// Dialect names the database family in use.
func (s *Store) Dialect() config.Dialect { return s.dialect }

// Ping checks that the database answers a query within ctx's deadline.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.NewSelect().ColumnExpr("1").Scan(ctx, &one); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	return nil
}

// Close closes every connection of the pool.
func (s *Store) Close() error {
	s.hot.close()
	return s.db.Close()
}

// InTx runs fn in a transaction, committed when fn returns nil and rolled
// back otherwise (also when fn panics).
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.db.RunInTx(ctx, nil, fn)
}

// notFound turns sql.ErrNoRows into ErrNotFound and wraps other errors.
func notFound(op string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", op, err)
}
