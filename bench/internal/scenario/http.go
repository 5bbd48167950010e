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
	// JSON route must reach at default settings.
	TargetJSONRatio = 0.5
	// TargetAuthRatio is the share of hello-world's throughput that an
	// authenticated read (GET /api/v1/auth/me with a session) must reach.
	TargetAuthRatio = 0.4
	// TargetIdleRSSKB is the largest acceptable VmRSS of an idle
	// `diwan serve` on SQLite, in kB: 25 MiB.
	TargetIdleRSSKB = 25 * 1024
)

// logAllSetting is the setting of the second diwan: an access log line
// for every request.
const logAllSetting = "DIWAN_LOG__ACCESS=all"

// HTTPOptions configure the HTTP scenario.
type HTTPOptions struct {
	// Diwan and Hello are the paths of the two binaries.
	Diwan, Hello string
	// Wrk is the load of each measured run.
	Wrk harness.WrkOptions
	// Warmup is how long each route, and the login loop, is loaded before
	// it is measured.
	Warmup time.Duration
	// Idle is how long diwan stays without traffic after it is ready and
	// before its idle memory is read.
	Idle time.Duration
	// LoginWorkers is how many clients sign in at once, and LoginTime how
	// long the measured login loop lasts.
	LoginWorkers int
	LoginTime    time.Duration
	// Progress receives one line per step; nil means none.
	Progress io.Writer
}

// RunHTTP runs the HTTP scenario. It measures GET / on hello; creates a
// viewer account on a fresh SQLite database and starts `diwan serve` on
// it at default settings, reads its idle memory, measures GET
// /health/live, GET /api/v1/version and, signed in, GET /api/v1/auth/me,
// reads its memory, runs the login loop and reads its memory again; then
// stops it and starts a second diwan on the same database with every
// request logged, to measure GET /api/v1/version again. Failed requests
// and missed targets are in the report; an error means the scenario
// could not run to the end.
func RunHTTP(ctx context.Context, o HTTPOptions) (*HTTPReport, error) {
	o.Progress = orDiscard(o.Progress)
	r := &HTTPReport{Started: time.Now().UTC(), Wrk: o.Wrk, Warmup: o.Warmup, IdleWait: o.Idle, LoginTime: o.LoginTime}
	r.Setup = describeSetup(ctx, o)
	hello, err := startHello(ctx, o)
	if err != nil {
		return nil, err
	}
	defer hello.stop()
	if r.Hello, err = measure(ctx, o, hello, load{path: "/"}); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "diwanbench-")
	if err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	a := newAccount()
	if err := createAccount(ctx, o, dir, a); err != nil {
		return nil, err
	}
	if err := runDiwan(ctx, o, dir, r, func(s *server) error { return measureDiwan(ctx, o, s, a, r) }); err != nil {
		return nil, err
	}
	err = runDiwan(ctx, o, dir, r, func(s *server) error {
		var err error
		r.VersionLogged, err = measure(ctx, o, s, load{path: "/api/v1/version", note: "JSON route, every request logged (`log.access=all`)"})
		return err
	}, logAllSetting)
	if err != nil {
		return nil, err
	}
	r.Shutdown = append(r.Shutdown, stopAll(hello)...)
	return r, nil
}

// runDiwan starts diwan on the database in dir with settings, runs fn on
// it, stops it, and notes in r when it did not stop cleanly.
func runDiwan(ctx context.Context, o HTTPOptions, dir string, r *HTTPReport, fn func(*server) error, settings ...string) error {
	diwan, err := startDiwan(ctx, o, dir, settings...)
	if err != nil {
		return err
	}
	defer diwan.stop()
	if err := fn(diwan); err != nil {
		return err
	}
	r.Shutdown = append(r.Shutdown, stopAll(diwan)...)
	return nil
}

// measureDiwan fills the part of r measured on diwan at default settings:
// idle memory, the three routes, memory after load, the login loop, and
// memory after it.
func measureDiwan(ctx context.Context, o HTTPOptions, diwan *server, a account, r *HTTPReport) error {
	fmt.Fprintf(o.Progress, "diwan idle for %s\n", o.Idle)
	if err := sleep(ctx, o.Idle); err != nil {
		return err
	}
	var err error
	if r.IdleMemory, err = diwan.memory(); err != nil {
		return err
	}
	if r.Live, err = measure(ctx, o, diwan, load{path: "/health/live"}); err != nil {
		return err
	}
	if r.Version, err = measure(ctx, o, diwan, load{path: "/api/v1/version"}); err != nil {
		return err
	}
	c := newLoginClient(diwan.base, 1)
	token, err := c.signIn(ctx, a)
	c.http.CloseIdleConnections() // nothing stays connected during the measurements
	if err != nil {
		return fmt.Errorf("%s: sign in for %s: %w", diwan, mePath, err)
	}
	me := load{path: mePath, note: "authenticated read (session cookie)", header: "Cookie: " + sessionCookie + "=" + token}
	if r.Me, err = measure(ctx, o, diwan, me); err != nil {
		return err
	}
	if r.LoadedMemory, err = diwan.memory(); err != nil {
		return err
	}
	if r.Login, err = measureLogins(ctx, o, diwan, a); err != nil {
		return err
	}
	r.LoginMemory, err = diwan.memory()
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
