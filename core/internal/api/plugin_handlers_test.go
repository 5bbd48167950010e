package api

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// buildHello builds the SDK's example plugin into a private 0755 directory.
func buildHello(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "plugins")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "hello")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/diwanpanel/diwan/sdk/examples/hello").CombinedOutput()
	if err != nil {
		t.Fatalf("build hello: %v\n%s", err, out)
	}
	return bin
}

func TestPluginRoutesDriveARealPlugin(t *testing.T) {
	s := newTestServer(t, nil, nil)
	if _, err := pluginhost.Install(context.Background(), s.store.Plugins(), buildHello(t)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.plugins.StopAll(context.Background()) })
	s.mkUser(t, "root", auth.RoleAdmin)
	admin := s.login(t, "root")

	var st pluginhost.Status
	admin.expect(200, "POST", "/api/v1/plugins/hello/enable", nil, &st)
	if !st.Enabled || !st.Running || !slices.Equal(st.Permissions, []string{"kv"}) {
		t.Fatalf("enabled = %+v", st)
	}
	var list []pluginhost.Status
	admin.expect(200, "GET", "/api/v1/plugins", nil, &list)
	if len(list) != 1 || !list[0].Running {
		t.Fatalf("list = %+v", list)
	}
	exerciseHello(t, s, admin)
	admin.expect(200, "PUT", "/api/v1/plugins/hello/settings", `{"greeting":"marhaba"}`, nil)
	for _, bad := range []string{`{"greeting":5}`, `{"greeting":"` + strings.Repeat("x", 65) + `"}`} {
		if resp, data := admin.do("PUT", "/api/v1/plugins/hello/settings", bad); resp.StatusCode != 422 || !strings.Contains(string(data), "greeting") {
			t.Errorf("bad settings %s: %d %s", bad, resp.StatusCode, data)
		}
	}
	admin.expect(400, "PUT", "/api/v1/plugins/hello/settings", `[1]`, nil)
	if got := string(admin.expect(200, "GET", "/api/v1/plugins/hello/settings", nil, nil)); got != `{"greeting":"marhaba"}` {
		t.Fatalf("refused settings changed the stored ones: %s", got)
	}
	admin.expect(200, "GET", "/api/v1/plugins/hello/logs", nil, nil)
	admin.expect(200, "POST", "/api/v1/plugins/hello/disable", nil, &st)
	if st.Enabled || st.Running {
		t.Fatalf("disabled = %+v", st)
	}
	if _, data := admin.do("POST", "/api/v1/plugins/hello/restart", nil); errCode(data) != "plugin_unavailable" {
		t.Fatalf("restart of a disabled plugin: %s", data)
	}
	admin.expect(404, "POST", "/api/v1/plugins/nope/enable", nil, nil)
}

// exerciseHello drives hello's resources and its action through the API.
func exerciseHello(t *testing.T, s *testServer, c *client) {
	t.Helper()
	base := "/api/v1/plugins/hello/resources/greeting"
	var created resourceView
	c.expect(201, "POST", base, `{"name":"Ada","message":"marhaba"}`, &created)
	if created.ID == "" || !strings.Contains(string(created.Data), "marhaba") {
		t.Fatalf("created = %+v", created)
	}
	var page resourcePage
	c.expect(200, "GET", base, nil, &page)
	if len(page.Items) != 1 || page.Items[0].ID != created.ID {
		t.Fatalf("page = %+v", page)
	}
	c.expect(200, "GET", base+"/"+created.ID, nil, nil)
	if resp, data := c.do("PUT", base+"/"+created.ID, `{"name":"","message":"x"}`); resp.StatusCode != 422 || !strings.Contains(string(data), `"field":"/name"`) {
		t.Fatalf("bad update = %d %s", resp.StatusCode, data)
	}
	c.expect(400, "POST", base, `not json`, nil)
	c.expect(204, "DELETE", base+"/"+created.ID, nil, nil)
	c.expect(404, "GET", base+"/"+created.ID, nil, nil)

	var task store.Task
	c.expect(202, "POST", "/api/v1/plugins/hello/actions/wave", `{"times":3}`, &task)
	deadline := time.Now().Add(10 * time.Second)
	for task.State == store.TaskRunning && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		c.expect(200, "GET", "/api/v1/tasks/"+task.ID, nil, &task)
	}
	if task.State != store.TaskSucceeded || task.Result != `{"waved":3}` || task.Progress != 1 {
		t.Fatalf("task = %+v", task)
	}
}

// The manifest is served from the catalog, also while the plugin is
// disabled; an entry without one is described from its pinned binary, and a
// binary changed after install is refused.
func TestPluginManifest(t *testing.T) {
	s := newTestServer(t, nil, nil)
	bin := buildHello(t)
	if _, err := pluginhost.Install(context.Background(), s.store.Plugins(), bin); err != nil {
		t.Fatal(err)
	}
	s.mkUser(t, "vera", auth.RoleViewer)
	viewer := s.login(t, "vera")
	var m struct {
		ID            string `json:"id"`
		ResourceKinds []struct {
			Kind    string `json:"kind"`
			Schema  string `json:"schema"`
			Columns []struct {
				Field string `json:"field"`
			} `json:"columns"`
		} `json:"resource_kinds"`
		Actions []struct {
			Name        string `json:"name"`
			InputSchema string `json:"input_schema"`
		} `json:"actions"`
		SettingsSchema string `json:"settings_schema"`
	}
	viewer.expect(200, "GET", "/api/v1/plugins/hello/manifest", nil, &m)
	if m.ID != "hello" || len(m.ResourceKinds) != 1 || m.ResourceKinds[0].Kind != "greeting" ||
		len(m.ResourceKinds[0].Columns) == 0 || !strings.Contains(m.ResourceKinds[0].Schema, `"name"`) {
		t.Fatalf("manifest = %+v", m)
	}
	if len(m.Actions) != 1 || m.Actions[0].Name != "wave" || !strings.Contains(m.Actions[0].InputSchema, "times") || m.SettingsSchema == "" {
		t.Fatalf("manifest actions/settings = %+v", m)
	}
	viewer.expect(404, "GET", "/api/v1/plugins/nope/manifest", nil, nil)
	s.anon(t).expect(401, "GET", "/api/v1/plugins/hello/manifest", nil, nil)

	// An entry from before the catalog kept manifests is described from its
	// pinned binary, which must not have changed.
	ctx := context.Background()
	p, err := s.store.Plugins().Get(ctx, "hello")
	if err != nil {
		t.Fatal(err)
	}
	p.Manifest = ""
	if err := s.store.Plugins().Update(ctx, &p, "manifest"); err != nil {
		t.Fatal(err)
	}
	viewer.expect(200, "GET", "/api/v1/plugins/hello/manifest", nil, &m)
	if m.ID != "hello" || len(m.Actions) != 1 {
		t.Fatalf("manifest from the binary = %+v", m)
	}
	f, err := os.OpenFile(bin, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("tampered")
	_ = f.Close()
	if _, data := viewer.do("GET", "/api/v1/plugins/hello/manifest", nil); errCode(data) != "unsafe_plugin_binary" {
		t.Fatalf("tampered binary: %s", data)
	}
}
