// Package schedule is the core's scheduler: it runs the actions that
// plugins declare in their manifests' schedules (a nightly backup, a
// certificate renewal) at the times of their cron expressions, waking an
// on-demand plugin for it. It keeps no state of its own: the schedules come
// from the plugin catalog at every tick, so enabling, disabling or
// upgrading a plugin takes effect at the next minute. When several core
// instances share one cache (Redis), each due run is claimed once, so only
// one instance starts it.
package schedule

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/robfig/cron/v3"

	"github.com/diwanpanel/diwan/core/internal/cache"
)

// Job is one schedule of one enabled plugin.
type Job struct {
	Plugin string
	Name   string
	Cron   string
	Action string
	Input  json.RawMessage
}

// Source lists the schedules of the enabled plugins.
type Source interface {
	Schedules(ctx context.Context) ([]Job, error)
}

// Runner starts a job's action; it returns once the action has started
// (as a task), not when it ends.
type Runner interface {
	RunScheduled(ctx context.Context, job Job) error
}

// claimTTL is how long a claim on one due run is kept: longer than the
// ticks of every instance that could see the same minute.
const claimTTL = 10 * time.Minute

// Scheduler runs due jobs once a minute.
type Scheduler struct {
	src    Source
	run    Runner
	claims cache.KV
	log    hclog.Logger
	parser cron.Parser
}

// New returns a Scheduler that reads jobs from src, starts them with run,
// and claims each due run in claims.
func New(src Source, run Runner, claims cache.KV, log hclog.Logger) *Scheduler {
	return &Scheduler{
		src: src, run: run, claims: claims, log: log,
		parser: cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow),
	}
}

// Run ticks at the start of every minute (UTC) until ctx is done.
func (s *Scheduler) Run(ctx context.Context) {
	for {
		now := time.Now().UTC()
		next := now.Truncate(time.Minute).Add(time.Minute)
		t := time.NewTimer(next.Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		s.Tick(ctx, next)
	}
}

// Tick starts every job due in the minute of at, and returns how many it
// started. A job whose cron expression does not parse is logged and
// skipped; one that fails to start is logged and does not hold back the
// others.
func (s *Scheduler) Tick(ctx context.Context, at time.Time) int {
	minute := at.UTC().Truncate(time.Minute)
	jobs, err := s.src.Schedules(ctx)
	if err != nil {
		s.log.Error("cannot read plugin schedules", "error", err)
		return 0
	}
	started := 0
	for _, job := range jobs {
		due, err := s.Due(job.Cron, minute)
		if err != nil {
			s.log.Warn("schedule skipped", "plugin", job.Plugin, "schedule", job.Name, "error", err)
			continue
		}
		if !due || !s.claim(ctx, job, minute) {
			continue
		}
		if err := s.run.RunScheduled(ctx, job); err != nil {
			s.log.Error("scheduled action did not start", "plugin", job.Plugin, "schedule", job.Name, "error", err)
			continue
		}
		s.log.Info("scheduled action started", "plugin", job.Plugin, "schedule", job.Name, "action", job.Action)
		started++
	}
	return started
}

// Due reports whether the five-field cron expression expr (UTC) fires in
// the minute that starts at minute.
func (s *Scheduler) Due(expr string, minute time.Time) (bool, error) {
	sched, err := s.parser.Parse("CRON_TZ=UTC " + expr)
	if err != nil {
		return false, fmt.Errorf("schedule: cron %q: %w", expr, err)
	}
	return sched.Next(minute.Add(-time.Second)).Equal(minute), nil
}

// claim reports whether this instance is the one to start job's run in
// minute. Without a shared cache every instance is alone and claims all.
func (s *Scheduler) claim(ctx context.Context, job Job, minute time.Time) bool {
	key := "schedule:" + job.Plugin + ":" + job.Name + ":" + strconv.FormatInt(minute.Unix(), 10)
	ok, err := s.claims.SetNX(ctx, key, []byte("1"), claimTTL)
	if err != nil {
		s.log.Error("cannot claim a scheduled run", "plugin", job.Plugin, "schedule", job.Name, "error", err)
		return false
	}
	return ok
}
