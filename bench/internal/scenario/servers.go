package scenario

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
	"github.com/diwanpanel/diwan/bench/internal/hello"
)

// Bounds of the server lifecycle.
const (
	readyTimeout = 10 * time.Second
	stopGrace    = 10 * time.Second
)

// server is a measured server process.
type server struct {
	name string
	proc *harness.Process
	// base is the server's URL without a path: http://ADDR.
	base string
	// log counts the lines the server wrote; nil when not counted.
	log *harness.LineCounter
}

// startHello starts the hello server on a port it picks itself, and
// returns once it has announced the port and answers GET /.
func startHello(ctx context.Context, o HTTPOptions) (*server, error) {
	fmt.Fprintf(o.Progress, "starting %s\n", o.Hello)
	announced := harness.NewLineWatcher(hello.AnnouncePrefix)
	p, err := harness.Start(ctx, harness.Spec{Path: o.Hello, Stdout: announced, Stderr: o.Progress})
	if err != nil {
		return nil, fmt.Errorf("hello: %w", err)
	}
	s := &server{name: "hello-world", proc: p}
	wctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	addr, err := announced.Wait(wctx, p)
	if err == nil {
		s.base = "http://" + addr
		err = harness.WaitReady(ctx, p, s.base+"/", readyTimeout)
	}
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("hello: %w", err)
	}
	return s, nil
}

// startDiwan starts `diwan serve` with a SQLite database in dir on a free
// loopback port, and returns once /health/ready answers 200. Its log
// (JSON, default level) is counted and thrown away; DIWAN_* variables of
// the harness's own environment are not passed on.
func startDiwan(ctx context.Context, o HTTPOptions, dir string) (*server, error) {
	fmt.Fprintf(o.Progress, "starting %s serve\n", o.Diwan)
	addr, err := harness.FreeLoopbackAddr(ctx)
	if err != nil {
		return nil, fmt.Errorf("diwan: %w", err)
	}
	log := &harness.LineCounter{}
	p, err := harness.Start(ctx, harness.Spec{
		Path:   o.Diwan,
		Args:   []string{"serve"},
		Env:    append(harness.FilterEnv(os.Environ(), "DIWAN_"), diwanEnv(dir, addr)...),
		Stdout: log,
		Stderr: log,
	})
	if err != nil {
		return nil, fmt.Errorf("diwan: %w", err)
	}
	s := &server{name: "diwan", proc: p, base: "http://" + addr, log: log}
	if err := harness.WaitReady(ctx, p, s.base+"/health/ready", readyTimeout); err != nil {
		s.stop()
		return nil, fmt.Errorf("diwan: %w", err)
	}
	return s, nil
}

// diwanEnv is the configuration diwan is measured with.
func diwanEnv(dir, addr string) []string {
	return []string{
		"DIWAN_DATABASE__DSN=sqlite:" + filepath.Join(dir, "diwan.db"),
		"DIWAN_SERVER__LISTEN=" + addr,
		"DIWAN_LOG__FORMAT=json",
	}
}

// memory reads the server's resident memory.
func (s *server) memory() (harness.Memory, error) {
	m, err := harness.ReadMemory(s.proc.PID())
	if err != nil {
		return harness.Memory{}, fmt.Errorf("%s: %w", s.name, err)
	}
	return m, nil
}

// stop stops the server and returns what went wrong, or "" when it
// exited cleanly. It may be called more than once.
func (s *server) stop() string {
	if err := s.proc.Stop(stopGrace); err != nil {
		return err.Error()
	}
	return ""
}

// stopAll stops the servers and returns the problems of those that did
// not exit cleanly.
func stopAll(servers ...*server) []string {
	var problems []string
	for _, s := range servers {
		if p := s.stop(); p != "" {
			problems = append(problems, p)
		}
	}
	return problems
}
