package pluginhost

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/VictoriaMetrics/metrics"
)

// hostMetrics counts every call the core makes to a plugin, by plugin and
// method: calls, errors and latency, and each plugin's restarts. The
// series are created at a plugin's first call and reused after.
type hostMetrics struct {
	set *metrics.Set

	mu       sync.Mutex
	calls    map[callKey]*callStats
	restarts map[string]*metrics.Counter
}

type callKey struct{ plugin, method string }

type callStats struct {
	calls, errors *metrics.Counter
	latency       *metrics.PrometheusHistogram
}

func newHostMetrics(set *metrics.Set) *hostMetrics {
	if set == nil {
		set = metrics.NewSet()
	}
	return &hostMetrics{set: set, calls: map[callKey]*callStats{}, restarts: map[string]*metrics.Counter{}}
}

// observe records one call of method to plugin that began at start.
func (h *hostMetrics) observe(plugin, method string, start time.Time, err error) {
	st := h.stats(plugin, method)
	st.calls.Inc()
	if err != nil {
		st.errors.Inc()
	}
	st.latency.UpdateDuration(start)
}

func (h *hostMetrics) stats(plugin, method string) *callStats {
	k := callKey{plugin, method}
	h.mu.Lock()
	defer h.mu.Unlock()
	st, ok := h.calls[k]
	if !ok {
		// The key outlives the call: the API's strings may be views of a
		// request buffer that fiber reuses, so keep copies.
		k = callKey{strings.Clone(plugin), strings.Clone(method)}
		labels := fmt.Sprintf(`{plugin=%q,method=%q}`, plugin, method)
		st = &callStats{
			calls:   h.set.NewCounter("diwan_plugin_calls_total" + labels),
			errors:  h.set.NewCounter("diwan_plugin_call_errors_total" + labels),
			latency: h.set.NewPrometheusHistogram("diwan_plugin_call_duration_seconds" + labels),
		}
		h.calls[k] = st
	}
	return st
}

// MetricHelp is the help text of each metric family the plugin host
// counts (those it writes at scrape time carry their own).
var MetricHelp = map[string]string{
	"diwan_plugin_calls_total":           "Calls from the core to a plugin, by plugin and method.",
	"diwan_plugin_call_errors_total":     "Calls from the core to a plugin that failed, by plugin and method.",
	"diwan_plugin_call_duration_seconds": "Time a call from the core to a plugin took, by plugin and method.",
	"diwan_plugin_restarts_total":        "Restarts of a plugin after it crashed or stopped answering health checks.",
}

// restarted counts a restart of plugin after a crash.
func (h *hostMetrics) restarted(plugin string) {
	h.mu.Lock()
	c, ok := h.restarts[plugin]
	if !ok {
		c = h.set.NewCounter(fmt.Sprintf(`diwan_plugin_restarts_total{plugin=%q}`, plugin))
		h.restarts[plugin] = c
	}
	h.mu.Unlock()
	c.Inc()
}

// procSample is what /proc says of one running plugin process.
type procSample struct {
	plugin           string
	rss, anon        int64   // bytes
	cpuSeconds       float64 // user + system
	state            string
	hasProc, hasStat bool
}

// family is one metric family written at scrape time: its help, type and
// one value per plugin.
type family struct {
	name, help, kind string
	value            func(procSample) (float64, bool)
}

var processFamilies = []family{
	{"diwan_plugin_resident_memory_bytes", "Resident memory of the plugin's process (VmRSS).", "gauge",
		func(p procSample) (float64, bool) { return float64(p.rss), p.hasProc }},
	{"diwan_plugin_private_memory_bytes", "Private resident memory of the plugin's process (RssAnon).", "gauge",
		func(p procSample) (float64, bool) { return float64(p.anon), p.hasProc }},
	{"diwan_plugin_cpu_seconds_total", "CPU time (user and system) of the plugin's current process.", "counter",
		func(p procSample) (float64, bool) { return p.cpuSeconds, p.hasStat }},
}

// writeProcessMetrics writes each plugin's state (one series with value 1
// per plugin, labelled with the state) and, for those that run, the memory
// and CPU of their process. A family without a series is left out.
func writeProcessMetrics(w io.Writer, samples []procSample) {
	sort.Slice(samples, func(i, j int) bool { return samples[i].plugin < samples[j].plugin })
	if len(samples) > 0 {
		_, _ = io.WriteString(w, "# HELP diwan_plugin_state The plugin's state, as the label says (value 1).\n# TYPE diwan_plugin_state gauge\n")
	}
	for _, p := range samples {
		fmt.Fprintf(w, "diwan_plugin_state{plugin=%q,state=%q} 1\n", p.plugin, p.state)
	}
	for _, f := range processFamilies {
		header := false
		for _, p := range samples {
			v, ok := f.value(p)
			if !ok {
				continue
			}
			if !header {
				fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f.name, f.help, f.name, f.kind)
				header = true
			}
			fmt.Fprintf(w, "%s{plugin=%q} %s\n", f.name, p.plugin, strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
}
