package plugin_test

import (
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/plugin"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

// fastClock is a clock that moves one second each time it is read, so
// that a plugin ticking every few milliseconds lives through minutes.
type fastClock struct{ unix atomic.Int64 }

func newFastClock(start time.Time) *fastClock {
	c := &fastClock{}
	c.unix.Store(start.Unix())
	return c
}

func (c *fastClock) now() time.Time { return time.Unix(c.unix.Add(1), 0).UTC() }

func (c *fastClock) peek() time.Time { return time.Unix(c.unix.Load(), 0).UTC() }

// queryPoints runs the query action and returns its points' times.
func queryPoints(t *testing.T, c *plugintest.Client, input string) []time.Time {
	t.Helper()
	inv, err := c.Invoke(plugin.ActionQuery, raw(input))
	if err != nil {
		t.Fatalf("query %s: %v", input, err)
	}
	var out struct {
		Points []struct {
			T   int64   `json:"t"`
			Avg float64 `json:"avg"`
		} `json:"points"`
	}
	if err := json.Unmarshal(inv.Output, &out); err != nil {
		t.Fatal(err)
	}
	times := make([]time.Time, len(out.Points))
	for i, p := range out.Points {
		if p.Avg <= 0 {
			t.Errorf("point %d of %s has avg %v", i, input, p.Avg)
		}
		times[i] = time.Unix(p.T, 0).UTC()
	}
	return times
}

func TestHistoryAndAlertsSurviveAPluginRestart(t *testing.T) {
	base := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	clock := newFastClock(base)
	opts := plugin.Options{Now: clock.now, Tick: 2 * time.Millisecond}
	first := plugintest.Start(t, plugin.New(opts))
	first.Host.Grant(sdk.PermissionKV, sdk.PermissionSecrets, sdk.PermissionEventsPublish)
	if err := first.Configure(raw(`{}`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, 20*time.Second, "four sampled minutes", func() bool { return clock.peek().Sub(base) > 4*time.Minute+10*time.Second })
	if err := first.Shutdown(); err != nil {
		t.Fatal(err)
	}
	stopped := clock.peek()

	// A new instance over the same store, as after a restart of the plugin.
	second := plugintest.Start(t, plugin.New(opts))
	second.Host = first.Host
	if err := second.Configure(raw(`{}`)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = second.Shutdown() })
	q := `{"metric":"memory_used_bytes","resolution":"1m","from":"` + base.Format(time.RFC3339) + `","to":"` + stopped.Format(time.RFC3339) + `"}`
	times := queryPoints(t, second, q)
	if len(times) < 4 {
		t.Fatalf("after the restart the query returned %d minutes, want the 4 closed before it: %v", len(times), times)
	}
	for k, at := range times[:4] {
		if want := base.Add(time.Duration(k) * time.Minute); !at.Equal(want) {
			t.Errorf("minute %d is at %v, want %v", k, at, want)
		}
	}
	page, err := second.List(plugin.KindAlert, sdk.PageRequest{})
	if err != nil || len(page.Items) != len(alerts.Defaults()) {
		t.Errorf("after the restart there are %d alerts (%v), want the %d built-in ones once", len(page.Items), err, len(alerts.Defaults()))
	}
}
