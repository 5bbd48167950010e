package scenario

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// HTTPReport is the outcome of one run of the HTTP scenario.
type HTTPReport struct {
	Started  time.Time
	Wrk      harness.WrkOptions
	Warmup   time.Duration
	IdleWait time.Duration
	// Hello is hello-world's GET /, the yardstick; Live and Version are
	// diwan's GET /health/live and GET /api/v1/version.
	Hello, Live, Version Measurement
	// IdleMemory is diwan's memory IdleWait after it became ready, before
	// any load; LoadedMemory is read after the last measured run.
	IdleMemory, LoadedMemory harness.Memory
	// Shutdown lists the servers that did not exit cleanly on SIGTERM.
	Shutdown []string
	// Command is the command line that ran the scenario; the caller sets it.
	Command string
	Setup   Setup
}

// Setup describes the software and machine a report was measured on.
type Setup struct {
	Machine harness.Machine
	// GoVersion is the Go release that built the diwan binary.
	GoVersion  string
	WrkVersion string
}

// describeSetup reads the machine and the versions; what it cannot learn
// is "unknown".
func describeSetup(ctx context.Context, o HTTPOptions) Setup {
	s := Setup{Machine: harness.DescribeMachine(), GoVersion: "unknown", WrkVersion: "unknown"}
	if v, err := harness.GoVersion(o.Diwan); err == nil {
		s.GoVersion = v
	}
	if v, err := harness.WrkVersion(ctx, o.Wrk.Path); err == nil {
		s.WrkVersion = v
	}
	return s
}

// Check is one target of the scenario and whether the run met it.
type Check struct {
	Target   string
	Measured string
	Met      bool
}

// Checks returns the targets in the order they are reported: JSON route
// throughput, idle memory, failed requests and clean shutdown.
func (r *HTTPReport) Checks() []Check {
	ratio := r.Ratio(r.Version)
	failed := r.Failures()
	return []Check{{
		Target:   fmt.Sprintf("JSON route (`GET /api/v1/version`) ≥ %.0f%% of hello-world throughput", TargetJSONRatio*100),
		Measured: fmt.Sprintf("%.0f%%", ratio*100),
		Met:      ratio >= TargetJSONRatio,
	}, {
		Target:   fmt.Sprintf("idle VmRSS of `diwan serve` on SQLite ≤ %s", formatKB(TargetIdleRSSKB)),
		Measured: formatKB(r.IdleMemory.VmRSSKB),
		Met:      r.IdleMemory.VmRSSKB <= TargetIdleRSSKB,
	}, {
		Target:   "every request answered below 400, no socket error (warm-ups included)",
		Measured: fmt.Sprintf("%d failed", failed),
		Met:      failed == 0,
	}, {
		Target:   "both servers exit cleanly on SIGTERM",
		Measured: orText(strings.Join(r.Shutdown, "; "), "yes"),
		Met:      len(r.Shutdown) == 0,
	}}
}

// OK reports whether every check is met.
func (r *HTTPReport) OK() bool {
	for _, c := range r.Checks() {
		if !c.Met {
			return false
		}
	}
	return true
}

// Ratio returns m's throughput as a share of hello-world's, or 0 when
// hello-world served nothing.
func (r *HTTPReport) Ratio(m Measurement) float64 {
	if r.Hello.Result.RequestsPerSec == 0 {
		return 0
	}
	return m.Result.RequestsPerSec / r.Hello.Result.RequestsPerSec
}

// Failures returns the failed requests of every run, warm-ups included.
func (r *HTTPReport) Failures() int64 {
	return r.Hello.Failures() + r.Live.Failures() + r.Version.Failures()
}

func orText(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}
