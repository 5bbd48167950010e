// Package plugin is the monitoring plugin: it wires the collector, the
// history, the alert engine and the notification channels to the SDK's
// interfaces, and runs the sampling loop.
package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/diwanpanel/diwan/plugins/monitoring/internal/alerts"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/collect"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/history"
	"github.com/diwanpanel/diwan/plugins/monitoring/internal/notify"
	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

// errNotConfigured is returned by calls that need the Host before the
// core has configured the plugin.
var errNotConfigured = errors.New("monitoring: not configured")

// Options are what tests change; the zero value is production.
type Options struct {
	// Now is the clock; time.Now by default.
	Now func() time.Time
	// Tick overrides the settings' interval when positive.
	Tick time.Duration
	// Collect tunes the collector.
	Collect collect.Options
	// Sender delivers notifications; notify.NewSender() by default.
	Sender *notify.Sender
}

// settings are the validated settings.
type settings struct {
	interval time.Duration
	publish  bool
}

// Plugin is the monitoring plugin. Its zero value is not usable; call New.
type Plugin struct {
	opts Options

	mu       sync.Mutex
	host     sdk.Host
	settings settings
	hist     *history.History
	engine   *alerts.Engine
	loop     *loop
}

// New returns an unconfigured plugin.
func New(opts Options) *Plugin {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sender == nil {
		opts.Sender = notify.NewSender()
	}
	return &Plugin{opts: opts}
}

// Manifest returns the plugin's manifest.
func (p *Plugin) Manifest() sdk.Manifest { return manifest }

// parseSettings validates {"interval": 1..60, "publish_samples": bool}.
func parseSettings(data json.RawMessage) (settings, error) {
	o, err := decode.Parse(data, "interval", "publish_samples")
	if err != nil {
		return settings{}, err
	}
	secs, err := o.Int("interval", false, 1, 1, 60)
	if err != nil {
		return settings{}, err
	}
	publish, err := o.Bool("publish_samples", true)
	if err != nil {
		return settings{}, err
	}
	return settings{interval: time.Duration(secs) * time.Second, publish: publish}, nil
}

// Configure validates the settings, loads the alerts from the host's
// store when the host changed (creating the built-in alerts on the first
// start over a store without alerts), and (re)starts the sampling loop.
func (p *Plugin) Configure(ctx context.Context, data json.RawMessage, host sdk.Host) error {
	s, err := parseSettings(data)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.host != host || p.engine == nil {
		engine, err := p.loadEngine(ctx, host)
		if err != nil {
			return err
		}
		p.engine = engine
		p.hist = history.New(host, 0)
	}
	p.host, p.settings = host, s
	p.stopLoop()
	p.loop = startLoop(p, s, host, p.hist, p.engine)
	return nil
}

// loadEngine reads the alerts from host's store and, on the first start
// over a store without alerts, creates the built-in ones. Without the kv
// permission the engine starts empty.
func (p *Plugin) loadEngine(ctx context.Context, host sdk.Host) (*alerts.Engine, error) {
	engine := alerts.NewEngine(host)
	err := engine.Load(ctx)
	if err == nil {
		_, err = engine.EnsureDefaults(ctx, p.opts.Now())
	}
	if err != nil && !errors.Is(err, sdk.ErrPermissionDenied) {
		return nil, err
	}
	return engine, nil
}

// stopLoop stops the sampling loop; p.mu must be held.
func (p *Plugin) stopLoop() {
	if p.loop != nil {
		p.loop.stop()
		p.loop = nil
	}
}

// state returns what a call needs, or errNotConfigured.
func (p *Plugin) state() (sdk.Host, *history.History, *alerts.Engine, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.host == nil {
		return nil, nil, nil, errNotConfigured
	}
	return p.host, p.hist, p.engine, nil
}

// CheckHealth is degraded before Configure and while samples or the store
// fail, and OK otherwise.
func (p *Plugin) CheckHealth(context.Context) sdk.Health {
	p.mu.Lock()
	l := p.loop
	p.mu.Unlock()
	if l == nil {
		return sdk.Health{Status: sdk.HealthDegraded, Message: "not configured yet"}
	}
	if msg := l.problem(); msg != "" {
		return sdk.Health{Status: sdk.HealthDegraded, Message: msg}
	}
	return sdk.Health{Status: sdk.HealthOK}
}

// Shutdown stops sampling and writes the closed minutes.
func (p *Plugin) Shutdown(ctx context.Context) error {
	p.mu.Lock()
	p.stopLoop()
	hist := p.hist
	p.mu.Unlock()
	if hist == nil {
		return nil
	}
	return hist.Flush(ctx)
}

var (
	_ sdk.Plugin           = (*Plugin)(nil)
	_ sdk.ResourceProvider = (*Plugin)(nil)
	_ sdk.ActionRunner     = (*Plugin)(nil)
	_ sdk.MetricsCollector = (*Plugin)(nil)
	_ sdk.Shutdowner       = (*Plugin)(nil)
)
