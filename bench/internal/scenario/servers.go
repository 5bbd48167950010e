package scenario

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	// settings are the variables it runs with beyond the usual ones.
	settings []string
}

// String names the server and its particular settings, for errors.
func (s *server) String() string {
	if len(s.settings) == 0 {
		return s.name
	}
	return s.name + " (" + strings.Join(s.settings, " ") + ")"
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
// loopback port, configured by diwanEnv and then settings (KEY=VALUE),
// and returns once /health/ready answers 200. Its log is counted and
// thrown away; DIWAN_* variables of the harness's own environment are not
// passed on.
func startDiwan(ctx context.Context, o HTTPOptions, dir string, settings ...string) (*server, error) {
	fmt.Fprintln(o.Progress, strings.TrimSpace("starting "+o.Diwan+" serve "+strings.Join(settings, " ")))
	addr, err := harness.FreeLoopbackAddr(ctx)
	if err != nil {
		return nil, fmt.Errorf("diwan: %w", err)
	}
	log := &harness.LineCounter{}
	p, err := harness.Start(ctx, harness.Spec{
		Path:   o.Diwan,
		Args:   []string{"serve"},
		Env:    slices.Concat(harness.FilterEnv(os.Environ(), "DIWAN_"), diwanEnv(dir, addr), settings),
		Stdout: log,
		Stderr: log,
	})
	if err != nil {
		return nil, fmt.Errorf("diwan: %w", err)
	}
	s := &server{name: "diwan", settings: settings, proc: p, base: "http://" + addr, log: log}
	if err := harness.WaitReady(ctx, p, s.base+"/health/ready", readyTimeout); err != nil {
		s.stop()
		return nil, fmt.Errorf("diwan: %w", err)
	}
	return s, nil
}

// diwanEnv is the configuration every measured diwan runs with.
func diwanEnv(dir, addr string) []string {
	return append(stateEnv(dir), "DIWAN_SERVER__LISTEN="+addr, "DIWAN_LOG__FORMAT=json")
}

// stateEnv keeps the database and the generated secret key in dir, never
// in the working directory.
func stateEnv(dir string) []string {
	return []string{
		"DIWAN_DATABASE__DSN=sqlite:" + filepath.Join(dir, "diwan.db"),
		"DIWAN_SECURITY__KEY_FILE=" + filepath.Join(dir, "secret.key"),
	}
}

// createAccount runs `diwan user create` for a on the database in dir,
// which migrates the database first. Run it before diwan serves dir.
func createAccount(ctx context.Context, o HTTPOptions, dir string, a account) error {
	fmt.Fprintf(o.Progress, "creating the %s account %s\n", accountRole, a.username)
	err := harness.Run(ctx, harness.Spec{
		Path:  o.Diwan,
		Args:  []string{"user", "create", a.username, "--role", accountRole, "--password-stdin"},
		Env:   append(harness.FilterEnv(os.Environ(), "DIWAN_"), stateEnv(dir)...),
		Stdin: strings.NewReader(a.password + "\n"),
	})
	if err != nil {
		return fmt.Errorf("create account: %w", err)
	}
	return nil
}

// memory reads the server's resident memory.
func (s *server) memory() (harness.Memory, error) {
	m, err := harness.ReadMemory(s.proc.PID())
	if err != nil {
		return harness.Memory{}, fmt.Errorf("%s: %w", s, err)
	}
	return m, nil
}

// stop stops the server and returns what went wrong, or "" when it
// exited cleanly. It may be called more than once.
func (s *server) stop() string {
	if err := s.proc.Stop(stopGrace); err != nil {
		return s.String() + ": " + err.Error()
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
