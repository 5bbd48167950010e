// Package health answers liveness and readiness, and holds the metrics
// registry served on /metrics.
//
// Readiness runs every registered check in parallel, each bounded by a
// timeout. The report names each check and its status but never its error
// text: the endpoint is public, and errors carry internal addresses. Errors
// are logged when a check changes state.
package health

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
)

// Statuses of a check and of the whole report.
const (
	StatusOK          = "ok"
	StatusUnavailable = "unavailable"
)

// CheckFunc reports nil when the dependency is usable.
type CheckFunc func(ctx context.Context) error

// Result is the outcome of one check.
type Result struct {
	Status     string  `json:"status"`
	DurationMS float64 `json:"duration_ms"`
	// Reason is "timeout" or "error" when the check failed.
	Reason string `json:"reason,omitempty"`
}

// Report is the readiness answer.
type Report struct {
	Status string            `json:"status"`
	Checks map[string]Result `json:"checks"`
}

// OK reports whether every check passed.
func (r Report) OK() bool { return r.Status == StatusOK }

type check struct {
	name string
	fn   CheckFunc
}

// Checker runs the readiness checks. Reports are reused for maxAge so that
// a flood of probes does not become a flood of database queries.
type Checker struct {
	timeout time.Duration
	maxAge  time.Duration
	log     hclog.Logger
	checks  []check

	mu     sync.Mutex
	last   Report
	lastAt time.Time
}

// NewChecker returns a checker whose checks each get at most timeout.
func NewChecker(timeout time.Duration, log hclog.Logger) *Checker {
	return &Checker{timeout: timeout, maxAge: time.Second, log: log}
}

// Add registers a check; call before serving.
func (c *Checker) Add(name string, fn CheckFunc) {
	c.checks = append(c.checks, check{name: name, fn: fn})
}

// Ready runs the checks (or reuses a report younger than a second).
func (c *Checker) Ready(ctx context.Context) Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.lastAt.IsZero() && time.Since(c.lastAt) < c.maxAge {
		return c.last
	}
	report, errs := c.run(ctx)
	c.logChanges(report, errs)
	c.last, c.lastAt = report, time.Now()
	return report
}

func (c *Checker) run(ctx context.Context) (Report, map[string]error) {
	results := make([]Result, len(c.checks))
	errs := make([]error, len(c.checks))
	var wg sync.WaitGroup
	for i, ch := range c.checks {
		wg.Go(func() { results[i], errs[i] = c.runOne(ctx, ch.fn) })
	}
	wg.Wait()
	report := Report{Status: StatusOK, Checks: make(map[string]Result, len(c.checks))}
	failed := map[string]error{}
	for i, ch := range c.checks {
		report.Checks[ch.name] = results[i]
		if results[i].Status != StatusOK {
			report.Status = StatusUnavailable
			failed[ch.name] = errs[i]
		}
	}
	return report, failed
}

func (c *Checker) runOne(ctx context.Context, fn CheckFunc) (Result, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	start := time.Now()
	err := fn(ctx)
	r := Result{Status: StatusOK, DurationMS: float64(time.Since(start).Microseconds()) / 1000}
	if err != nil {
		r.Status, r.Reason = StatusUnavailable, "error"
		if ctx.Err() != nil {
			r.Reason = "timeout"
		}
	}
	return r, err
}

// logChanges logs each check that changed state since the previous report,
// with the error that the public report leaves out.
func (c *Checker) logChanges(report Report, errs map[string]error) {
	for name, r := range report.Checks {
		prev, seen := c.last.Checks[name]
		if seen && prev.Status == r.Status {
			continue
		}
		if r.Status == StatusOK {
			if seen {
				c.log.Info("dependency ready again", "check", name)
			}
			continue
		}
		c.log.Warn("dependency unavailable", "check", name, "reason", r.Reason, "error", errs[name])
	}
}
