package health

import (
	"bytes"
	"io"
	"sync"

	"github.com/VictoriaMetrics/metrics"
)

// Registry is the core's metrics: its own set plus the Go runtime and
// process metrics, written in Prometheus text format.
type Registry struct {
	set *metrics.Set

	mu   sync.Mutex
	help map[string]string
}

// NewRegistry returns an empty registry with HELP/TYPE metadata enabled.
func NewRegistry() *Registry {
	metrics.ExposeMetadata(true)
	return &Registry{set: metrics.NewSet(), help: map[string]string{}}
}

// Set is where core packages register their metrics.
func (r *Registry) Set() *metrics.Set { return r.set }

// Describe sets the help text of the metric family name.
func (r *Registry) Describe(name, help string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.help[name] = help
}

// WritePrometheus writes every metric to w, each family with a help text.
func (r *Registry) WritePrometheus(w io.Writer) {
	var buf bytes.Buffer
	r.set.WritePrometheus(&buf)
	metrics.WriteProcessMetrics(&buf)
	r.mu.Lock()
	defer r.mu.Unlock()
	fillHelp(w, buf.Bytes(), r.help)
}
