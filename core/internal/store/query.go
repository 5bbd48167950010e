package store

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// upsert makes an insert replace the given columns when a row with the same
// key (one or more columns) exists, in the dialect's own syntax.
func upsert(d config.Dialect, q *bun.InsertQuery, key []string, columns ...string) *bun.InsertQuery {
	if d == config.MySQL {
		q = q.On("DUPLICATE KEY UPDATE")
		for _, c := range columns {
			q = q.Set("? = VALUES(?)", bun.Ident(c), bun.Ident(c))
		}
		return q
	}
	idents := make([]any, len(key))
	for i, k := range key {
		idents[i] = bun.Ident(k)
	}
	q = q.On("CONFLICT ("+strings.TrimSuffix(strings.Repeat("?, ", len(key)), ", ")+") DO UPDATE", idents...)
	for _, c := range columns {
		q = q.Set("? = EXCLUDED.?", bun.Ident(c), bun.Ident(c))
	}
	return q
}

// clip shortens s to at most n bytes, on a character boundary, so that
// free text from clients (a user agent, a tried username) fits its column.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// mustAffect reports ErrNotFound when a write touched no row.
func mustAffect(op string, res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	return nil
}
