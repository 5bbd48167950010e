package health

import (
	"bytes"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

// Every family gets a help text, the registered one first; the library's
// families that break Prometheus's naming rules are mended; promtool
// accepts the whole.
func TestRegistryWritesLintCleanMetrics(t *testing.T) {
	r := NewRegistry()
	r.Set().NewCounter(`diwan_things_total{kind="a"}`).Inc()
	r.Set().NewCounter(`diwan_db_pool_idle_connections_total`).Inc()
	r.Describe("diwan_things_total", "Things done.")
	var buf bytes.Buffer
	r.WritePrometheus(&buf)
	out := buf.String()
	for _, want := range []string{
		"# HELP diwan_things_total Things done.\n",
		"# HELP diwan_db_pool_idle_connections_total Diwan db pool idle connections total.\n",
		"# TYPE process_io_read_bytes_total counter\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(out, "go_cgo_calls_count") || strings.Contains(out, "# HELP go_sched_latencies_seconds\n") {
		t.Errorf("a family was not mended:\n%s", out)
	}
	testsvc.CheckMetrics(t, out)

}
