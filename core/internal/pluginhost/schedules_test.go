package pluginhost

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/schedule"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// A schedule from a manifest runs its action with its input as a task,
// waking the idle on-demand plugin, once per due minute even when two
// schedulers (two core instances) share the claims; a disabled plugin's
// schedules do not run.
func TestSchedulerRunsManifestSchedules(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	installReal(t, d, "misbehave")
	m := onDemandManager(t, d, time.Minute)
	if _, err := m.Enable(ctx, "misbehave"); err != nil {
		t.Fatal(err)
	}
	if err := m.sup.Stop(ctx, "misbehave"); err != nil { // as if it idled out
		t.Fatal(err)
	}
	jobs, err := m.Schedules(ctx)
	if err != nil || len(jobs) != 1 || jobs[0].Action != "echo" || string(jobs[0].Input) != `{"scheduled":true}` {
		t.Fatalf("schedules = %+v, %v", jobs, err)
	}
	first := schedule.New(m, m, d.events, hclog.NewNullLogger())
	second := schedule.New(m, m, d.events, hclog.NewNullLogger())
	at := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	if n := first.Tick(ctx, at); n != 1 {
		t.Fatalf("first scheduler started %d runs, want 1", n)
	}
	if n := second.Tick(ctx, at.Add(20*time.Second)); n != 0 {
		t.Fatalf("a second scheduler started the same minute's run again (%d)", n)
	}
	var task store.Task
	eventually(t, 10*time.Second, "the scheduled task succeeds", func() bool {
		list, err := d.st.Tasks().List(ctx, "", 10)
		if err != nil || len(list) != 1 {
			return false
		}
		task = list[0]
		return task.State == store.TaskSucceeded
	})
	if task.Target != "misbehave/echo" || !strings.HasPrefix(task.Actor, "scheduler:") || !strings.Contains(task.Result, `"scheduled":true`) {
		t.Fatalf("task = %+v", task)
	}

	if _, err := m.Disable(ctx, "misbehave"); err != nil {
		t.Fatal(err)
	}
	if n := first.Tick(ctx, at.Add(time.Minute)); n != 0 {
		t.Fatalf("a disabled plugin's schedule started %d runs", n)
	}
}
