package pluginhost

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// actionTimeout bounds one action; a longer job reports progress and is
// split by its plugin.
const actionTimeout = time.Hour

// Invoke starts action of the plugin as a task and returns the task at
// once (keeping none of its arguments' memory); progress and log lines flow into the task while the action runs in
// the background. A plugin that is not running fails fast.
func (m *Manager) Invoke(ctx context.Context, id, action string, input json.RawMessage, who tasks.Spec) (store.Task, error) {
	if err := m.wake(ctx, id); err != nil {
		return store.Task{}, err
	}
	if _, err := m.sup.Client(id); err != nil {
		return store.Task{}, m.explainUnavailable(ctx, id, err)
	}
	who.Kind, who.Target = "plugin.action", id+"/"+action
	task, err := m.tasks.Start(ctx, who)
	if err != nil {
		return store.Task{}, err
	}
	// The action outlives the call: it keeps copies, never the caller's
	// memory (an HTTP server may reuse its request buffers at once).
	id, action, input = strings.Clone(id), strings.Clone(action), bytes.Clone(input)
	go m.run(task.ID, id, action, input) //nolint:gosec // G118: the action outlives its request and has its own deadline
	return task, nil
}

// run performs the action and records its end: succeeded with the result,
// or failed with the reason (also when the plugin stopped under it).
func (m *Manager) run(taskID, id, action string, input json.RawMessage) {
	ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
	defer cancel()
	out, err := call(ctx, m, id, "Invoke", func(ctx context.Context, c *grpcplugin.Client) (json.RawMessage, error) {
		return c.Invoke(ctx, grpcplugin.Call{Action: action, Input: input, TaskID: taskID}, &taskReporter{ctx: ctx, tasks: m.tasks, id: taskID})
	})
	if ferr := m.tasks.Finish(context.WithoutCancel(ctx), taskID, out, err); ferr != nil {
		m.log.Error("cannot record the end of a task", "task", taskID, "error", ferr)
	}
}

// taskReporter turns an action's progress into task updates.
type taskReporter struct {
	ctx   context.Context
	tasks *tasks.Manager
	id    string
}

func (r *taskReporter) Progress(fraction float64, msg string) {
	_ = r.tasks.Progress(r.ctx, r.id, fraction, msg)
}

func (r *taskReporter) Log(level, text string) {
	_ = r.tasks.Log(r.ctx, r.id, level, text)
}
