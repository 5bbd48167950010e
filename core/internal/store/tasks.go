package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Task states.
const (
	TaskRunning     = "running"
	TaskSucceeded   = "succeeded"
	TaskFailed      = "failed"
	TaskInterrupted = "interrupted"
)

// Task is a long-running job, such as a plugin action.
type Task struct {
	bun.BaseModel `bun:"table:tasks"`

	ID         string     `bun:"id,pk" json:"id"`
	Kind       string     `bun:"kind" json:"kind"`
	Target     string     `bun:"target" json:"target"`
	ActorID    *int64     `bun:"actor_id" json:"actor_id,omitempty"`
	Actor      string     `bun:"actor" json:"actor"`
	State      string     `bun:"state" json:"state" enum:"running,succeeded,failed,interrupted"`
	Progress   float64    `bun:"progress" json:"progress" doc:"from 0 to 1"`
	Message    string     `bun:"message" json:"message"`
	Result     string     `bun:"result" json:"result,omitempty" doc:"JSON, when succeeded"`
	Error      string     `bun:"error" json:"error,omitempty"`
	CreatedAt  time.Time  `bun:"created_at" json:"created_at"`
	UpdatedAt  time.Time  `bun:"updated_at" json:"updated_at"`
	FinishedAt *time.Time `bun:"finished_at" json:"finished_at,omitempty"`
}

// TaskLog is one line a task wrote.
type TaskLog struct {
	bun.BaseModel `bun:"table:task_logs"`

	ID     int64     `bun:"id,pk,autoincrement" json:"-"`
	TaskID string    `bun:"task_id" json:"-"`
	At     time.Time `bun:"at" json:"at"`
	Level  string    `bun:"level" json:"level"`
	Text   string    `bun:"text" json:"text"`
}

// Tasks is the repository of tasks and their logs.
type Tasks struct {
	db bun.IDB
}

// Tasks returns the task repository.
func (s *Store) Tasks() *Tasks { return &Tasks{db: s.db} }

// Create stores a new task.
func (r *Tasks) Create(ctx context.Context, t *Task) error {
	t.Kind, t.Target, t.Actor = clip(t.Kind, 64), clip(t.Target, 255), clip(t.Actor, 128)
	_, err := r.db.NewInsert().Model(t).Exec(ctx)
	return wrap("create task", err)
}

// Get returns the task with id, or ErrNotFound.
func (r *Tasks) Get(ctx context.Context, id string) (Task, error) {
	var t Task
	if err := r.db.NewSelect().Model(&t).Where("id = ?", id).Scan(ctx); err != nil {
		return Task{}, notFound("get task", err)
	}
	return t, nil
}

// List returns tasks newest first, of one state when state is not empty.
func (r *Tasks) List(ctx context.Context, state string, limit int) ([]Task, error) {
	out := []Task{}
	q := r.db.NewSelect().Model(&out).Order("created_at DESC", "id").Limit(int64(limit))
	if state != "" {
		q = q.Where("state = ?", state)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, wrap("list tasks", err)
	}
	return out, nil
}

// Update writes the named columns of a running task; a finished task is
// never changed again (ErrNotFound).
func (r *Tasks) Update(ctx context.Context, t *Task, columns ...string) error {
	res, err := r.db.NewUpdate().Model(t).Column(append(columns, "updated_at")...).
		WherePK().Where("state = ?", TaskRunning).Exec(ctx)
	if err != nil {
		return notFound("update task", err)
	}
	return mustAffect("update task", res)
}

// AppendLog stores a log line of the task.
func (r *Tasks) AppendLog(ctx context.Context, l *TaskLog) error {
	l.Level = clip(l.Level, 8)
	_, err := r.db.NewInsert().Model(l).Exec(ctx)
	return wrap("append task log", err)
}

// Logs returns the task's log lines, oldest first, at most limit.
func (r *Tasks) Logs(ctx context.Context, taskID string, limit int) ([]TaskLog, error) {
	out := []TaskLog{}
	err := r.db.NewSelect().Model(&out).Where("task_id = ?", taskID).Order("id").Limit(int64(limit)).Scan(ctx)
	return out, wrap("task logs", err)
}

// InterruptRunning marks every running task interrupted, at, with message.
func (r *Tasks) InterruptRunning(ctx context.Context, at time.Time, message string) (int, error) {
	res, err := r.db.NewUpdate().Model((*Task)(nil)).
		Set("state = ?", TaskInterrupted).Set("error = ?", message).
		Set("updated_at = ?", at).Set("finished_at = ?", at).
		Where("state = ?", TaskRunning).Exec(ctx)
	if err != nil {
		return 0, wrap("interrupt tasks", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
