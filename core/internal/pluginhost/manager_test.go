package pluginhost

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// installReal copies a test plugin (hello by default) into a private
// directory and installs it the way `diwan plugin install` does: verified,
// described, registered disabled.
func installReal(t *testing.T, d hostDeps, name ...string) string {
	t.Helper()
	bin := "hello"
	if len(name) > 0 {
		bin = name[0]
	}
	src, err := os.ReadFile(builtPlugin(t, bin))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), bin)
	if err := os.WriteFile(path, src, 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := Install(context.Background(), d.st.Plugins(), path)
	if err != nil || p.Enabled {
		t.Fatalf("install = %+v, %v", p, err)
	}
	return path
}

func TestManagerEnableDisableRestart(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	installReal(t, d)
	m := NewManager(d.st.Plugins(), newSupervisor(t, d, testOptions()), tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())

	st, err := m.Enable(ctx, "hello")
	if err != nil || !st.Enabled || !st.Running || !slices.Equal(st.Permissions, []string{"kv"}) {
		t.Fatalf("enable = %+v, %v", st, err)
	}
	pid, _ := m.sup.PID("hello")
	st, err = m.Restart(ctx, "hello")
	if again, _ := m.sup.PID("hello"); err != nil || !st.Running || again == pid {
		t.Fatalf("restart = %+v, %v (pid %d → %d)", st, err, pid, again)
	}
	if logs, err := m.Logs(ctx, "hello"); err != nil || logs == nil {
		t.Fatalf("logs = %v, %v", logs, err)
	}
	st, err = m.Disable(ctx, "hello")
	if err != nil || st.Enabled || st.Running {
		t.Fatalf("disable = %+v, %v", st, err)
	}
	if _, err := m.Restart(ctx, "hello"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("restart of a disabled plugin: %v", err)
	}
	list, err := m.List(ctx)
	if err != nil || len(list) != 1 || list[0].ID != "hello" {
		t.Fatalf("list = %+v, %v", list, err)
	}
	for _, call := range []func() error{
		func() error { _, err := m.Enable(ctx, "nope"); return err },
		func() error { _, err := m.Logs(ctx, "nope"); return err },
	} {
		if err := call(); err == nil {
			t.Fatal("an unknown plugin was accepted")
		}
	}
}

// A binary changed after install is refused at enable, and nothing changes.
func TestManagerRefusesAChangedBinaryAtEnable(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	path := installReal(t, d)
	m := NewManager(d.st.Plugins(), newSupervisor(t, d, testOptions()), tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte("tampered"))
	_ = f.Close()
	if _, err := m.Enable(ctx, "hello"); !errors.Is(err, ErrUnsafeBinary) {
		t.Fatalf("enable of a changed binary: %v", err)
	}
	st, err := m.Get(ctx, "hello")
	if err != nil || st.Enabled || st.Running || len(st.Permissions) != 0 {
		t.Fatalf("a refused enable changed the catalog: %+v, %v", st, err)
	}
}

// Enabled plugins start together at boot, and one that fails holds back
// neither the others nor the caller.
func TestManagerStartEnabled(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	install(t, d, "hello", `{}`)
	broken := install(t, d, "misbehave", `{}`)
	if err := os.WriteFile(broken.BinaryPath, []byte("not the installed binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	m := NewManager(d.st.Plugins(), newSupervisor(t, d, testOptions()), tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())
	start := time.Now()
	m.StartEnabled(ctx)
	if _, err := m.sup.Client("hello"); err != nil {
		t.Fatalf("hello is not running: %v", err)
	}
	if st, _ := m.Get(ctx, "misbehave"); st.Running || st.State != StateFailed || st.LastError == "" {
		t.Fatalf("the broken plugin: %+v", st)
	}
	t.Logf("enabled plugins ready %s after StartEnabled", time.Since(start))
}

// Stopping a plugin that shuts down promptly does not wait out the grace
// period.
func TestStopDoesNotWaitOutTheGrace(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	entry := install(t, d, "hello", `{}`)
	opts := testOptions()
	opts.StopGrace = 30 * time.Second
	s := newSupervisor(t, d, opts)
	if err := s.Start(ctx, entry); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Stop(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("stop took %s: it waited out the grace period", took)
	}
}
