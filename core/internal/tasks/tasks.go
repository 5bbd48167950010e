// Package tasks keeps long-running jobs, such as plugin actions: their
// state, progress, log lines and result, in the database so that they
// outlive the request that started them and are listed afterwards. Every
// change is published on the events channel, which the API streams to
// dashboards. Tasks that were running when the core stopped are marked
// interrupted at its next start.
package tasks

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// EventsChannel is where task changes are published.
const EventsChannel = "events"

// maxLogLines bounds what one task keeps and returns.
const maxLogLines = 1000

// Manager creates and advances tasks.
type Manager struct {
	repo   *store.Tasks
	events cache.PubSub
	now    func() time.Time
}

// NewManager keeps tasks in repo and announces changes on events.
func NewManager(repo *store.Tasks, events cache.PubSub) *Manager {
	return &Manager{repo: repo, events: events, now: time.Now}
}

// Spec says what a new task is and who started it.
type Spec struct {
	Kind    string
	Target  string
	ActorID *int64
	Actor   string
}

// Start records a running task and returns it.
func (m *Manager) Start(ctx context.Context, s Spec) (store.Task, error) {
	now := m.now().UTC()
	t := store.Task{ID: newID(), Kind: s.Kind, Target: s.Target, ActorID: s.ActorID, Actor: s.Actor,
		State: store.TaskRunning, CreatedAt: now, UpdatedAt: now}
	if err := m.repo.Create(ctx, &t); err != nil {
		return store.Task{}, err
	}
	m.announce(ctx, t)
	return t, nil
}

// Progress records how far the task is (clamped to 0..1, never moving
// back) and what it is doing.
func (m *Manager) Progress(ctx context.Context, id string, fraction float64, message string) error {
	t, err := m.repo.Get(ctx, id)
	if err != nil {
		return err
	}
	t.Progress = max(t.Progress, min(max(fraction, 0), 1))
	t.Message, t.UpdatedAt = message, m.now().UTC()
	if err := m.repo.Update(ctx, &t, "progress", "message"); err != nil {
		return err
	}
	m.announce(ctx, t)
	return nil
}

// Log appends a line to the task's log.
func (m *Manager) Log(ctx context.Context, id, level, text string) error {
	return m.repo.AppendLog(ctx, &store.TaskLog{TaskID: id, At: m.now().UTC(), Level: level, Text: text})
}

// Finish ends the task: succeeded with result, or failed with cause.
func (m *Manager) Finish(ctx context.Context, id string, result json.RawMessage, cause error) error {
	t, err := m.repo.Get(ctx, id)
	if err != nil {
		return err
	}
	now := m.now().UTC()
	t.UpdatedAt, t.FinishedAt = now, &now
	if cause != nil {
		t.State, t.Error = store.TaskFailed, cause.Error()
	} else {
		t.State, t.Progress, t.Result = store.TaskSucceeded, 1, string(result)
	}
	if err := m.repo.Update(ctx, &t, "state", "progress", "result", "error", "finished_at"); err != nil {
		return err
	}
	m.announce(ctx, t)
	return nil
}

// InterruptRunning marks the tasks a stopped core left running.
func (m *Manager) InterruptRunning(ctx context.Context) (int, error) {
	return m.repo.InterruptRunning(ctx, m.now().UTC(), "interrupted: the panel stopped while the task ran")
}

// Get returns a task and its log.
func (m *Manager) Get(ctx context.Context, id string) (store.Task, []store.TaskLog, error) {
	t, err := m.repo.Get(ctx, id)
	if err != nil {
		return store.Task{}, nil, err
	}
	logs, err := m.repo.Logs(ctx, id, maxLogLines)
	return t, logs, err
}

// List returns recent tasks, of one state when state is not empty.
func (m *Manager) List(ctx context.Context, state string, limit int) ([]store.Task, error) {
	return m.repo.List(ctx, state, limit)
}

// Event is what dashboards receive for a task change.
type Event struct {
	Kind string     `json:"kind"`
	Task store.Task `json:"task"`
}

// announce publishes t; a lost announcement only delays a dashboard, which
// can always read the task.
func (m *Manager) announce(ctx context.Context, t store.Task) {
	b, err := json.Marshal(Event{Kind: "task", Task: t})
	if err == nil {
		_ = m.events.Publish(context.WithoutCancel(ctx), EventsChannel, b)
	}
}

func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
