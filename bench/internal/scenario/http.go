package scenario

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// HTTPSection names the generated section of the HTTP scenario in the
// Markdown file.
const HTTPSection = "http"

// Target values of the HTTP scenario.
const (
	// TargetJSONRatio is the share of hello-world's throughput that the
	// JSON route must reach.
	TargetJSONRatio = 0.5
	// TargetIdleRSSKB is the largest acceptable VmRSS of an idle
	// `diwan serve` on SQLite, in kB: 25 MiB.
	TargetIdleRSSKB = 25 * 1024
)

// HTTPOptions configure the HTTP scenario.
type HTTPOptions struct {
	// Diwan and Hello are the paths of the two binaries.
	Diwan, Hello string
	// Wrk is the load of each measured run.
	Wrk harness.WrkOptions
	// Warmup is how long each route is loaded before it is measured.
	Warmup time.Duration
	// Idle is how long diwan stays without traffic after it is ready and
	// before its idle memory is read.
	Idle time.Duration
	// Progress receives one line per step; nil means none.
	Progress io.Writer
}

// RunHTTP runs the HTTP scenario: it measures GET / on hello, then starts
// `diwan serve` on a fresh SQLite database, reads its idle memory, measures
// GET /health/live and GET /api/v1/version, reads its memory again and
// stops both servers. Failed requests and missed targets are in the
// report; an error means the scenario could not run to the end.
func RunHTTP(ctx context.Context, o HTTPOptions) (*HTTPReport, error) {
	o.Progress = orDiscard(o.Progress)
	r := &HTTPReport{Started: time.Now().UTC(), Wrk: o.Wrk, Warmup: o.Warmup, IdleWait: o.Idle}
	r.Setup = describeSetup(ctx, o)
	hello, err := startHello(ctx, o)
	if err != nil {
		return nil, err
	}
	defer hello.stop()
	if r.Hello, err = measure(ctx, o, hello, "/"); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "diwanbench-")
	if err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	diwan, err := startDiwan(ctx, o, dir)
	if err != nil {
		return nil, err
	}
	defer diwan.stop()
	if err := measureDiwan(ctx, o, diwan, r); err != nil {
		return nil, err
	}
	r.Shutdown = stopAll(hello, diwan)
	return r, nil
}

// measureDiwan fills the diwan part of r: idle memory, both routes, and
// memory after load.
func measureDiwan(ctx context.Context, o HTTPOptions, diwan *server, r *HTTPReport) error {
	fmt.Fprintf(o.Progress, "diwan idle for %s\n", o.Idle)
	if err := sleep(ctx, o.Idle); err != nil {
		return err
	}
	var err error
	if r.IdleMemory, err = diwan.memory(); err != nil {
		return err
	}
	if r.Live, err = measure(ctx, o, diwan, "/health/live"); err != nil {
		return err
	}
	if r.Version, err = measure(ctx, o, diwan, "/api/v1/version"); err != nil {
		return err
	}
	r.LoadedMemory, err = diwan.memory()
	return err
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
