package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
)

func TestTaskLifecycle(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			st := storetest.Open(t, d)
			events := cache.NewMemory()
			defer events.Close()
			sub, err := events.Subscribe(ctx, EventsChannel)
			if err != nil {
				t.Fatal(err)
			}
			m := NewManager(st.Tasks(), events)
			task, err := m.Start(ctx, Spec{Kind: "plugin.action", Target: "hello/wave", Actor: "ada"})
			if err != nil || task.State != store.TaskRunning || len(task.ID) != 24 {
				t.Fatalf("start = %+v, %v", task, err)
			}
			for _, p := range []float64{0.5, 0.2, 7} { // 0.2 does not move it back; 7 is clamped
				if err := m.Progress(ctx, task.ID, p, "step"); err != nil {
					t.Fatal(err)
				}
			}
			if err := m.Log(ctx, task.ID, "info", "waved"); err != nil {
				t.Fatal(err)
			}
			got, logs, err := m.Get(ctx, task.ID)
			if err != nil || got.Progress != 1 || len(logs) != 1 || logs[0].Text != "waved" {
				t.Fatalf("get = %+v %+v, %v", got, logs, err)
			}
			if err := m.Finish(ctx, task.ID, json.RawMessage(`{"waved":3}`), nil); err != nil {
				t.Fatal(err)
			}
			done, _, _ := m.Get(ctx, task.ID)
			if done.State != store.TaskSucceeded || done.Result != `{"waved":3}` || done.FinishedAt == nil {
				t.Fatalf("finished = %+v", done)
			}
			if err := m.Progress(ctx, task.ID, 0.1, "late"); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("a finished task changed: %v", err)
			}
			// start, three progress steps and finish were announced.
			for i := range 5 {
				select {
				case msg := <-sub.Messages():
					var e Event
					if json.Unmarshal(msg, &e) != nil || e.Kind != "task" || e.Task.ID != task.ID {
						t.Fatalf("event %d = %s", i, msg)
					}
				case <-time.After(2 * time.Second):
					t.Fatalf("event %d missing", i)
				}
			}
		})
	}
}

func TestFailedAndInterruptedTasks(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, "sqlite")
	events := cache.NewMemory()
	defer events.Close()
	m := NewManager(st.Tasks(), events)
	failing, _ := m.Start(ctx, Spec{Kind: "k", Actor: "a"})
	if err := m.Finish(ctx, failing.ID, nil, errors.New("disk full")); err != nil {
		t.Fatal(err)
	}
	left, _ := m.Start(ctx, Spec{Kind: "k", Actor: "a"})
	n, err := m.InterruptRunning(ctx)
	if err != nil || n != 1 {
		t.Fatalf("interrupted %d, %v", n, err)
	}
	got, _, _ := m.Get(ctx, left.ID)
	if got.State != store.TaskInterrupted || got.Error == "" || got.FinishedAt == nil {
		t.Fatalf("left-over task = %+v", got)
	}
	failed, _, _ := m.Get(ctx, failing.ID)
	if failed.State != store.TaskFailed || failed.Error != "disk full" {
		t.Fatalf("failed task = %+v", failed)
	}
	list, err := m.List(ctx, store.TaskInterrupted, 10)
	if err != nil || len(list) != 1 || list[0].ID != left.ID {
		t.Fatalf("list interrupted = %+v, %v", list, err)
	}
	if _, _, err := m.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown task: %v", err)
	}
}
