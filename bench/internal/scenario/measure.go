package scenario

import (
	"context"
	"fmt"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// Measurement is one route measured with wrk.
type Measurement struct {
	Server string
	Path   string
	// Warmup is the run before the measured one; its numbers are not
	// reported, but its failures are.
	Warmup harness.WrkResult
	Result harness.WrkResult
	// CPU is the CPU time the server used during the measured run.
	CPU time.Duration
	// LogLines is what the server wrote to stdout and stderr during the
	// measured run, in lines; -1 when not counted.
	LogLines int64
}

// Failures returns the failed requests of both runs.
func (m Measurement) Failures() int64 { return m.Warmup.Failures() + m.Result.Failures() }

// measure checks that path answers 200, loads it for o.Warmup, then
// measures it with o.Wrk while reading the server's CPU time and log.
func measure(ctx context.Context, o HTTPOptions, s *server, path string) (Measurement, error) {
	url := s.base + path
	m := Measurement{Server: s.name, Path: path, LogLines: -1}
	// wrk counts a redirect as a success: a route must answer 200 first.
	if err := harness.Probe(ctx, url); err != nil {
		return m, fmt.Errorf("%s %s: %w", s.name, path, err)
	}
	warm := o.Wrk
	warm.Duration = o.Warmup
	fmt.Fprintf(o.Progress, "%s GET %s: warm-up %s, then %s\n", s.name, path, o.Warmup, o.Wrk.CommandLine(url))
	var err error
	if m.Warmup, err = harness.RunWrk(ctx, warm, url); err != nil {
		return m, err
	}
	cpu, lines, err := s.usage()
	if err != nil {
		return m, err
	}
	if m.Result, err = harness.RunWrk(ctx, o.Wrk, url); err != nil {
		return m, err
	}
	cpuAfter, linesAfter, err := s.usage()
	m.CPU = cpuAfter - cpu
	if s.log != nil {
		m.LogLines = linesAfter - lines
	}
	return m, err
}

// usage returns the CPU time the server has used and the lines it has
// written so far.
func (s *server) usage() (time.Duration, int64, error) {
	cpu, err := harness.ReadCPUTime(s.proc.PID())
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", s.name, err)
	}
	if s.log == nil {
		return cpu, 0, nil
	}
	return cpu, s.log.Lines(), nil
}
