package scenario

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/diwanpanel/diwan/bench/internal/harness"
)

// Measurement is one route measured with wrk.
type Measurement struct {
	Server string
	Path   string
	// Note qualifies the route in the report, such as what it stands for
	// or the settings the server ran with; "" for none.
	Note string
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

// Label names m in the report: the server, the request and the note.
func (m Measurement) Label() string {
	label := fmt.Sprintf("%s `GET %s`", m.Server, m.Path)
	if m.Note != "" {
		label += ": " + m.Note
	}
	return label
}

// load is what one measurement sends: a path, and a header with every
// request when the route needs one.
type load struct {
	path string
	// note becomes Measurement.Note.
	note string
	// header is "Name: value", or "" for none. It may hold a secret, so
	// progress lines name only the header.
	header string
}

// measure checks that l's route answers 200, loads it for o.Warmup, then
// measures it with o.Wrk while reading the server's CPU time and log.
func measure(ctx context.Context, o HTTPOptions, s *server, l load) (Measurement, error) {
	url := s.base + l.path
	m := Measurement{Server: s.name, Path: l.path, Note: l.note, LogLines: -1}
	wrk, shown := o.Wrk, o.Wrk.CommandLine(url)
	var header []string
	if l.header != "" {
		header = []string{l.header}
		wrk.Header = header
		name, _, _ := strings.Cut(l.header, ":")
		shown += " with a " + name + " header"
	}
	// wrk counts a redirect as a success: a route must answer 200 first.
	if err := harness.Probe(ctx, url, header...); err != nil {
		return m, fmt.Errorf("%s %s: %w", s, l.path, err)
	}
	warm := wrk
	warm.Duration = o.Warmup
	fmt.Fprintf(o.Progress, "%s GET %s: warm-up %s, then %s\n", s.name, l.path, o.Warmup, shown)
	var err error
	if m.Warmup, err = harness.RunWrk(ctx, warm, url); err != nil {
		return m, err
	}
	before, err := s.usage()
	if err != nil {
		return m, err
	}
	if m.Result, err = harness.RunWrk(ctx, wrk, url); err != nil {
		return m, err
	}
	after, err := s.usage()
	m.CPU = after.cpu - before.cpu
	if s.log != nil {
		m.LogLines = after.lines - before.lines
	}
	return m, err
}

// usage is what a server has used so far: CPU time, and the lines it has
// written when they are counted.
type usage struct {
	cpu   time.Duration
	lines int64
}

// usage returns what the server has used so far.
func (s *server) usage() (usage, error) {
	cpu, err := harness.ReadCPUTime(s.proc.PID())
	if err != nil {
		return usage{}, fmt.Errorf("%s: %w", s, err)
	}
	u := usage{cpu: cpu}
	if s.log != nil {
		u.lines = s.log.Lines()
	}
	return u, nil
}
