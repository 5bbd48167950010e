package pluginhost

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
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
		if err := s.Do(ctx, "hello", check); err != nil {
			b.Fatal(err)
		}
	}
	took := make([]time.Duration, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		began := time.Now()
		if err := s.Do(ctx, "hello", check); err != nil {
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
	status, err := procStatus(pid)
	if err != nil {
		b.Fatal(err)
	}
	// b.Loop runs this function once, so the 2s wait above is not repeated;
	// the loop measures nothing.
	for b.Loop() {
	}
	b.ReportMetric(0, "ns/op") // hides the empty loop's time
	b.ReportMetric(float64(status["VmRSS"]), "VmRSS-kB")
	b.ReportMetric(float64(status["RssAnon"]), "RssAnon-kB")
}

// procStatus returns the kB fields of /proc/pid/status, such as VmRSS.
func procStatus(pid int) (map[string]int, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, fmt.Errorf("read process status: %w", err)
	}
	defer func() { _ = f.Close() }()
	fields := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, ok := strings.CutSuffix(strings.TrimSpace(value), " kB")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(kb); err == nil {
			fields[name] = n
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read process status: %w", err)
	}
	if _, ok := fields["VmRSS"]; !ok {
		return nil, fmt.Errorf("process %d status has no VmRSS", pid)
	}
	return fields, nil
}
