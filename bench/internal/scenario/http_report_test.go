package scenario

import (
	"testing"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// sampleReport returns a report whose every target is met, with the JSON
// route at exactly half of hello-world's throughput and the authenticated
// read at exactly 40%.
func sampleReport() *HTTPReport {
	run := func(rps float64, p50 time.Duration) harness.WrkResult {
		return harness.WrkResult{
			Requests: int64(rps * 10), RequestsPerSec: rps,
			P50: p50, P75: 2 * p50, P90: 3 * p50, P99: 10 * p50,
		}
	}
	return &HTTPReport{
		Started:   time.Date(2026, 11, 25, 21, 50, 0, 0, time.UTC),
		Wrk:       harness.WrkOptions{Threads: 1, Connections: 64, Duration: 10 * time.Second},
		Warmup:    2 * time.Second,
		IdleWait:  3 * time.Second,
		LoginTime: 5 * time.Second,
		Hello: Measurement{Server: "hello-world", Path: "/", LogLines: -1,
			Warmup: run(39000, time.Millisecond), Result: run(40000, 900*time.Microsecond), CPU: 7 * time.Second},
		Live: Measurement{Server: "diwan", Path: "/health/live", LogLines: 0,
			Warmup: run(30000, time.Millisecond), Result: run(30000, 1500*time.Microsecond), CPU: 9 * time.Second},
		Version: Measurement{Server: "diwan", Path: "/api/v1/version", LogLines: 0,
			Warmup: run(19000, time.Millisecond), Result: run(20000, 2770*time.Microsecond), CPU: 10 * time.Second},
		Me: Measurement{Server: "diwan", Path: "/api/v1/auth/me", Note: "authenticated read (session cookie)", LogLines: 0,
			Warmup: run(15000, time.Millisecond), Result: run(16000, 3500*time.Microsecond), CPU: 10 * time.Second},
		VersionLogged: Measurement{Server: "diwan", Path: "/api/v1/version", Note: "JSON route, every request logged (`log.access=all`)", LogLines: 150000,
			Warmup: run(14000, time.Millisecond), Result: run(15000, 3800*time.Microsecond), CPU: 10 * time.Second},
		Login: LoginMeasurement{Workers: 2,
			Warmup: harness.LoopResult{Calls: 80, Elapsed: 2010 * time.Millisecond, P50: 49 * time.Millisecond},
			Result: harness.LoopResult{Calls: 206, Elapsed: 5020 * time.Millisecond,
				P50: 48 * time.Millisecond, P90: 52 * time.Millisecond, P99: 61 * time.Millisecond, Max: 70 * time.Millisecond},
			CPU: 9476 * time.Millisecond, LogLines: 206},
		IdleMemory:   harness.Memory{VmRSSKB: 16052, RssAnonKB: 2980},
		LoadedMemory: harness.Memory{VmRSSKB: 22252, RssAnonKB: 8612},
		LoginMemory:  harness.Memory{VmRSSKB: 61440, RssAnonKB: 47104},
		Command:      "diwanbench -diwan bin/diwan -hello bin/hello -out docs/benchmarks.md",
		Setup: Setup{
			Machine:   harness.Machine{CPUs: 2, CPUModel: "AMD EPYC", Kernel: "6.18.44", LoadAverage: "0.12 0.30 0.41"},
			GoVersion: "go1.26.8", WrkVersion: "wrk debian/4.1.0-3+b2 [epoll]",
		},
	}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *HTTPReport)
		want   []bool // JSON ratio, authenticated read ratio, idle memory, failures, shutdown
	}{
		{"all met, at the limits", func(r *HTTPReport) { r.IdleMemory.VmRSSKB = TargetIdleRSSKB }, []bool{true, true, true, true, true}},
		{"JSON route too slow", func(r *HTTPReport) { r.Version.Result.RequestsPerSec = 19999 }, []bool{false, true, true, true, true}},
		{"authenticated read too slow", func(r *HTTPReport) { r.Me.Result.RequestsPerSec = 15999 }, []bool{true, false, true, true, true}},
		{"only the logged JSON route slow", func(r *HTTPReport) { r.VersionLogged.Result.RequestsPerSec = 1000 }, []bool{true, true, true, true, true}},
		{"idle memory too large", func(r *HTTPReport) { r.IdleMemory.VmRSSKB = TargetIdleRSSKB + 1 }, []bool{true, true, false, true, true}},
		{"memory after logins does not count", func(r *HTTPReport) { r.LoginMemory.VmRSSKB = 4 * TargetIdleRSSKB }, []bool{true, true, true, true, true}},
		{"no hello-world throughput", func(r *HTTPReport) { r.Hello.Result.RequestsPerSec = 0 }, []bool{false, false, true, true, true}},
		{"error answers", func(r *HTTPReport) { r.Live.Result.ErrorStatus = 1 }, []bool{true, true, true, false, true}},
		{"socket error in a warm-up", func(r *HTTPReport) { r.Hello.Warmup.Socket.Timeout = 2 }, []bool{true, true, true, false, true}},
		{"error answers with log.access=all", func(r *HTTPReport) { r.VersionLogged.Result.ErrorStatus = 1 }, []bool{true, true, true, false, true}},
		{"failed login", func(r *HTTPReport) { r.Login.Result.Failed = 1 }, []bool{true, true, true, false, true}},
		{"failed login in the warm-up", func(r *HTTPReport) { r.Login.Warmup.Failed = 1 }, []bool{true, true, true, false, true}},
		{"unclean shutdown", func(r *HTTPReport) { r.Shutdown = []string{"diwan: killed"} }, []bool{true, true, true, true, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleReport()
			tc.change(r)
			checks := r.Checks()
			if len(checks) != len(tc.want) {
				t.Fatalf("%d checks, want %d", len(checks), len(tc.want))
			}
			allMet := true
			for i, c := range checks {
				if c.Met != tc.want[i] {
					t.Errorf("check %q: met = %v, want %v (measured %s)", c.Target, c.Met, tc.want[i], c.Measured)
				}
				allMet = allMet && tc.want[i]
			}
			if r.OK() != allMet {
				t.Errorf("OK() = %v, want %v", r.OK(), allMet)
			}
		})
	}
}
