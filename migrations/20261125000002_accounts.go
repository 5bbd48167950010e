package migrations

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

type userV1 struct {
	bun.BaseModel `bun:"table:users"`

	ID                int64     `bun:"id,pk,autoincrement"`
	Username          string    `bun:"username,notnull,unique,type:varchar(64)"`
	PasswordHash      string    `bun:"password_hash,notnull,type:varchar(255)"`
	Role              string    `bun:"role,notnull,type:varchar(16)"`
	Disabled          bool      `bun:"disabled,notnull"`
	TOTPSecret        string    `bun:"totp_secret,notnull,type:varchar(128)"`
	TOTPEnabled       bool      `bun:"totp_enabled,notnull"`
	TOTPLastStep      int64     `bun:"totp_last_step,notnull"`
	CreatedAt         time.Time `bun:"created_at,notnull"`
	UpdatedAt         time.Time `bun:"updated_at,notnull"`
	PasswordChangedAt time.Time `bun:"password_changed_at,notnull"`
}

type sessionV1 struct {
	bun.BaseModel `bun:"table:sessions"`

	TokenHash      string    `bun:"token_hash,pk,type:varchar(64)"`
	ID             string    `bun:"id,notnull,unique,type:varchar(32)"`
	UserID         int64     `bun:"user_id,notnull"`
	Username       string    `bun:"username,notnull,type:varchar(64)"`
	Role           string    `bun:"role,notnull,type:varchar(16)"`
	CSRFToken      string    `bun:"csrf_token,notnull,type:varchar(64)"`
	MustEnrollTOTP bool      `bun:"must_enroll_totp,notnull"`
	IP             string    `bun:"ip,notnull,type:varchar(64)"`
	UserAgent      string    `bun:"user_agent,notnull,type:varchar(255)"`
	CreatedAt      time.Time `bun:"created_at,notnull"`
	LastSeenAt     time.Time `bun:"last_seen_at,notnull"`
	ExpiresAt      time.Time `bun:"expires_at,notnull"`
}

type apiTokenV1 struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID         int64      `bun:"id,pk,autoincrement"`
	UserID     int64      `bun:"user_id,notnull"`
	Name       string     `bun:"name,notnull,type:varchar(64)"`
	TokenHash  string     `bun:"token_hash,notnull,unique,type:varchar(64)"`
	Role       string     `bun:"role,notnull,type:varchar(16)"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	ExpiresAt  time.Time  `bun:"expires_at,notnull"`
	LastUsedAt *time.Time `bun:"last_used_at"`
}

type recoveryCodeV1 struct {
	bun.BaseModel `bun:"table:recovery_codes"`

	ID       int64      `bun:"id,pk,autoincrement"`
	UserID   int64      `bun:"user_id,notnull"`
	CodeHash string     `bun:"code_hash,notnull,type:varchar(64)"`
	UsedAt   *time.Time `bun:"used_at"`
}

type auditEntryV1 struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID      int64     `bun:"id,pk,autoincrement"`
	At      time.Time `bun:"at,notnull"`
	ActorID *int64    `bun:"actor_id"`
	Actor   string    `bun:"actor,notnull,type:varchar(128)"`
	Via     string    `bun:"via,notnull,type:varchar(16)"`
	IP      string    `bun:"ip,notnull,type:varchar(64)"`
	Action  string    `bun:"action,notnull,type:varchar(128)"`
	Target  string    `bun:"target,notnull,type:varchar(255)"`
	Result  string    `bun:"result,notnull,type:varchar(16)"`
	Status  int       `bun:"status,notnull"`
	Details string    `bun:"details,notnull,type:text"`
}

// accountTables in creation order, dropped in reverse. Rows a user owns go
// with the user; audit entries outlive their actor.
var accountTables = []struct {
	model       any
	ownedByUser bool
}{
	{(*userV1)(nil), false},
	{(*sessionV1)(nil), true},
	{(*apiTokenV1)(nil), true},
	{(*recoveryCodeV1)(nil), true},
	{(*auditEntryV1)(nil), false},
}

var accountIndexes = []struct{ table, name, columns string }{
	{"sessions", "sessions_user_id_idx", "user_id"},
	{"api_tokens", "api_tokens_user_id_idx", "user_id"},
	{"recovery_codes", "recovery_codes_user_id_idx", "user_id"},
	{"audit_log", "audit_log_at_idx", "at"},
	{"audit_log", "audit_log_actor_id_idx", "actor_id"},
	{"audit_log", "audit_log_action_idx", "action"},
}

func init() {
	register("20261125000002", "accounts", createAccounts, dropAccounts)
}

func createAccounts(ctx context.Context, tx bun.Tx) error {
	for _, t := range accountTables {
		q := tx.NewCreateTable().Model(t.model)
		if t.ownedByUser {
			q = q.ForeignKey(`(user_id) REFERENCES users (id) ON DELETE CASCADE`)
		}
		if _, err := q.Exec(ctx); err != nil {
			return err
		}
	}
	for _, ix := range accountIndexes {
		if _, err := tx.NewCreateIndex().Table(ix.table).Index(ix.name).Column(ix.columns).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func dropAccounts(ctx context.Context, tx bun.Tx) error {
	for i := len(accountTables) - 1; i >= 0; i-- {
		if _, err := tx.NewDropTable().Model(accountTables[i].model).IfExists().Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}
