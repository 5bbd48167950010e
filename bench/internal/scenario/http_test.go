package scenario

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// diwanBinaryEnv names a built diwan binary for TestRunHTTP. The bench
// module does not build diwan itself: core is another module.
const diwanBinaryEnv = "BENCH_DIWAN_BINARY"

// TestRunHTTP runs the whole HTTP scenario with one-second runs against
// the diwan binary that BENCH_DIWAN_BINARY names, such as bin/diwan after
// `make build`, and checks what each step saw.
func TestRunHTTP(t *testing.T) {
	diwan := os.Getenv(diwanBinaryEnv)
	if diwan == "" {
		t.Skip(diwanBinaryEnv + " is not set")
	}
	hello := buildHello(t)
	var progress strings.Builder
	r, err := RunHTTP(context.Background(), HTTPOptions{
		Diwan: diwan, Hello: hello,
		Wrk:    harness.WrkOptions{Threads: 1, Connections: 4, Duration: time.Second},
		Warmup: time.Second, Idle: 100 * time.Millisecond,
		LoginWorkers: 2, LoginTime: time.Second,
		Progress: &progress,
	})
	if err != nil {
		t.Fatalf("RunHTTP: %v\nprogress:\n%s", err, progress.String())
	}
	if n := r.Failures(); n != 0 || len(r.Shutdown) != 0 {
		t.Errorf("%d failures, shutdown %q:\n%s", n, r.Shutdown, r.Markdown())
	}
	for _, m := range r.Measurements() {
		if m.Result.Requests == 0 || m.CPU <= 0 && m.Server == "diwan" {
			t.Errorf("%s: %d requests, CPU %v", m.Label(), m.Result.Requests, m.CPU)
		}
	}
	// log.access=changes writes no line for a successful read; all writes
	// one per request (the log is buffered, so a few may come late).
	for _, m := range []Measurement{r.Live, r.Version, r.Me} {
		if m.LogLines != 0 {
			t.Errorf("%s: %d log lines, want none", m.Label(), m.LogLines)
		}
	}
	if got, req := r.VersionLogged.LogLines, r.VersionLogged.Result.Requests; got < req*9/10 || got > req*11/10 {
		t.Errorf("log.access=all: %d log lines for %d requests", got, req)
	}
	if l := r.Login.Result; l.Calls == 0 || l.Failed != 0 || r.Login.CPU <= 0 || r.Login.LogLines == 0 {
		t.Errorf("login loop = %+v, CPU %v, %d log lines", l, r.Login.CPU, r.Login.LogLines)
	}
	if r.IdleMemory.VmRSSKB == 0 || r.LoadedMemory.VmRSSKB == 0 || r.LoginMemory.VmRSSKB == 0 {
		t.Errorf("memory: idle %+v, loaded %+v, after logins %+v", r.IdleMemory, r.LoadedMemory, r.LoginMemory)
	}
	if strings.Contains(progress.String(), sessionCookie+"=") {
		t.Errorf("progress shows the session token:\n%s", progress.String())
	}
	t.Logf("progress:\n%s\nreport:\n%s", progress.String(), r.Markdown())
}
