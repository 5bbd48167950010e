package pluginhost

import (
	"context"
	"sync"
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/sdk"
)

// managed is the supervisor's record of one started plugin.
type managed struct {
	entry store.Plugin
	host  sdk.Host
	logs  *logRing
	// ctx is cancelled by Stop; done is closed when watch returns.
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}

	mu      sync.Mutex
	proc    *process
	state   string
	crashes []time.Time
}

func newManaged(entry store.Plugin, host sdk.Host, logs *logRing) *managed {
	ctx, cancel := context.WithCancel(context.Background())
	return &managed{entry: entry, host: host, logs: logs, ctx: ctx, cancel: cancel, done: make(chan struct{})}
}

// settingsEntry returns the entry with the settings a restart must use.
func (m *managed) settingsEntry() store.Plugin {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.entry
}

// setSettings makes settings what later restarts configure.
func (m *managed) setSettings(settings string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entry.Settings = settings
}

// current returns the running process, nil between a crash and a restart.
func (m *managed) current() *process {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.proc
}

// setProc makes p current and returns the previous process.
func (m *managed) setProc(p *process) *process {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.proc
	m.proc = p
	return old
}

// changeState sets the state and says whether it changed.
func (m *managed) changeState(state string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	changed := m.state != state
	m.state = state
	return changed
}

// crash records a crash at now and returns how many happened within window.
func (m *managed) crash(now time.Time, window time.Duration) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	kept := m.crashes[:0]
	for _, t := range m.crashes {
		if now.Sub(t) < window {
			kept = append(kept, t)
		}
	}
	m.crashes = append(kept, now)
	return len(m.crashes)
}

// sleep waits d and reports false when the plugin was stopped meanwhile.
func (m *managed) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-m.ctx.Done():
		return false
	}
}
