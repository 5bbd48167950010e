package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Session is a signed-in browser. The cookie holds a random token; only its
// SHA-256 (TokenHash) is stored. ID is a separate public handle used to list
// and revoke sessions without revealing the token's hash. Username and Role
// are a snapshot taken at sign-in: any change to the user's identity revokes
// the user's sessions, so a request needs this one lookup.
type Session struct {
	bun.BaseModel `bun:"table:sessions"`

	TokenHash      string    `bun:"token_hash,pk" json:"token_hash"`
	ID             string    `bun:"id" json:"id"`
	UserID         int64     `bun:"user_id" json:"user_id"`
	Username       string    `bun:"username" json:"username"`
	Role           string    `bun:"role" json:"role"`
	CSRFToken      string    `bun:"csrf_token" json:"csrf_token"`
	MustEnrollTOTP bool      `bun:"must_enroll_totp" json:"must_enroll_totp"`
	IP             string    `bun:"ip" json:"ip"`
	UserAgent      string    `bun:"user_agent" json:"user_agent"`
	CreatedAt      time.Time `bun:"created_at" json:"created_at"`
	LastSeenAt     time.Time `bun:"last_seen_at" json:"last_seen_at"`
	ExpiresAt      time.Time `bun:"expires_at" json:"expires_at"`
}

// Sessions keeps sessions in the database.
type Sessions struct {
	db  bun.IDB
	hot *hotQueries
}

// Sessions returns the database session store.
func (s *Store) Sessions() *Sessions { return &Sessions{db: s.db, hot: s.hot} }

const sessionByHash = `SELECT token_hash, id, user_id, username, role, csrf_token, must_enroll_totp, ip, user_agent,
 created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?`

// Create stores a new session; the client's user agent is clipped to fit.
func (r *Sessions) Create(ctx context.Context, sess Session) error {
	sess.UserAgent, sess.IP = clip(sess.UserAgent, 255), clip(sess.IP, 64)
	if _, err := r.db.NewInsert().Model(&sess).Exec(ctx); err != nil {
		return notFound("create session", err)
	}
	return nil
}

// Get returns the session with tokenHash, or ErrNotFound. Expiry is the
// caller's judgement.
func (r *Sessions) Get(ctx context.Context, tokenHash string) (Session, error) {
	var sess Session
	if err := r.hot.scanOne(ctx, &sess, sessionByHash, tokenHash); err != nil {
		return Session{}, notFound("get session", err)
	}
	return sess, nil
}

// Touch records activity at, keeping the session alive until expires.
func (r *Sessions) Touch(ctx context.Context, tokenHash string, at time.Time) error {
	res, err := r.db.NewUpdate().Model((*Session)(nil)).Set("last_seen_at = ?", at).
		Where("token_hash = ?", tokenHash).Exec(ctx)
	if err != nil {
		return notFound("touch session", err)
	}
	return mustAffect("touch session", res)
}

// ListByUser returns the user's sessions, newest first.
func (r *Sessions) ListByUser(ctx context.Context, userID int64) ([]Session, error) {
	var out []Session
	if err := r.db.NewSelect().Model(&out).Where("user_id = ?", userID).Order("created_at DESC").Scan(ctx); err != nil {
		return nil, notFound("list sessions", err)
	}
	return out, nil
}

// Delete removes the session with tokenHash, or returns ErrNotFound.
func (r *Sessions) Delete(ctx context.Context, tokenHash string) error {
	res, err := r.db.NewDelete().Model((*Session)(nil)).Where("token_hash = ?", tokenHash).Exec(ctx)
	if err != nil {
		return notFound("delete session", err)
	}
	return mustAffect("delete session", res)
}

// DeleteByUser removes every session of the user except the one with
// exceptHash (empty: none spared) and returns how many went.
func (r *Sessions) DeleteByUser(ctx context.Context, userID int64, exceptHash string) (int, error) {
	q := r.db.NewDelete().Model((*Session)(nil)).Where("user_id = ?", userID)
	if exceptHash != "" {
		q = q.Where("token_hash <> ?", exceptHash)
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return 0, notFound("delete user sessions", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteExpired removes sessions past their absolute expiry or idle since
// before idleSince.
func (r *Sessions) DeleteExpired(ctx context.Context, now, idleSince time.Time) error {
	_, err := r.db.NewDelete().Model((*Session)(nil)).
		WhereOr("expires_at <= ?", now).WhereOr("last_seen_at <= ?", idleSince).Exec(ctx)
	return wrap("delete expired sessions", err)
}
