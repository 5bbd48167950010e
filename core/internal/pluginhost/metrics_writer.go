package pluginhost

import (
	"context"
	"io"
	"sync"
	"time"
)

// collectTimeout bounds how long a scrape waits for one plugin's metrics.
const collectTimeout = 2 * time.Second

// WriteMetrics writes, in Prometheus text format, every plugin's state,
// the memory and CPU of each running plugin's process from /proc, and the
// metrics the running plugins collect themselves, each with a plugin label.
// Register it with the core's metrics (metrics.Set.RegisterMetricsWriter).
// Plugins are asked in parallel, each within collectTimeout; one that does
// not answer is left out of this scrape. Scrapes do not count as calls, so
// they never keep an on-demand plugin from idling out, nor wake one.
func (s *Supervisor) WriteMetrics(w io.Writer) {
	samples, procs := s.snapshot()
	writeProcessMetrics(w, samples)
	own := make([][]metricFamily, len(procs))
	var wg sync.WaitGroup
	for i, p := range procs {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), collectTimeout)
			defer cancel()
			text, err := p.proc.rpc.CollectMetrics(ctx)
			if err != nil {
				s.opts.Logger.Debug("plugin metrics not collected", "plugin", p.id, "error", err)
				return
			}
			own[i] = parseExposition(p.id, text)
		})
	}
	wg.Wait()
	writeFamilies(w, own)
}

type runningProc struct {
	id   string
	proc *process
}

// snapshot reads the state of every plugin seen and /proc of those that
// run.
func (s *Supervisor) snapshot() ([]procSample, []runningProc) {
	s.mu.Lock()
	samples := make([]procSample, 0, len(s.states))
	for id, state := range s.states {
		samples = append(samples, procSample{plugin: id, state: state})
	}
	var procs []runningProc
	for id, m := range s.running {
		if p := m.current(); p != nil && !p.exited() && !m.isClosing() {
			procs = append(procs, runningProc{id, p})
		}
	}
	s.mu.Unlock()
	pids := make(map[string]int, len(procs))
	for _, p := range procs {
		pids[p.id] = p.proc.pid
	}
	for i := range samples {
		pid, ok := pids[samples[i].plugin]
		if !ok {
			continue
		}
		var err error
		samples[i].rss, samples[i].anon, err = ProcMemory(pid)
		samples[i].hasProc = err == nil
		samples[i].cpuSeconds, err = ProcCPUSeconds(pid)
		samples[i].hasStat = err == nil
	}
	return samples, procs
}
