package pluginhost

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const childEnv = "DIWAN_TEST_CORE_CHILD"

// TestCoreChild is not a test on its own: TestKilledCoreLeavesNoPlugin runs
// the test binary again with childEnv set, as a stand-in core that starts
// hello and waits to be killed.
func TestCoreChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("runs only as the child of TestKilledCoreLeavesNoPlugin")
	}
	d := newHostDeps(t)
	entry := install(t, d, "hello", `{}`)
	sup := NewSupervisor(d.st.Plugins(), HostDeps{Data: d.st.PluginData(), Secrets: d.box, Events: d.events, Audit: d.audit}, testOptions())
	if err := sup.Start(context.Background(), entry); err != nil {
		t.Fatal(err)
	}
	pid, err := sup.PID("hello")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("plugin-pid %d\n", pid)
	time.Sleep(time.Minute) // killed long before
}

// Killing the core with SIGKILL leaves no plugin process alive 3 s later:
// the parent-death signal and the SDK's watchdog end it.
func TestKilledCoreLeavesNoPlugin(t *testing.T) {
	builtPlugin(t, "hello") // build before the child needs it
	cmd := exec.Command(os.Args[0], "-test.run=^TestCoreChild$", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	pid := readPluginPID(t, out)
	if !alive(pid) {
		t.Fatalf("plugin %d is not running before the kill", pid)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	killed := time.Now()
	for alive(pid) {
		if time.Since(killed) > 3*time.Second {
			t.Fatalf("plugin %d still alive 3 s after its core was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("plugin gone %s after the core was killed", time.Since(killed).Round(time.Millisecond))
}

func readPluginPID(t *testing.T, out interface{ Read([]byte) (int, error) }) int {
	t.Helper()
	found := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "plugin-pid "); ok {
				n, _ := strconv.Atoi(rest)
				found <- n
				return
			}
		}
	}()
	select {
	case pid := <-found:
		return pid
	case <-time.After(30 * time.Second):
		t.Fatal("the child core did not start its plugin")
	}
	return 0
}

// alive reports whether pid runs; a zombie (dead, not yet reaped by an init
// that may never reap it in a container) counts as gone.
func alive(pid int) bool {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(status), "\n") {
		if state, ok := strings.CutPrefix(line, "State:"); ok {
			return !strings.HasPrefix(strings.TrimSpace(state), "Z")
		}
	}
	return false
}
