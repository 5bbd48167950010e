package pluginhost

import (
	"context"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// Invoke keeps none of its arguments' memory: an HTTP server reuses its
// request buffers as soon as the handler returns, while the action runs on.
func TestInvokeKeepsCopiesOfItsArguments(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	installReal(t, d)
	m := onDemandManager(t, d, time.Minute)
	if _, err := m.Enable(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	input := []byte(`{"times":3}`)
	task, err := m.Invoke(ctx, "hello", "wave", input, tasks.Spec{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	copy(input, `{"times":9}`) // the buffer is reused at once
	eventually(t, 10*time.Second, "the action ends", func() bool {
		got, err := d.st.Tasks().Get(ctx, task.ID)
		if err == nil && got.State != store.TaskRunning {
			task = got
			return true
		}
		return false
	})
	if task.State != store.TaskSucceeded || task.Result != `{"waved":3}` {
		t.Fatalf("task = %s %s %s", task.State, task.Result, task.Error)
	}
}
