package api

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
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
