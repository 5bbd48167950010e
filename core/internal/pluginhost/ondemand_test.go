package pluginhost

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/sdk"
)

// onDemandManager is a manager whose on-demand plugins stop after idle.
func onDemandManager(t *testing.T, d hostDeps, idle time.Duration) *Manager {
	t.Helper()
	opts := testOptions()
	opts.IdleTimeout = idle
	return NewManager(d.st.Plugins(), newSupervisor(t, d, opts), tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())
}

// An on-demand plugin (hello says so in its manifest) is not started with
// the core, starts at its first call, serves concurrent first calls with
// one process, and stops once idle; its next call starts it again.
func TestOnDemandPluginStartsAtItsFirstCallAndStopsWhenIdle(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	installReal(t, d)
	m := onDemandManager(t, d, 300*time.Millisecond)
	if st, err := m.Enable(ctx, "hello"); err != nil || st.Activation != "on-demand" {
		t.Fatalf("enable = %+v, %v", st, err)
	}
	eventually(t, 5*time.Second, "hello stops when idle", func() bool {
		st, _ := m.Get(ctx, "hello")
		return !st.Running && st.State == StateIdle
	})
	if err := m.Check(ctx, "hello"); err != nil {
		t.Fatalf("an idle on-demand plugin is not ready: %v", err)
	}
	if m.sup.Running("hello") {
		t.Fatal("the readiness check woke the plugin")
	}

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := m.ListResources(ctx, "hello", "greeting", sdk.PageRequest{Size: 10})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a first call failed: %v", err)
		}
	}
	pid, err := m.sup.PID("hello")
	if err != nil || catalogState(t, d, "hello").State != StateRunning {
		t.Fatalf("hello does not run after its first calls: %v", err)
	}
	if out, _ := exec.Command("pgrep", "-f", "-c", "^"+catalogState(t, d, "hello").BinaryPath+"$").Output(); strings.TrimSpace(string(out)) != "1" {
		t.Fatalf("concurrent first calls started %s processes", strings.TrimSpace(string(out)))
	}
	eventually(t, 5*time.Second, "hello stops again", func() bool { return catalogState(t, d, "hello").State == StateIdle })
	eventually(t, 5*time.Second, "the idle plugin's process ends", func() bool { return !alive(pid) })

	// StartEnabled, as at boot, leaves it idle.
	m.StartEnabled(ctx)
	if m.sup.Running("hello") || catalogState(t, d, "hello").State != StateIdle {
		t.Fatal("an on-demand plugin was started with the core")
	}
}

// A call under way keeps an on-demand plugin running past its idle time.
func TestOnDemandPluginIsNotStoppedUnderACall(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	installReal(t, d, "misbehave")
	m := onDemandManager(t, d, 100*time.Millisecond)
	if _, err := m.Enable(ctx, "misbehave"); err != nil {
		t.Fatal(err)
	}
	task, err := m.Invoke(ctx, "misbehave", "hang", []byte(`{}`), tasks.Spec{Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond) // several idle periods
	if !m.sup.Running("misbehave") {
		t.Fatal("the plugin was stopped while its action ran")
	}
	if _, err := m.Disable(ctx, "misbehave"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "the hanging action ends", func() bool {
		got, err := d.st.Tasks().Get(ctx, task.ID)
		return err == nil && got.State != "running"
	})
}

// An on-demand plugin whose start failed stays down, with the reason, until
// the operator acts: calls do not restart it over and over.
func TestOnDemandPluginThatFailedStaysDown(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	path := installReal(t, d)
	m := onDemandManager(t, d, 100*time.Millisecond)
	if _, err := m.Enable(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "hello idles", func() bool { return catalogState(t, d, "hello").State == StateIdle })
	if err := os.WriteFile(path, []byte("tampered"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := m.ListResources(ctx, "hello", "greeting", sdk.PageRequest{Size: 1})
	if !errors.Is(err, ErrUnsafeBinary) {
		t.Fatalf("first call to a tampered plugin: %v", err)
	}
	if st := catalogState(t, d, "hello"); st.State != StateFailed || !strings.Contains(st.LastError, "changed since it was installed") {
		t.Fatalf("catalog = %s %q", st.State, st.LastError)
	}
	_, err = m.ListResources(ctx, "hello", "greeting", sdk.PageRequest{Size: 1})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "changed since it was installed") {
		t.Fatalf("next call: %v", err)
	}
}

// The process started is the file that was verified, even when the path
// names another binary by the time it starts.
func TestLaunchRunsTheVerifiedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plugin")
	for _, f := range []struct{ from, to string }{{builtPlugin(t, "hello"), path}, {builtPlugin(t, "misbehave"), path + ".new"}} {
		src, err := os.ReadFile(f.from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.to, src, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin, _, err := OpenVerified(path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer bin.Close()
	if err := os.Rename(path+".new", path); err != nil { // swapped after the check
		t.Fatal(err)
	}
	cmd := verifiedCommand(path, bin)
	cmd.Args = append(cmd.Args, "-describe")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if id, err := parseIdentity(out); err != nil || id.ID != "hello" {
		t.Fatalf("started %q (%v), want the verified hello", id.ID, err)
	}
}

func pageOf(size int) sdk.PageRequest { return sdk.PageRequest{Size: size} }
