package pluginhost

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/health"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// /metrics carries, per plugin, its calls by method with errors and
// latency, its restarts, state, memory and CPU, and its own metrics with a
// plugin label; promtool accepts the whole.
func TestSupervisorMetrics(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	reg := health.NewRegistry()
	for name, help := range MetricHelp {
		reg.Describe(name, help)
	}
	set := reg.Set()
	opts := testOptions()
	opts.Metrics = set
	s := newSupervisor(t, d, opts)
	set.RegisterMetricsWriter(s.WriteMetrics)
	if err := s.Start(ctx, install(t, d, "misbehave", `{}`)); err != nil {
		t.Fatal(err)
	}
	ok := func(context.Context, *grpcplugin.Client) error { return nil }
	failing := func(context.Context, *grpcplugin.Client) error { return errors.New("refused") }
	for _, fn := range []func(context.Context, *grpcplugin.Client) error{ok, ok, failing} {
		_ = s.Do(ctx, "misbehave", "ListResources", fn)
	}
	pid, _ := s.PID("misbehave")
	if err := exec.Command("kill", "-9", strconv.Itoa(pid)).Run(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5e9, "misbehave restarts", func() bool { p, err := s.PID("misbehave"); return err == nil && p != pid })

	var buf bytes.Buffer
	reg.WritePrometheus(&buf)
	out := buf.String()
	for _, want := range []string{
		`diwan_plugin_calls_total{plugin="misbehave",method="ListResources"} 3`,
		`diwan_plugin_call_errors_total{plugin="misbehave",method="ListResources"} 1`,
		`diwan_plugin_call_duration_seconds_count{plugin="misbehave",method="ListResources"} 3`,
		`diwan_plugin_restarts_total{plugin="misbehave"} 1`,
		`diwan_plugin_state{plugin="misbehave",state="running"} 1`,
		`misbehave_calls_total{plugin="misbehave",kind="odd"} 3`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	for _, re := range []string{`diwan_plugin_resident_memory_bytes\{plugin="misbehave"\} [1-9]`, `diwan_plugin_private_memory_bytes\{plugin="misbehave"\} [1-9]`, `diwan_plugin_cpu_seconds_total\{plugin="misbehave"\} \d`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("metrics lack %s", re)
		}
	}
	if strings.Contains(out, `plugin="hello"`) || strings.Contains(out, `go_goroutines{plugin=`) {
		t.Errorf("a plugin wrote into a label or family that is not its own:\n%s", out)
	}
	if t.Failed() {
		t.Log(out)
	}
	testsvc.CheckMetrics(t, out)

}
