package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// hotQueries are the few statements on every authenticated request. They
// are prepared once per connection and reused, so the database does not
// parse them again for each request (with SQLite that parse was a third of
// an authenticated read).
type hotQueries struct {
	db      *bun.DB
	dialect config.Dialect
	stmts   sync.Map // query text → *sql.Stmt
}

// scanOne runs q (written with ? placeholders) as a prepared statement and
// scans its first row into dest, or returns sql.ErrNoRows.
func (h *hotQueries) scanOne(ctx context.Context, dest any, q string, args ...any) error {
	stmt, err := h.prepare(ctx, q)
	if err != nil {
		return err
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	return h.db.ScanRow(ctx, rows, dest)
}

// scanColumn runs q (written with ? placeholders) as a prepared statement
// and returns its single column as strings, in the rows' order; none is an
// empty, non-nil slice.
func (h *hotQueries) scanColumn(ctx context.Context, q string, args ...any) ([]string, error) {
	stmt, err := h.prepare(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (h *hotQueries) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := h.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := h.db.DB.PrepareContext(ctx, h.placeholders(q))
	if err != nil {
		return nil, err
	}
	if prev, loaded := h.stmts.LoadOrStore(q, st); loaded {
		_ = st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// placeholders turns ? into $1, $2, … for PostgreSQL.
func (h *hotQueries) placeholders(q string) string {
	if h.dialect != config.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (h *hotQueries) close() {
	h.stmts.Range(func(_, st any) bool {
		_ = st.(*sql.Stmt).Close()
		return true
	})
}
