// Package hello is the example Diwan plugin: a resource kind, "greeting",
// stored in the host's key-value store, and an action, "wave", that reports
// its progress. Its tests show how a plugin is tested with plugintest.
package hello

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/decode"
)

// defaultGreeting opens a greeting's message when the settings give none.
const defaultGreeting = "Hello"

// errNotConfigured is returned by calls that need the Host before the
// core has configured the plugin.
var errNotConfigured = errors.New("hello: not configured")

// Plugin is the hello plugin. Its zero value is not usable; call New.
type Plugin struct {
	mu       sync.RWMutex
	host     sdk.Host
	greeting string
}

// New returns an unconfigured plugin.
func New() *Plugin {
	return &Plugin{greeting: defaultGreeting}
}

// Manifest returns the plugin's manifest.
func (p *Plugin) Manifest() sdk.Manifest {
	return manifest
}

// Configure reads the settings ({"greeting": "..."}, at most 64 characters)
// and keeps the host.
func (p *Plugin) Configure(_ context.Context, settings json.RawMessage, host sdk.Host) error {
	obj, err := decode.Parse(settings, "greeting")
	if err != nil {
		return err
	}
	greeting, err := obj.String("greeting", false, "", 0, 64)
	if err != nil {
		return err
	}
	if greeting == "" {
		greeting = defaultGreeting
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.host, p.greeting = host, greeting
	return nil
}

// CheckHealth is OK once the plugin is configured, degraded before.
func (p *Plugin) CheckHealth(context.Context) sdk.Health {
	if _, _, err := p.state(); err != nil {
		return sdk.Health{Status: sdk.HealthDegraded, Message: "not configured yet"}
	}
	return sdk.Health{Status: sdk.HealthOK}
}

// state returns the host and greeting, or errNotConfigured.
func (p *Plugin) state() (sdk.Host, string, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.host == nil {
		return nil, "", errNotConfigured
	}
	return p.host, p.greeting, nil
}

var (
	_ sdk.Plugin           = (*Plugin)(nil)
	_ sdk.ResourceProvider = (*Plugin)(nil)
	_ sdk.ActionRunner     = (*Plugin)(nil)
)
