package pluginhost

import (
	"time"

	"github.com/VictoriaMetrics/metrics"
	"github.com/hashicorp/go-hclog"
)

// Options tune the Supervisor. Zero fields take the defaults that
// withDefaults documents; tests shorten the intervals.
type Options struct {
	// Logger receives the supervisor's messages and, named plugin.<id>,
	// every plugin's log lines. Default: a null logger.
	Logger hclog.Logger
	// StartTimeout bounds the handshake of a starting plugin. Default 10s.
	StartTimeout time.Duration
	// CallTimeout bounds Describe, Configure, CheckHealth, and the calls of
	// Do whose context has no deadline. Default 10s.
	CallTimeout time.Duration
	// StopGrace is how long a plugin has to shut down before its process
	// group is killed. Default 5s.
	StopGrace time.Duration
	// HealthInterval is the time between health checks. Default 5s.
	HealthInterval time.Duration
	// MaxFailedChecks is how many failed health checks in a row make the
	// supervisor restart a plugin. Default 3.
	MaxFailedChecks int
	// BackoffMin and BackoffMax bound the exponential delay (with jitter)
	// before a restart. Defaults 100ms and 5s.
	BackoffMin, BackoffMax time.Duration
	// CrashLimit crashes within CrashWindow end in state "failed".
	// Defaults 5 and one minute.
	CrashLimit  int
	CrashWindow time.Duration
	// LogLines is how many stderr lines are kept per plugin. Default 500.
	LogLines int
	// IdleTimeout stops an on-demand plugin after that long without calls.
	// Default 5m.
	IdleTimeout time.Duration
	// Metrics is where the calls to plugins are counted; nil: a private
	// set.
	Metrics *metrics.Set
	// BuiltinDir holds the built-in plugin binaries, registered by
	// Manager.StartEnabled; empty: none.
	BuiltinDir string
	// RunDir keeps a pid file per running plugin so that the next core can
	// end what a killed core left behind; empty turns that off.
	RunDir string
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.Logger == nil {
		o.Logger = hclog.NewNullLogger()
	}
	setDur(&o.StartTimeout, 10*time.Second)
	setDur(&o.CallTimeout, 10*time.Second)
	setDur(&o.StopGrace, 5*time.Second)
	setDur(&o.HealthInterval, 5*time.Second)
	setDur(&o.BackoffMin, 100*time.Millisecond)
	setDur(&o.BackoffMax, 5*time.Second)
	setDur(&o.CrashWindow, time.Minute)
	setDur(&o.IdleTimeout, 5*time.Minute)
	setInt(&o.MaxFailedChecks, 3)
	setInt(&o.CrashLimit, 5)
	setInt(&o.LogLines, 500)
	return o
}

func setDur(d *time.Duration, def time.Duration) {
	if *d <= 0 {
		*d = def
	}
}

func setInt(n *int, def int) {
	if *n <= 0 {
		*n = def
	}
}
