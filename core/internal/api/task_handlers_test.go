package api

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
)

func TestTaskRoutes(t *testing.T) {
	s := newTestServer(t, nil, nil)
	s.mkUser(t, "tess", auth.RoleViewer)
	c := s.login(t, "tess")
	ctx := context.Background()
	running, err := s.tasks.Start(ctx, tasksSpec("hello/wave"))
	if err != nil {
		t.Fatal(err)
	}
	done, _ := s.tasks.Start(ctx, tasksSpec("hello/sleep"))
	_ = s.tasks.Log(ctx, done.ID, "info", "slept")
	_ = s.tasks.Finish(ctx, done.ID, json.RawMessage(`{"ok":true}`), nil)

	var list []store.Task
	c.expect(200, "GET", "/api/v1/tasks", nil, &list)
	if len(list) != 2 {
		t.Fatalf("list = %+v", list)
	}
	c.expect(200, "GET", "/api/v1/tasks?state=running", nil, &list)
	if len(list) != 1 || list[0].ID != running.ID {
		t.Fatalf("running = %+v", list)
	}
	var detail taskDetail
	c.expect(200, "GET", "/api/v1/tasks/"+done.ID, nil, &detail)
	if detail.State != store.TaskSucceeded || len(detail.Logs) != 1 || detail.Logs[0].Text != "slept" {
		t.Fatalf("detail = %+v", detail)
	}
	c.expect(404, "GET", "/api/v1/tasks/nope", nil, nil)
	for _, bad := range []string{"state=done", "limit=0", "limit=x"} {
		if resp, data := c.do("GET", "/api/v1/tasks?"+bad, nil); resp.StatusCode != 400 || errCode(data) != "invalid_query" {
			t.Errorf("%s: %d %s", bad, resp.StatusCode, data)
		}
	}
	s.anon(t).expect(401, "GET", "/api/v1/tasks", nil, nil)
}

func tasksSpec(target string) tasks.Spec {
	return tasks.Spec{Kind: "plugin.action", Target: target, Actor: "ada"}
}
