package pluginhost

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		_ = os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// builtPlugin returns the path of a test plugin binary (hello, misbehave or
// stdoutnoise), building all of them the first time.
func builtPlugin(t testing.TB, name string) string {
	t.Helper()
	buildOnce.Do(func() {
		builtDir, buildErr = os.MkdirTemp("", "diwan-plugins-")
		if buildErr != nil {
			return
		}
		if buildErr = os.Chmod(builtDir, 0o755); buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", builtDir+"/",
			"./testdata/misbehave", "./testdata/stdoutnoise", "github.com/diwanpanel/diwan/sdk/examples/hello")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = errors.New(err.Error() + ": " + string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build test plugins: %v", buildErr)
	}
	return filepath.Join(builtDir, name)
}

// install copies a test plugin into a private directory and registers it
// (as Install does, without asking it for its manifest) with settings and
// every permission granted.
func install(t testing.TB, d hostDeps, name, settings string) store.Plugin {
	t.Helper()
	src, err := os.ReadFile(builtPlugin(t, name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, src, 0o755); err != nil {
		t.Fatal(err)
	}
	sum, err := Verify(path, "")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p := store.Plugin{ID: name, Version: "1.0.0", BinaryPath: path, SHA256: sum, State: "registered"}
	if err := d.st.Plugins().Register(ctx, &p); err != nil {
		t.Fatal(err)
	}
	granted, _ := json.Marshal(allPermissions)
	p.Settings, p.Granted, p.Enabled = settings, string(granted), true
	if err := d.st.Plugins().Update(ctx, &p, "settings", "granted", "enabled"); err != nil {
		t.Fatal(err)
	}
	return p
}

// testOptions are short intervals for tests.
func testOptions() Options {
	return Options{
		StartTimeout: 10 * time.Second, CallTimeout: 2 * time.Second, StopGrace: time.Second,
		HealthInterval: 100 * time.Millisecond, MaxFailedChecks: 2,
		BackoffMin: 50 * time.Millisecond, BackoffMax: 500 * time.Millisecond,
	}
}

func newSupervisor(t testing.TB, d hostDeps, opts Options) *Supervisor {
	t.Helper()
	s := NewSupervisor(d.st.Plugins(), HostDeps{Data: d.st.PluginData(), Secrets: d.box, Events: d.events, Audit: d.audit}, opts)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s.StopAll(ctx)
	})
	return s
}

// eventually polls cond every 10ms until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func catalogState(t *testing.T, d hostDeps, id string) store.Plugin {
	t.Helper()
	p, err := d.st.Plugins().Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// listGreetings lists hello's greetings through the supervisor.
func listGreetings(ctx context.Context, s *Supervisor) error {
	return s.Do(ctx, "hello", "test", func(ctx context.Context, c *grpcplugin.Client) error {
		_, err := c.List(ctx, "greeting", sdk.PageRequest{})
		return err
	})
}

func TestSupervisorRunsHello(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	entry := install(t, d, "hello", `{"greeting":"Salaam"}`)
	s := newSupervisor(t, d, testOptions())
	began := time.Now()
	if err := s.Start(ctx, entry); err != nil {
		t.Fatal(err)
	}
	t.Logf("hello started and configured in %s", time.Since(began))
	if st := catalogState(t, d, "hello"); st.State != StateRunning {
		t.Fatalf("state = %q (%s)", st.State, st.LastError)
	}
	err := s.Do(ctx, "hello", "test", func(ctx context.Context, c *grpcplugin.Client) error {
		if _, err := c.Apply(ctx, "greeting", "", json.RawMessage(`{"name":"world"}`)); err != nil {
			return err
		}
		page, err := c.List(ctx, "greeting", sdk.PageRequest{})
		if err == nil && len(page.Items) != 1 {
			t.Errorf("listed %+v", page)
		}
		out, err := c.Invoke(ctx, grpcplugin.Call{Action: "wave", Input: json.RawMessage(`{"times":2}`)}, nil)
		if err == nil && string(out) != `{"waved":2}` {
			t.Errorf("wave = %s", out)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if keys, err := d.st.PluginData().List(ctx, "hello", store.SpaceKV, ""); err != nil || len(keys) != 1 {
		t.Fatalf("hello's KV through the host service = %v, %v", keys, err)
	}
	if err := s.Stop(ctx, "hello"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Client("hello"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Client after Stop = %v", err)
	}
	if st := catalogState(t, d, "hello"); st.State != StateStopped {
		t.Fatalf("state after Stop = %q", st.State)
	}
}

func TestSupervisorRestartsAKilledPlugin(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	s := newSupervisor(t, d, testOptions())
	if err := s.Start(ctx, install(t, d, "hello", `{}`)); err != nil {
		t.Fatal(err)
	}
	pid, err := s.PID("hello")
	if err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	eventually(t, time.Second, "calls fail after kill -9", func() bool { return listGreetings(ctx, s) != nil })
	call := time.Now()
	if err := listGreetings(ctx, s); !errors.Is(err, ErrUnavailable) {
		t.Logf("call right after the kill: %v", err)
	} else if took := time.Since(call); took > 100*time.Millisecond {
		t.Fatalf("an unavailable plugin took %s to refuse a call", took)
	}
	eventually(t, 2*time.Second, "hello runs again", func() bool { return listGreetings(ctx, s) == nil })
	t.Logf("hello answered again %s after kill -9", time.Since(killed))
	if again, _ := s.PID("hello"); again == pid {
		t.Fatal("the same process answers")
	}
}

func TestSupervisorFailsACrashLoop(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	opts := testOptions()
	opts.CrashLimit = 3
	s := newSupervisor(t, d, opts)
	if err := s.Start(ctx, install(t, d, "misbehave", `{"exit_after_ms":30}`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, 15*time.Second, "state failed", func() bool { return catalogState(t, d, "misbehave").State == StateFailed })
	if st := catalogState(t, d, "misbehave"); !strings.Contains(st.LastError, "crashed 3 times") {
		t.Fatalf("reason = %q", st.LastError)
	}
	if _, err := s.Client("misbehave"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Client of a failed plugin = %v", err)
	}
}

func TestSupervisorRefusesAChangedBinary(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	entry := install(t, d, "hello", `{}`)
	f, err := os.OpenFile(entry.BinaryPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("tampered")
	_ = f.Close()
	err = newSupervisor(t, d, testOptions()).Start(ctx, entry)
	if !errors.Is(err, ErrUnsafeBinary) {
		t.Fatalf("Start = %v, want ErrUnsafeBinary", err)
	}
	if st := catalogState(t, d, "hello"); st.State != StateFailed || !strings.Contains(st.LastError, "changed since it was installed") {
		t.Fatalf("catalog = %q: %q", st.State, st.LastError)
	}
}

func TestSupervisorExplainsStdoutNoise(t *testing.T) {
	d := newHostDeps(t)
	err := newSupervisor(t, d, testOptions()).Start(context.Background(), install(t, d, "stdoutnoise", `{}`))
	if err == nil || !strings.Contains(err.Error(), "wrote to its standard output before the handshake") {
		t.Fatalf("Start = %v", err)
	}
}

func TestSupervisorBoundsHangingCalls(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	opts := testOptions()
	opts.CallTimeout = 300 * time.Millisecond
	s := newSupervisor(t, d, opts)
	if err := s.Start(ctx, install(t, d, "misbehave", `{}`)); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	err := s.Do(ctx, "misbehave", "test", func(ctx context.Context, c *grpcplugin.Client) error {
		_, err := c.Invoke(ctx, grpcplugin.Call{Action: "hang"}, nil)
		return err
	})
	if took := time.Since(began); err == nil || took > 2*time.Second {
		t.Fatalf("a hanging action returned %v after %s", err, took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error does not say deadline: %v", err)
	}
}

func TestSupervisorRestartsAHungPlugin(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	opts := testOptions()
	opts.CallTimeout = 200 * time.Millisecond
	s := newSupervisor(t, d, opts)
	if err := s.Start(ctx, install(t, d, "misbehave", `{"hang_health":true}`)); err != nil {
		t.Fatal(err)
	}
	pid, _ := s.PID("misbehave")
	eventually(t, 5*time.Second, "a new process after failed health checks", func() bool {
		again, err := s.PID("misbehave")
		return err == nil && again != pid
	})
}

func TestSupervisorStopEndsTheProcessGroup(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	settings, _ := json.Marshal(map[string]string{"child_pid_file": pidFile})
	var coreLog syncBuffer
	opts := testOptions()
	opts.Logger = hclog.New(&hclog.LoggerOptions{Output: &coreLog, Level: hclog.Info})
	s := newSupervisor(t, d, opts)
	if err := s.Start(ctx, install(t, d, "misbehave", string(settings))); err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Second, "the plugin's log line is kept and forwarded", func() bool {
		logs := s.Logs("misbehave")
		return len(logs) > 0 && strings.Contains(strings.Join(logs, "\n"), "misbehave configured") &&
			strings.Contains(coreLog.String(), "plugin.misbehave: misbehave configured")
	})
	pgid, _ := s.PID("misbehave")
	raw, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	child, _ := strconv.Atoi(string(raw))
	if g, _ := syscall.Getpgid(child); g != pgid {
		t.Fatalf("the child is in group %d, not the plugin's %d", g, pgid)
	}
	if err := s.Stop(ctx, "misbehave"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Second, "the process group is gone", func() bool {
		return errors.Is(syscall.Kill(-pgid, 0), syscall.ESRCH)
	})
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestLogRingKeepsTheLastLines(t *testing.T) {
	r := newLogRing(3)
	for _, s := range []string{"one\n", "two\nthree\n", "fo", "ur\n", "five\n"} {
		_, _ = r.Write([]byte(s))
	}
	if got := strings.Join(r.Lines(), ","); got != "three,four,five" {
		t.Fatalf("kept %q", got)
	}
}
