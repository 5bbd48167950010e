package alerts

import (
	"context"
	"fmt"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/series"
)

// defaultsKey marks that the built-in alerts were considered once, so that
// an operator who deletes them does not see them come back.
const defaultsKey = "alertdefaults"

// Defaults returns the built-in alerts, which have no channel: the
// operator adds channels to them. deploy/monitoring/rules.yml has one
// Prometheus rule per built-in alert, labelled diwan_alert with its id,
// with the same metric (prefixed diwan_host_), condition, threshold and
// duration; a test holds the two together.
func Defaults() []Rule {
	rule := func(id, name, metric string, threshold float64, seconds int) Rule {
		return Rule{ID: id, Name: name, Metric: metric, Condition: ">", Threshold: threshold, Duration: seconds, Channels: []string{}, Enabled: true}
	}
	return []Rule{
		rule("cpu-high", "CPU above 90% · المعالج فوق 90%", series.CPU, 0.9, 300),
		rule("memory-high", "Memory above 90% · الذاكرة فوق 90%", series.MemoryRatio, 0.9, 300),
		rule("swap-high", "Swap above 50% · التبديل فوق 50%", series.SwapRatio, 0.5, 600),
		rule("filesystem-full", "A filesystem above 90% · نظام ملفات فوق 90%", series.Filesystem, 0.9, 600),
		rule("load-high", "Load above 2 per core · الحمل فوق 2 لكل نواة", series.LoadPerCPU, 2, 900),
	}
}

// EnsureDefaults stores the built-in alerts the first time it runs on a
// store that holds no alert, and remembers that it ran either way. It
// returns how many alerts it created. Call it after Load.
func (e *Engine) EnsureDefaults(ctx context.Context, now time.Time) (int, error) {
	_, done, err := e.kv.KVGet(ctx, defaultsKey)
	if err != nil || done {
		return 0, wrapKV("read "+defaultsKey, err)
	}
	created := 0
	if len(e.IDs()) == 0 {
		for _, r := range Defaults() {
			if _, err := e.Put(ctx, r, now); err != nil {
				return created, err
			}
			created++
		}
	}
	if err := e.kv.KVPut(ctx, defaultsKey, []byte(now.UTC().Format(time.RFC3339))); err != nil {
		return created, wrapKV("write "+defaultsKey, err)
	}
	return created, nil
}

func wrapKV(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("alerts: %s: %w", what, err)
}
