package pluginhost

import (
	"context"
	"encoding/json"

	"github.com/diwanpanel/diwan/core/internal/schedule"
	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// Schedules lists the schedules the manifests of enabled plugins declare;
// a failed plugin's are left out until the operator restarts it.
func (m *Manager) Schedules(ctx context.Context) ([]schedule.Job, error) {
	list, err := m.plugins.List(ctx)
	if err != nil {
		return nil, err
	}
	var jobs []schedule.Job
	for _, p := range list {
		if !p.Enabled || p.State == StateFailed {
			continue
		}
		ident, err := entryIdentity(p)
		if err != nil {
			m.log.Warn("schedules skipped", "plugin", p.ID, "error", err)
			continue
		}
		for _, s := range ident.Schedules {
			input := json.RawMessage(s.Input)
			if len(input) == 0 {
				input = json.RawMessage("{}")
			}
			jobs = append(jobs, schedule.Job{Plugin: p.ID, Name: s.Name, Cron: s.Cron, Action: s.Action, Input: input})
		}
	}
	return jobs, nil
}

// RunScheduled starts job's action as a task on behalf of the scheduler,
// waking an on-demand plugin for it.
func (m *Manager) RunScheduled(ctx context.Context, job schedule.Job) error {
	_, err := m.Invoke(ctx, job.Plugin, job.Action, job.Input, tasks.Spec{Actor: "scheduler:" + job.Name})
	return err
}

var (
	_ schedule.Source = (*Manager)(nil)
	_ schedule.Runner = (*Manager)(nil)
)
