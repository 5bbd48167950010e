package pluginhost

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/tasks"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
)

// The plugin benchmarks run the real hello example with the supervisor's
// default options (5s health checks, as in production), so that the
// numbers are the ones a panel sees. They measure:
//
//   - BenchmarkPluginStart: spawn to ready (Start returns after the
//     handshake, Describe and Configure); Stop between starts is not timed.
//   - BenchmarkPluginRPC: one CheckHealth round trip through Supervisor.Do.
//   - BenchmarkPluginIdleMemory: VmRSS and RssAnon of an idle hello.
//   - BenchmarkPluginColdStart: the first call to an idle on-demand hello.

// benchSupervisor registers hello with every permission on a fresh SQLite
// catalog and returns its entry and a supervisor with the default options,
// stopped when the benchmark ends.
func benchSupervisor(tb testing.TB) (*Supervisor, store.Plugin) {
	tb.Helper()
	d := newHostDeps(tb)
	return newSupervisor(tb, d, Options{}), install(tb, d, "hello", `{}`)
}

// percentile returns the p-th percentile (0 < p ≤ 1) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func BenchmarkPluginStart(b *testing.B) {
	s, entry := benchSupervisor(b)
	ctx := context.Background()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		began := time.Now()
		if err := s.Start(ctx, entry); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(began))
		b.StopTimer()
		if err := s.Stop(ctx, "hello"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(percentile(took, 0.5).Nanoseconds()), "p50-ns")
}

func BenchmarkPluginRPC(b *testing.B) {
	s, entry := benchSupervisor(b)
	ctx := context.Background()
	if err := s.Start(ctx, entry); err != nil {
		b.Fatal(err)
	}
	check := func(ctx context.Context, c *grpcplugin.Client) error {
		_, err := c.CheckHealth(ctx)
		return err
	}
	for range 100 { // warm the connection
		if err := s.Do(ctx, "hello", "CheckHealth", check); err != nil {
			b.Fatal(err)
		}
	}
	took := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		began := time.Now()
		if err := s.Do(ctx, "hello", "CheckHealth", check); err != nil {
			b.Fatal(err)
		}
		took[i] = time.Since(began)
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(percentile(took, 0.5).Nanoseconds())/1e3, "p50-us")
	b.ReportMetric(float64(percentile(took, 0.99).Nanoseconds())/1e3, "p99-us")
}

func BenchmarkPluginIdleMemory(b *testing.B) {
	s, entry := benchSupervisor(b)
	if err := s.Start(context.Background(), entry); err != nil {
		b.Fatal(err)
	}
	pid, err := s.PID("hello")
	if err != nil {
		b.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	rss, anon, err := ProcMemory(pid)
	if err != nil {
		b.Fatal(err)
	}
	// b.Loop runs this function once, so the 2s wait above is not repeated;
	// the loop measures nothing.
	for b.Loop() {
	}
	b.ReportMetric(0, "ns/op") // hides the empty loop's time
	b.ReportMetric(float64(rss/1024), "VmRSS-kB")
	b.ReportMetric(float64(anon/1024), "RssAnon-kB")
}

// BenchmarkPluginColdStart measures the first call to an on-demand plugin
// that is not running: a greeting list through the Manager, which starts
// hello (verify, spawn, handshake, Describe, Configure) and then calls it.
// Stopping it between calls is not timed.
func BenchmarkPluginColdStart(b *testing.B) {
	d := newHostDeps(b)
	m := NewManager(d.st.Plugins(), newSupervisor(b, d, Options{}), tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())
	entry := install(b, d, "hello", `{}`)
	manifest, err := exec.Command(entry.BinaryPath, "-describe").Output()
	if err != nil {
		b.Fatal(err)
	}
	ident, err := parseIdentity(manifest)
	if err != nil || !ident.onDemand() {
		b.Fatalf("hello is not on-demand: %v", err)
	}
	entry.Manifest = ident.raw
	if err := d.st.Plugins().Update(context.Background(), &entry, "manifest"); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	took := make([]time.Duration, 0, b.N)
	for b.Loop() {
		began := time.Now()
		if _, err := m.ListResources(ctx, "hello", "greeting", sdk.PageRequest{Size: 1}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(began))
		b.StopTimer()
		if err := m.sup.Stop(ctx, "hello"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	slices.Sort(took)
	b.ReportMetric(float64(percentile(took, 0.5).Nanoseconds()), "p50-ns")
}

// BenchmarkBuiltinsReady measures StartEnabled, which serve runs as it
// starts: the built-in plugin directory registered (every binary hashed),
// then every enabled always-on plugin started in parallel, until all are
// ready. The directory holds the real built-in plugins (monitoring) and
// hello, all enabled; hello is on-demand and waits for its first call.
func BenchmarkBuiltinsReady(b *testing.B) {
	dir := b.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", dir+"/",
		"github.com/diwanpanel/diwan/plugins/monitoring", "github.com/diwanpanel/diwan/sdk/examples/hello")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make plugins builds them
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build the built-in plugins: %v\n%s", err, out)
	}
	d := newHostDeps(b)
	sup := newSupervisor(b, d, Options{BuiltinDir: dir})
	m := NewManager(d.st.Plugins(), sup, tasks.NewManager(d.st.Tasks(), d.events), hclog.NewNullLogger())
	ctx := context.Background()
	ids := m.RegisterBuiltins(ctx, dir)
	for _, id := range ids {
		if _, err := m.Enable(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
	sup.StopAll(ctx)
	took := make([]time.Duration, 0, b.N)
	for b.Loop() {
		began := time.Now()
		m.StartEnabled(ctx)
		took = append(took, time.Since(began))
		b.StopTimer()
		if !sup.Running("monitoring") {
			b.Fatal("monitoring did not start")
		}
		sup.StopAll(ctx)
		b.StartTimer()
	}
	slices.Sort(took)
	b.ReportMetric(float64(percentile(took, 0.5).Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(len(ids)), "plugins")
}
