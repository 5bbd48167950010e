package health

import (
	"io"

	"github.com/VictoriaMetrics/metrics"
)

// Registry is the core's metrics: its own set plus the Go runtime and
// process metrics, written in Prometheus text format.
type Registry struct {
	set *metrics.Set
}

// NewRegistry returns an empty registry with HELP/TYPE metadata enabled.
func NewRegistry() *Registry {
	metrics.ExposeMetadata(true)
	return &Registry{set: metrics.NewSet()}
}

// Set is where core packages register their metrics.
func (r *Registry) Set() *metrics.Set { return r.set }

// WritePrometheus writes every metric to w.
func (r *Registry) WritePrometheus(w io.Writer) {
	r.set.WritePrometheus(w)
	metrics.WriteProcessMetrics(w)
}
