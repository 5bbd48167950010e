package scenario

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// TestHelloMeasured builds bench/cmd/hello and runs the first step of the
// HTTP scenario on it with a one-second wrk run.
func TestHelloMeasured(t *testing.T) {
	bin := buildHello(t)
	ctx := context.Background()
	var progress strings.Builder
	o := HTTPOptions{
		Hello:    bin,
		Wrk:      harness.WrkOptions{Threads: 1, Connections: 4, Duration: time.Second},
		Warmup:   time.Second,
		Progress: &progress,
	}
	s, err := startHello(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	m, err := measure(ctx, o, s, load{path: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Result.Requests == 0 || m.Result.Failed() || m.Warmup.Failed() || m.LogLines != -1 {
		t.Errorf("measurement = %+v", m)
	}
	if _, err := measure(ctx, o, s, load{path: "/missing"}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("measure(/missing) = %v, want a 404 probe error", err)
	}
	if problems := stopAll(s); problems != nil {
		t.Errorf("stop: %v", problems)
	}
	if !strings.Contains(progress.String(), "wrk -t1 -c4 -d1s --latency http://127.0.0.1:") {
		t.Errorf("progress lacks the wrk command:\n%s", progress.String())
	}
}

// buildHello skips the test in -short mode or without wrk, and otherwise
// builds bench/cmd/hello and returns the binary's path.
func buildHello(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a binary and runs wrk")
	}
	if _, err := exec.LookPath("wrk"); err != nil {
		t.Skip("wrk is not installed")
	}
	bin := filepath.Join(t.TempDir(), "hello")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/hello").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
