package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/config"
)

// User is a panel account.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID                int64     `bun:"id,pk,autoincrement"`
	Username          string    `bun:"username"`
	PasswordHash      string    `bun:"password_hash"`
	Role              string    `bun:"role"`
	Disabled          bool      `bun:"disabled"`
	TOTPSecret        string    `bun:"totp_secret"`
	TOTPEnabled       bool      `bun:"totp_enabled"`
	TOTPLastStep      int64     `bun:"totp_last_step"`
	CreatedAt         time.Time `bun:"created_at"`
	UpdatedAt         time.Time `bun:"updated_at"`
	PasswordChangedAt time.Time `bun:"password_changed_at"`
}

// Users is the repository of accounts. hot is nil inside a transaction.
type Users struct {
	db      bun.IDB
	dialect config.Dialect
	hot     *hotQueries
}

// Users returns the account repository on the pool.
func (s *Store) Users() *Users { return &Users{db: s.db, dialect: s.dialect, hot: s.hot} }

const userByID = `SELECT id, username, password_hash, role, disabled, totp_secret, totp_enabled, totp_last_step,
 created_at, updated_at, password_changed_at FROM users WHERE id = ?`

// UsersTx returns the account repository inside tx.
func (s *Store) UsersTx(tx bun.Tx) *Users { return &Users{db: tx, dialect: s.dialect} }

// Create inserts u, setting its ID and timestamps; a taken username is
// ErrConflict.
func (r *Users) Create(ctx context.Context, u *User) error {
	now := time.Now().UTC()
	u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt = now, now, now
	if _, err := r.db.NewInsert().Model(u).Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create user %q: %w", u.Username, ErrConflict)
		}
		return fmt.Errorf("store: create user: %w", err)
	}
	return nil
}

// Get returns the user with id, or ErrNotFound.
func (r *Users) Get(ctx context.Context, id int64) (User, error) {
	var u User
	var err error
	if r.hot != nil {
		err = r.hot.scanOne(ctx, &u, userByID, id)
	} else {
		err = r.db.NewSelect().Model(&u).Where("id = ?", id).Scan(ctx)
	}
	if err != nil {
		return User{}, notFound("get user", err)
	}
	return u, nil
}

// GetByUsername returns the user called name, or ErrNotFound.
func (r *Users) GetByUsername(ctx context.Context, name string) (User, error) {
	var u User
	if err := r.db.NewSelect().Model(&u).Where("username = ?", name).Scan(ctx); err != nil {
		return User{}, notFound("get user by name", err)
	}
	return u, nil
}

// List returns every user ordered by username.
func (r *Users) List(ctx context.Context) ([]User, error) {
	var out []User
	if err := r.db.NewSelect().Model(&out).Order("username").Scan(ctx); err != nil {
		return nil, notFound("list users", err)
	}
	return out, nil
}

// Update writes the named columns of u (UpdatedAt is always written).
func (r *Users) Update(ctx context.Context, u *User, columns ...string) error {
	u.UpdatedAt = time.Now().UTC()
	res, err := r.db.NewUpdate().Model(u).Column(append(columns, "updated_at")...).WherePK().Exec(ctx)
	if err != nil {
		return notFound("update user", err)
	}
	return mustAffect("update user", res)
}

// Delete removes the user with id and, by cascade, its sessions, tokens and
// recovery codes.
func (r *Users) Delete(ctx context.Context, id int64) error {
	res, err := r.db.NewDelete().Model((*User)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return notFound("delete user", err)
	}
	return mustAffect("delete user", res)
}

// ActiveAdmins returns the ids of enabled admins, locking their rows inside a
// transaction (on PostgreSQL and MySQL; SQLite serialises writers) so that
// two requests cannot each remove a different last admin.
func (r *Users) ActiveAdmins(ctx context.Context) ([]int64, error) {
	var ids []int64
	q := r.db.NewSelect().Model((*User)(nil)).Column("id").
		Where("role = ?", "admin").Where("disabled = ?", false).Order("id")
	if _, inTx := r.db.(bun.Tx); inTx && r.dialect != config.SQLite {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx, &ids); err != nil {
		return nil, notFound("list admins", err)
	}
	return ids, nil
}

// AdvanceTOTPStep records that the user's TOTP code for step was used. It
// returns ErrNotFound when step is not after the last recorded one, so a
// code can be used once even by two requests racing.
func (r *Users) AdvanceTOTPStep(ctx context.Context, id, step int64) error {
	res, err := r.db.NewUpdate().Model((*User)(nil)).Set("totp_last_step = ?", step).
		Where("id = ?", id).Where("totp_last_step < ?", step).Exec(ctx)
	if err != nil {
		return notFound("advance totp step", err)
	}
	return mustAffect("advance totp step", res)
}
