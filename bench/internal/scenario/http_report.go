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
	// LoginTime is how long the measured login loop lasted.
	LoginTime time.Duration
	// Hello is hello-world's GET /, the yardstick. Live, Version and Me
	// are GET /health/live, GET /api/v1/version and, with a session
	// cookie, GET /api/v1/auth/me on diwan at default settings;
	// VersionLogged is GET /api/v1/version on a second diwan that logs
	// every request.
	Hello, Live, Version, Me, VersionLogged Measurement
	// Login is the login loop on diwan at default settings.
	Login LoginMeasurement
	// IdleMemory is the first diwan's memory IdleWait after it became
	// ready, before any load; LoadedMemory is read after its last wrk run
	// and LoginMemory after the login loop.
	IdleMemory, LoadedMemory, LoginMemory harness.Memory
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
// and authenticated read throughput, idle memory, failed requests and
// clean shutdown.
func (r *HTTPReport) Checks() []Check {
	failed := r.Failures()
	return []Check{
		r.ratioCheck("JSON route (`GET /api/v1/version`, default settings)", r.Version, TargetJSONRatio),
		r.ratioCheck("authenticated read (`GET /api/v1/auth/me` with a session cookie)", r.Me, TargetAuthRatio),
		{
			Target:   fmt.Sprintf("idle VmRSS of `diwan serve` on SQLite ≤ %s", formatKB(TargetIdleRSSKB)),
			Measured: formatKB(r.IdleMemory.VmRSSKB),
			Met:      r.IdleMemory.VmRSSKB <= TargetIdleRSSKB,
		}, {
			Target:   "every wrk request answered below 400 and every login with 200, no socket error (warm-ups included)",
			Measured: fmt.Sprintf("%d failed", failed),
			Met:      failed == 0,
		}, {
			Target:   "every server exits cleanly on SIGTERM",
			Measured: orText(strings.Join(r.Shutdown, "; "), "yes"),
			Met:      len(r.Shutdown) == 0,
		},
	}
}

// ratioCheck checks that m reaches target, a share of hello-world's
// throughput.
func (r *HTTPReport) ratioCheck(what string, m Measurement, target float64) Check {
	ratio := r.Ratio(m)
	return Check{
		Target:   fmt.Sprintf("%s ≥ %.0f%% of hello-world throughput", what, target*100),
		Measured: fmt.Sprintf("%.0f%%", ratio*100),
		Met:      ratio >= target,
	}
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

// Measurements returns the wrk measurements in the order they are
// reported.
func (r *HTTPReport) Measurements() []Measurement {
	return []Measurement{r.Hello, r.Live, r.Version, r.Me, r.VersionLogged}
}

// Failures returns the failed requests and logins of every run, warm-ups
// included.
func (r *HTTPReport) Failures() int64 {
	n := r.Login.Failures()
	for _, m := range r.Measurements() {
		n += m.Failures()
	}
	return n
}

func orText(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}
