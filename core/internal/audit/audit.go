// Package audit records the audit trail: every change made through the API
// and every sign-in, with who, what, when, from where and the result. It
// never records a secret or a password: callers pass only names, routes and
// targets.
package audit

import (
	"context"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// Results of an audited action.
const (
	ResultSuccess = "success"
	ResultFailure = "failure"
	// ResultDenied is a refusal for lack of credentials, rights or a lockout.
	ResultDenied = "denied"
)

// ResultOf classifies an HTTP status.
func ResultOf(status int) string {
	switch {
	case status < 400:
		return ResultSuccess
	case status == 401 || status == 403 || status == 429:
		return ResultDenied
	}
	return ResultFailure
}

// Recorder appends entries to the audit log.
type Recorder struct {
	repo *store.Audit
	log  hclog.Logger
	now  func() time.Time
}

// NewRecorder writes to repo; a failed write is logged, not returned, so an
// audit hiccup never changes an answer that was already decided.
func NewRecorder(repo *store.Audit, log hclog.Logger) *Recorder {
	return &Recorder{repo: repo, log: log, now: time.Now}
}

// Record stores e, stamping its time. The request's context may already be
// done, so the write uses one of its own, bounded.
func (r *Recorder) Record(ctx context.Context, e store.AuditEntry) {
	e.At = r.now().UTC()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := r.repo.Append(ctx, &e); err != nil {
		r.log.Error("audit entry lost", "action", e.Action, "actor", e.Actor, "error", err)
	}
}

// Query returns entries matching f; see store.AuditFilter.
func (r *Recorder) Query(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error) {
	return r.repo.Query(ctx, f)
}
