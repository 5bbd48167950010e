// Command monitoring is Diwan's monitoring plugin: it samples the host
// every second, keeps a bounded year of history, streams live samples,
// runs alerts with webhook and email channels, and exposes Prometheus
// metrics. The plugin is in internal/plugin.
package main

import (
	"os"
	"runtime"
	"runtime/debug"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/plugin"
	"github.com/diwanpanel/diwan/sdk"
)

func main() {
	// The plugin's work is serial and small: one sampling goroutine that
	// runs well under a millisecond a second, and the core's occasional
	// calls. Every extra P costs memory for as long as the plugin idles
	// (its own allocator cache of spans, GC worker and OS thread); on a
	// 2-core host one P instead of two lowered the idle RssAnon by about
	// 1 MiB at the same CPU (docs/monitoring.md, "Cost"), and the saving
	// grows with the core count.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	// The live heap is about 1.5 MiB, but at GOGC=100 Go lets any heap grow
	// to at least 4 MiB before it collects, so the idle peak was set by
	// that floor, not by what the plugin keeps. At 50 the floor is 2 MiB
	// and the heap is collected at about 2.3 MiB: the peak RssAnon fell from
	// 6.2 to 5.2 MiB while CPU stayed at 0.15% of a core, since a collection
	// of so small a heap takes about a millisecond. The environment's GOGC
	// still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	sdk.Serve(plugin.New(plugin.Options{}))
}
