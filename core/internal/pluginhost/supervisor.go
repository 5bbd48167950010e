package pluginhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// ErrUnavailable is wrapped by the error of a call to a plugin that is not
// running: stopped, failed, or between a crash and its restart.
var ErrUnavailable = errors.New("pluginhost: plugin unavailable")

// States a plugin's catalog entry records.
const (
	StateStarting   = "starting"
	StateRunning    = "running"
	StateDegraded   = "degraded"
	StateRestarting = "restarting"
	StateStopped    = "stopped"
	// StateIdle is an enabled on-demand plugin that is not running: it
	// starts at its next call.
	StateIdle   = "idle"
	StateFailed = "failed"
)

// HostDeps are what the Host service given to every plugin is built on.
type HostDeps struct {
	Data    *store.PluginData
	Secrets *seal.Box
	Events  cache.PubSub
	Audit   *audit.Recorder
}

// Supervisor starts plugins from their catalog entries, watches their
// processes and health, restarts them after a crash with exponential
// backoff, gives up after a crash loop, and stops them. It records every
// change of state in the catalog. Its methods are safe for concurrent use.
type Supervisor struct {
	plugins *store.Plugins
	deps    HostDeps
	opts    Options
	metrics *hostMetrics
	sums    *sumCache

	mu sync.Mutex
	// states is the last state recorded of every plugin seen since start.
	states  map[string]string
	running map[string]*managed
	logs    map[string]*logRing
	// waking holds, per plugin, a one-slot semaphore that makes concurrent
	// first calls to an on-demand plugin share one start.
	waking map[string]chan struct{}
}

// NewSupervisor returns a Supervisor that records states in plugins.
func NewSupervisor(plugins *store.Plugins, deps HostDeps, opts Options) *Supervisor {
	return &Supervisor{
		plugins: plugins, deps: deps, opts: opts.withDefaults(), metrics: newHostMetrics(opts.Metrics), sums: newSumCache(),
		states: map[string]string{}, running: map[string]*managed{}, logs: map[string]*logRing{}, waking: map[string]chan struct{}{},
	}
}

// Start verifies, starts and configures the plugin of entry and supervises
// it until Stop. When the first start fails, the entry's state is "failed"
// with the reason, which the error also gives, and nothing is left running.
func (s *Supervisor) Start(ctx context.Context, entry store.Plugin) error {
	var granted []string
	if entry.Granted != "" {
		if err := json.Unmarshal([]byte(entry.Granted), &granted); err != nil {
			return fmt.Errorf("pluginhost: grants of plugin %s: %w", entry.ID, err)
		}
	}
	ident, err := entryIdentity(entry)
	if err != nil {
		return err
	}
	var idle time.Duration
	if ident.onDemand() {
		idle = s.opts.IdleTimeout
	}
	m, err := s.reserve(entry, granted, idle)
	if err != nil {
		return err
	}
	s.setState(entry.ID, StateStarting, "")
	defer close(m.started)
	proc, err := launch(ctx, entry, m.host, s.opts, m.logs, s.sums)
	if err != nil {
		s.forget(m)
		close(m.done)
		s.setState(entry.ID, StateFailed, err.Error())
		return err
	}
	if m.ctx.Err() != nil { // Stop was called while the plugin started.
		proc.stop(s.opts.StopGrace)
		close(m.done)
		return fmt.Errorf("%w: plugin %s was stopped while it started", ErrUnavailable, entry.ID)
	}
	m.setProc(proc)
	m.changeState(StateRunning)
	s.setState(entry.ID, StateRunning, "")
	go s.watch(m)
	return nil
}

// reserve registers a new managed plugin for entry, refusing one that runs.
func (s *Supervisor) reserve(entry store.Plugin, granted []string, idle time.Duration) (*managed, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.running[entry.ID]; ok {
		return nil, fmt.Errorf("pluginhost: plugin %s is already running", entry.ID)
	}
	logs, ok := s.logs[entry.ID]
	if !ok {
		logs = newLogRing(s.opts.LogLines)
		s.logs[entry.ID] = logs
	}
	host := newHostService(entry.ID, granted, s.deps.Data, s.deps.Secrets, s.deps.Events, s.deps.Audit)
	m := newManaged(entry, host, logs, idle)
	s.running[entry.ID] = m
	return m, nil
}

// forget removes m from the running plugins, unless another took its place.
func (s *Supervisor) forget(m *managed) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running[m.entry.ID] == m {
		delete(s.running, m.entry.ID)
	}
}

// Running reports whether plugin id is started (or restarting after a
// crash) and not stopping after its idle time.
func (s *Supervisor) Running(id string) bool {
	m := s.lookup(id)
	return m != nil && !m.isClosing()
}

// Activate starts entry's plugin unless it runs. A plugin stopping after
// its idle time is waited for first; concurrent calls share one start.
func (s *Supervisor) Activate(ctx context.Context, entry store.Plugin) error {
	sem := s.wakeLock(entry.ID)
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("pluginhost: start plugin %s: %w", entry.ID, ctx.Err())
	}
	defer func() { <-sem }()
	for {
		m := s.lookup(entry.ID)
		if m == nil {
			return s.Start(ctx, entry)
		}
		if !m.isClosing() {
			return nil
		}
		select {
		case <-m.done:
		case <-ctx.Done():
			return fmt.Errorf("pluginhost: start plugin %s: %w", entry.ID, ctx.Err())
		}
	}
}

func (s *Supervisor) wakeLock(id string) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	sem, ok := s.waking[id]
	if !ok {
		sem = make(chan struct{}, 1)
		s.waking[id] = sem
	}
	return sem
}

func (s *Supervisor) lookup(id string) *managed {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running[id]
}

// Stop asks the plugin id to shut down, kills its process group after
// Options.StopGrace, and records the state "stopped".
func (s *Supervisor) Stop(ctx context.Context, id string) error {
	m := s.lookup(id)
	if m == nil {
		return fmt.Errorf("%w: plugin %s is not running", ErrUnavailable, id)
	}
	s.forget(m)
	m.cancel()
	select {
	case <-m.done:
	case <-ctx.Done():
		return fmt.Errorf("pluginhost: stop plugin %s: %w", id, ctx.Err())
	}
	if p := m.setProc(nil); p != nil {
		p.stop(s.opts.StopGrace)
	}
	s.setState(id, StateStopped, "")
	return nil
}

// StopAll stops every running plugin, in parallel.
func (s *Supervisor) StopAll(ctx context.Context) {
	s.mu.Lock()
	ids := make([]string, 0, len(s.running))
	for id := range s.running {
		ids = append(ids, id)
	}
	s.mu.Unlock()
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			if err := s.Stop(ctx, id); err != nil && !errors.Is(err, ErrUnavailable) {
				s.opts.Logger.Warn("stop plugin", "plugin", id, "error", err)
			}
		})
	}
	wg.Wait()
}

// Client returns the gRPC client of the running plugin id, or at once an
// error wrapping ErrUnavailable.
func (s *Supervisor) Client(id string) (*grpcplugin.Client, error) {
	p, err := s.proc(id)
	if err != nil {
		return nil, err
	}
	return p.rpc, nil
}

// PID returns the process id (which is also the process group id) of the
// running plugin id.
func (s *Supervisor) PID(id string) (int, error) {
	p, err := s.proc(id)
	if err != nil {
		return 0, err
	}
	return p.pid, nil
}

func (s *Supervisor) proc(id string) (*process, error) {
	m := s.lookup(id)
	if m == nil {
		return nil, fmt.Errorf("%w: plugin %s is not running", ErrUnavailable, id)
	}
	p := m.current()
	if p == nil || p.exited() {
		return nil, fmt.Errorf("%w: plugin %s is restarting", ErrUnavailable, id)
	}
	return p, nil
}

// Do calls fn with the client of plugin id. When ctx has no deadline, the
// call gets Options.CallTimeout, so that no call to a plugin can hang; an
// error after the deadline wraps context.DeadlineExceeded, whatever gRPC
// reported.
func (s *Supervisor) Do(ctx context.Context, id, method string, fn func(context.Context, *grpcplugin.Client) error) (err error) {
	start := time.Now()
	defer func() { s.metrics.observe(id, method, start, err) }()
	m := s.lookup(id)
	if m == nil || !m.acquire() {
		return fmt.Errorf("%w: plugin %s is not running", ErrUnavailable, id)
	}
	defer m.release()
	select { // a call that arrives while the plugin starts waits for it
	case <-m.started:
	case <-ctx.Done():
		return fmt.Errorf("pluginhost: plugin %s is starting: %w", id, ctx.Err())
	}
	p := m.current()
	if p == nil || p.exited() {
		return fmt.Errorf("%w: plugin %s is restarting", ErrUnavailable, id)
	}
	c := p.rpc
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opts.CallTimeout)
		defer cancel()
	}
	err = fn(ctx, c)
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("pluginhost: plugin %s: %w: %w", id, ctx.Err(), err)
	}
	return err
}

// ReapStale ends plugin processes a previous core left running; call it
// before starting plugins.
func (s *Supervisor) ReapStale() (int, error) { return ReapStale(s.opts.RunDir) }

// Reconfigure gives running plugin id new settings, which it validates;
// once accepted they are also what its restarts use.
func (s *Supervisor) Reconfigure(ctx context.Context, id string, settings json.RawMessage) error {
	m := s.lookup(id)
	if m == nil {
		return fmt.Errorf("%w: plugin %s is not running", ErrUnavailable, id)
	}
	err := s.Do(ctx, id, "Configure", func(ctx context.Context, c *grpcplugin.Client) error { return c.Configure(ctx, settings, m.host) })
	if err == nil {
		m.setSettings(string(settings))
	}
	return err
}

// Logs returns the last lines plugin id wrote on its standard error, oldest
// first, across its restarts; none for a plugin never started.
func (s *Supervisor) Logs(id string) []string {
	s.mu.Lock()
	logs := s.logs[id]
	s.mu.Unlock()
	if logs == nil {
		return []string{}
	}
	return logs.Lines()
}

// setState records a plugin's state in the catalog, with its own deadline
// since it may follow a cancelled request.
func (s *Supervisor) setState(id, state, reason string) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.CallTimeout)
	defer cancel()
	s.mu.Lock()
	s.states[strings.Clone(id)] = state // id may be a caller's buffer
	s.mu.Unlock()
	p := store.Plugin{ID: id, State: state, LastError: reason}
	if err := s.plugins.Update(ctx, &p, "state", "last_error"); err != nil {
		s.opts.Logger.Error("record plugin state", "plugin", id, "state", state, "error", err)
	}
}
