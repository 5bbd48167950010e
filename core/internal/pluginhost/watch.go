package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/diwanpanel/diwan/sdk"
)

// exitPoll is how often a plugin's process is checked for an exit.
const exitPoll = 25 * time.Millisecond

// reasonIdle is what monitor returns when an on-demand plugin has been
// idle long enough to stop.
const reasonIdle = "idle"

// watch supervises m until Stop, until an on-demand plugin idles out, or
// until a crash loop fails it.
func (s *Supervisor) watch(m *managed) {
	defer close(m.done)
	for {
		reason := s.monitor(m)
		switch {
		case reason == "":
			return
		case reason == reasonIdle:
			s.stopIdle(m)
			return
		case !s.restart(m, reason):
			return
		}
	}
}

// stopIdle stops an on-demand plugin that nobody has called for its idle
// time. Its next call starts it again.
func (s *Supervisor) stopIdle(m *managed) {
	if p := m.setProc(nil); p != nil {
		p.stop(s.opts.StopGrace)
	}
	s.opts.Logger.Info("stopped idle plugin", "plugin", m.entry.ID, "idle", m.idle.String())
	s.setState(m.entry.ID, StateIdle, "")
	s.forget(m)
}

// idleTicks is how often m is checked for an idle stop: a few times per
// idle period, at most every second; nil (never) for a plugin kept running.
func idleTicks(m *managed) (<-chan time.Time, func()) {
	if m.idle <= 0 {
		return nil, func() {}
	}
	t := time.NewTicker(min(max(m.idle/4, 10*time.Millisecond), time.Second))
	return t.C, t.Stop
}

// restart brings m back after a crash, waiting longer after each one, and
// reports false when m was stopped or failed.
func (s *Supervisor) restart(m *managed, reason string) bool {
	id := m.entry.ID
	for {
		n := m.crash(time.Now(), s.opts.CrashWindow)
		if n >= s.opts.CrashLimit {
			s.fail(m, fmt.Sprintf("crashed %d times within %s; last: %s", n, s.opts.CrashWindow, reason))
			return false
		}
		s.opts.Logger.Warn("plugin crashed; restarting", "plugin", id, "reason", reason, "crashes", n)
		m.changeState(StateRestarting)
		s.setState(id, StateRestarting, reason)
		if !m.sleep(s.backoff(n)) {
			return false
		}
		proc, err := launch(m.ctx, m.settingsEntry(), m.host, s.opts, m.logs, s.sums)
		switch {
		case err == nil:
			s.metrics.restarted(id)
			m.setProc(proc)
			m.changeState(StateRunning)
			s.setState(id, StateRunning, "")
			return true
		case m.ctx.Err() != nil:
			return false
		case errors.Is(err, errPermanent):
			s.fail(m, err.Error())
			return false
		}
		reason = err.Error()
	}
}

// fail gives up on m: its state becomes "failed" with reason.
func (s *Supervisor) fail(m *managed, reason string) {
	s.opts.Logger.Error("plugin failed", "plugin", m.entry.ID, "reason", reason)
	s.forget(m)
	s.setState(m.entry.ID, StateFailed, reason)
}

// backoff is the delay before restart n (from 1): BackoffMin doubled each
// time up to BackoffMax, give or take a fifth at random.
func (s *Supervisor) backoff(n int) time.Duration {
	d := s.opts.BackoffMin << min(n-1, 30)
	if d <= 0 || d > s.opts.BackoffMax {
		d = s.opts.BackoffMax
	}
	jitter := time.Duration(rand.Int64N(int64(d)/5+1)) - d/10 //nolint:gosec // G404: jitter, not a secret
	return d + jitter
}

// monitor returns why m's process ended or was killed, or "" when m was
// stopped.
func (s *Supervisor) monitor(m *managed) string {
	proc := m.current()
	exits := time.NewTicker(exitPoll)
	defer exits.Stop()
	checks := time.NewTicker(s.opts.HealthInterval)
	defer checks.Stop()
	idle, stopIdle := idleTicks(m)
	defer stopIdle()
	failed := 0
	for {
		select {
		case <-m.ctx.Done():
			return ""
		case now := <-idle:
			if m.closeIfIdle(now) {
				return reasonIdle
			}
		case <-exits.C:
			if proc.exited() {
				s.drop(m, proc)
				return "the plugin process exited"
			}
		case <-checks.C:
			msg := s.check(m, proc)
			if msg == "" {
				failed = 0
				continue
			}
			if failed++; failed >= s.opts.MaxFailedChecks {
				s.drop(m, proc)
				return fmt.Sprintf("%d health checks failed in a row; last: %s", failed, msg)
			}
		}
	}
}

// drop stops routing calls to proc and kills its process group, unless
// Stop already took it over.
func (s *Supervisor) drop(m *managed, proc *process) {
	if m.ctx.Err() != nil {
		return
	}
	m.setProc(nil)
	proc.kill()
}

// check asks proc how it is, records a change between running and degraded,
// and returns why the check failed, or "".
func (s *Supervisor) check(m *managed, proc *process) string {
	ctx, cancel := context.WithTimeout(m.ctx, s.opts.CallTimeout)
	defer cancel()
	h, err := proc.rpc.CheckHealth(ctx)
	switch {
	case m.ctx.Err() != nil:
		return ""
	case err != nil:
		return err.Error()
	case h.Status == sdk.HealthDown:
		return "down: " + h.Message
	}
	state, reason := StateRunning, ""
	if h.Status == sdk.HealthDegraded {
		state, reason = StateDegraded, h.Message
	}
	if m.changeState(state) {
		s.setState(m.entry.ID, state, reason)
	}
	return ""
}
