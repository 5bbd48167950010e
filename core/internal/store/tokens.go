package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// APIToken is a bearer token for automation. Only the SHA-256 of the token
// is stored; the token itself is shown once.
type APIToken struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID         int64      `bun:"id,pk,autoincrement"`
	UserID     int64      `bun:"user_id"`
	Name       string     `bun:"name"`
	TokenHash  string     `bun:"token_hash"`
	Role       string     `bun:"role"`
	CreatedAt  time.Time  `bun:"created_at"`
	ExpiresAt  time.Time  `bun:"expires_at"`
	LastUsedAt *time.Time `bun:"last_used_at"`
}

// Tokens is the repository of API tokens.
type Tokens struct {
	db  bun.IDB
	hot *hotQueries
}

// Tokens returns the API token repository.
func (s *Store) Tokens() *Tokens { return &Tokens{db: s.db, hot: s.hot} }

//nolint:gosec // G101: a query, not a credential
const tokenByHash = `SELECT id, user_id, name, token_hash, role, created_at, expires_at, last_used_at
 FROM api_tokens WHERE token_hash = ?`

// Create inserts t and sets its ID.
func (r *Tokens) Create(ctx context.Context, t *APIToken) error {
	t.CreatedAt = time.Now().UTC()
	if _, err := r.db.NewInsert().Model(t).Exec(ctx); err != nil {
		return notFound("create token", err)
	}
	return nil
}

// GetByHash returns the token whose hash is tokenHash, or ErrNotFound.
func (r *Tokens) GetByHash(ctx context.Context, tokenHash string) (APIToken, error) {
	var t APIToken
	if err := r.hot.scanOne(ctx, &t, tokenByHash, tokenHash); err != nil {
		return APIToken{}, notFound("get token", err)
	}
	return t, nil
}

// ListByUser returns the user's tokens, newest first.
func (r *Tokens) ListByUser(ctx context.Context, userID int64) ([]APIToken, error) {
	var out []APIToken
	if err := r.db.NewSelect().Model(&out).Where("user_id = ?", userID).Order("id DESC").Scan(ctx); err != nil {
		return nil, notFound("list tokens", err)
	}
	return out, nil
}

// Delete removes the user's token with id, or returns ErrNotFound.
func (r *Tokens) Delete(ctx context.Context, userID, id int64) error {
	res, err := r.db.NewDelete().Model((*APIToken)(nil)).Where("id = ?", id).Where("user_id = ?", userID).Exec(ctx)
	if err != nil {
		return notFound("delete token", err)
	}
	return mustAffect("delete token", res)
}

// Touch records that the token was used at.
func (r *Tokens) Touch(ctx context.Context, id int64, at time.Time) error {
	_, err := r.db.NewUpdate().Model((*APIToken)(nil)).Set("last_used_at = ?", at).Where("id = ?", id).Exec(ctx)
	return wrap("touch token", err)
}
