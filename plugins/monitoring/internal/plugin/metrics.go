package plugin

import (
	"context"
)

// CollectMetrics returns the host metrics of the latest sample and the
// plugin's own, in Prometheus text format.
func (p *Plugin) CollectMetrics(context.Context) (string, error) {
	p.mu.Lock()
	l, engine, hist := p.loop, p.engine, p.hist
	p.mu.Unlock()
	if l == nil {
		return "", nil
	}
	// The history and the alert engine are read before the loop's lock is
	// taken: the engine calls into the loop (lookup) under its own lock,
	// so taking them in the other order could deadlock with a tick.
	series, failures, firing := len(hist.Names()), hist.Failures(), engine.Firing()
	l.mu.Lock()
	defer l.mu.Unlock()
	w := &l.prom
	w.Reset()
	if l.sample != nil {
		w.WriteSample(l.sample)
	}
	w.Family("diwan_monitoring_samples_total", "counter", "Samples taken since the plugin started.")
	w.Value("diwan_monitoring_samples_total", float64(l.samples))
	w.Gauge("diwan_monitoring_history_series", "Series kept in the history.", float64(series))
	w.Family("diwan_monitoring_history_flush_failures_total", "counter", "History writes to the store that failed.")
	w.Value("diwan_monitoring_history_flush_failures_total", float64(failures))
	w.Gauge("diwan_monitoring_alerts_firing", "Alerts firing now.", float64(len(firing)))
	w.Family("diwan_monitoring_alert_firing", "gauge", "1 for each firing alert, by id and name.")
	for id, name := range firing {
		w.Value("diwan_monitoring_alert_firing", 1, "alert_id", id, "alert", name)
	}
	return string(w.Bytes()), nil
}
