package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// AuditEntry records one change or sign-in: who, what, when, from where,
// and how it ended. It never holds a secret.
type AuditEntry struct {
	bun.BaseModel `bun:"table:audit_log"`

	ID      int64     `bun:"id,pk,autoincrement" json:"id"`
	At      time.Time `bun:"at" json:"at"`
	ActorID *int64    `bun:"actor_id" json:"actor_id,omitempty"`
	Actor   string    `bun:"actor" json:"actor"`
	Via     string    `bun:"via" json:"via"`
	IP      string    `bun:"ip" json:"ip"`
	Action  string    `bun:"action" json:"action"`
	Target  string    `bun:"target" json:"target"`
	Result  string    `bun:"result" json:"result"`
	Status  int       `bun:"status" json:"status"`
	Details string    `bun:"details" json:"details,omitempty"`
}

// AuditFilter selects audit entries; zero fields do not filter. Entries
// come newest first; BeforeID pages back from an earlier page's last ID.
type AuditFilter struct {
	ActorID  int64
	Action   string
	Result   string
	Since    time.Time
	Until    time.Time
	BeforeID int64
	Limit    int
}

// Audit is the repository of the audit trail.
type Audit struct {
	db bun.IDB
}

// Audit returns the audit repository.
func (s *Store) Audit() *Audit { return &Audit{db: s.db} }

// Append stores e and sets its ID; text fields are clipped to their columns.
func (r *Audit) Append(ctx context.Context, e *AuditEntry) error {
	e.Actor, e.Action, e.Target, e.IP = clip(e.Actor, 128), clip(e.Action, 128), clip(e.Target, 255), clip(e.IP, 64)
	_, err := r.db.NewInsert().Model(e).Exec(ctx)
	return wrap("append audit entry", err)
}

// Query returns the entries matching f, newest first, at most f.Limit.
func (r *Audit) Query(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	out := []AuditEntry{}
	q := r.db.NewSelect().Model(&out).Order("id DESC").Limit(int64(f.Limit))
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Result != "" {
		q = q.Where("result = ?", f.Result)
	}
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since)
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until)
	}
	if f.BeforeID != 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, wrap("query audit log", err)
	}
	return out, nil
}
