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
	// ctx is cancelled by Stop; started is closed once the first launch
	// ended, well or not; done is closed when watch returns.
	ctx     context.Context
	cancel  context.CancelFunc
	started chan struct{}
	done    chan struct{}

	// idle stops an on-demand plugin after that long without calls; zero
	// keeps it running.
	idle time.Duration

	mu      sync.Mutex
	proc    *process
	state   string
	crashes []time.Time
	// inflight counts the calls under way, lastUse is when the last one
	// began or ended, and closing is set once an idle stop has begun: no
	// call starts after it.
	inflight int
	lastUse  time.Time
	closing  bool
}

func newManaged(entry store.Plugin, host sdk.Host, logs *logRing, idle time.Duration) *managed {
	ctx, cancel := context.WithCancel(context.Background())
	return &managed{
		entry: entry, host: host, logs: logs, idle: idle, lastUse: time.Now(),
		ctx: ctx, cancel: cancel, started: make(chan struct{}), done: make(chan struct{}),
	}
}

// acquire counts a call that begins, unless an idle stop has begun.
func (m *managed) acquire() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closing {
		return false
	}
	m.inflight++
	m.lastUse = time.Now()
	return true
}

// release counts a call that ended.
func (m *managed) release() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.inflight--
	m.lastUse = time.Now()
}

// closeIfIdle begins an idle stop when no call is under way and none began
// or ended within m.idle, and reports whether it did.
func (m *managed) closeIfIdle(now time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closing || m.inflight > 0 || now.Sub(m.lastUse) < m.idle {
		return false
	}
	m.closing = true
	return true
}

// isClosing reports whether an idle stop has begun.
func (m *managed) isClosing() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.closing
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
