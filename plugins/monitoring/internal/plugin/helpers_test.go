package plugin_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/plugin"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// start serves a configured plugin sampling every 50ms, with every
// permission granted.
func start(t *testing.T, opts plugin.Options) *plugintest.Client {
	t.Helper()
	if opts.Tick == 0 {
		opts.Tick = 50 * time.Millisecond
	}
	c := plugintest.Start(t, plugin.New(opts))
	c.Host.Grant(sdk.PermissionKV, sdk.PermissionSecrets, sdk.PermissionEventsPublish)
	if err := c.Configure(raw(`{}`)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Shutdown() })
	return c
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	var invalid *sdk.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %v, want an *sdk.InvalidError for %s", err, field)
	}
	if invalid.Field != field {
		t.Errorf("field = %q, want %q (%v)", invalid.Field, field, err)
	}
}

// eventually polls cond every 50ms for up to d.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// tool returns the path of a program, skipping the test when it is
// missing, or failing it under CI=true.
func tool(t *testing.T, name, hint string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true: %s", name, hint)
		}
		t.Skipf("%s not found (%s)", name, hint)
	}
	return path
}

// moduleRoot is the plugin module's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
