package pluginhost

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// sleeper starts `sleep 60` in its own process group and returns it with
// the real path of its binary.
func sleeper(t *testing.T) (*exec.Cmd, string) {
	t.Helper()
	path, err := exec.LookPath("sleep")
	if err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(real, "60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, real
}

func TestReapStaleEndsOnlyWhatItRecorded(t *testing.T) {
	dir := t.TempDir()
	stale, bin := sleeper(t)
	reused, _ := sleeper(t)
	if _, err := writePIDFile(dir, "stale", stale.Process.Pid, bin); err != nil {
		t.Fatal(err)
	}
	// A pid now used by another program must be left alone.
	if _, err := writePIDFile(dir, "reused", reused.Process.Pid, "/opt/diwan/plugins/gone"); err != nil {
		t.Fatal(err)
	}
	n, err := ReapStale(dir)
	if err != nil || n != 1 {
		t.Fatalf("ReapStale = %d, %v", n, err)
	}
	done := make(chan struct{})
	go func() { _ = stale.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("the stale process group is still running")
	}
	if !alive(reused.Process.Pid) {
		t.Fatal("an unrelated process was killed")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.pid")); len(left) != 0 {
		t.Fatalf("pid files left: %v", left)
	}
	if n, err := ReapStale(filepath.Join(dir, "missing")); err != nil || n != 0 {
		t.Fatalf("ReapStale of a missing directory = %d, %v", n, err)
	}
}

func TestSupervisorKeepsAPIDFilePerRunningPlugin(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	entry := install(t, d, "hello", `{}`)
	opts := testOptions()
	opts.RunDir = t.TempDir()
	s := newSupervisor(t, d, opts)
	if err := s.Start(ctx, entry); err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(opts.RunDir, "hello.pid")
	pid, _, ok := readPIDFile(pidFile)
	if running, _ := s.PID("hello"); !ok || pid != running {
		t.Fatalf("pid file names %d, the plugin runs as %d", pid, running)
	}
	if err := s.Stop(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pidFile); !os.IsNotExist(err) {
		t.Fatalf("the pid file outlived the plugin: %v", err)
	}
}
