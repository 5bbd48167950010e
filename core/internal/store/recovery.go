package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// RecoveryCode is one single-use second factor, stored as a hash.
type RecoveryCode struct {
	bun.BaseModel `bun:"table:recovery_codes"`

	ID       int64      `bun:"id,pk,autoincrement"`
	UserID   int64      `bun:"user_id"`
	CodeHash string     `bun:"code_hash"`
	UsedAt   *time.Time `bun:"used_at"`
}

// RecoveryCodes is the repository of recovery codes.
type RecoveryCodes struct {
	db bun.IDB
}

// RecoveryCodes returns the repository on the pool.
func (s *Store) RecoveryCodes() *RecoveryCodes { return &RecoveryCodes{db: s.db} }

// RecoveryCodesTx returns the repository inside tx.
func (s *Store) RecoveryCodesTx(tx bun.Tx) *RecoveryCodes { return &RecoveryCodes{db: tx} }

// Replace discards the user's codes and stores hashes as the new set.
func (r *RecoveryCodes) Replace(ctx context.Context, userID int64, hashes []string) error {
	if _, err := r.db.NewDelete().Model((*RecoveryCode)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return wrap("replace recovery codes", err)
	}
	if len(hashes) == 0 {
		return nil
	}
	rows := make([]RecoveryCode, len(hashes))
	for i, h := range hashes {
		rows[i] = RecoveryCode{UserID: userID, CodeHash: h}
	}
	_, err := r.db.NewInsert().Model(&rows).Exec(ctx)
	return wrap("replace recovery codes", err)
}

// Use marks the user's unused code with hash as used, at most once: a second
// use, or an unknown code, is ErrNotFound.
func (r *RecoveryCodes) Use(ctx context.Context, userID int64, hash string, at time.Time) error {
	res, err := r.db.NewUpdate().Model((*RecoveryCode)(nil)).Set("used_at = ?", at).
		Where("user_id = ?", userID).Where("code_hash = ?", hash).Where("used_at IS NULL").Exec(ctx)
	if err != nil {
		return notFound("use recovery code", err)
	}
	return mustAffect("use recovery code", res)
}

// Remaining counts the user's unused codes.
func (r *RecoveryCodes) Remaining(ctx context.Context, userID int64) (int, error) {
	n, err := r.db.NewSelect().Model((*RecoveryCode)(nil)).Where("user_id = ?", userID).Where("used_at IS NULL").Count(ctx)
	return int(n), wrap("count recovery codes", err)
}
