package plugintest

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-plugin"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/grpcplugin"
	"github.com/diwanpanel/diwan/sdk/protocol"
)

// callTimeout bounds every call a Client makes, so that a plugin that hangs
// fails its test instead of stalling it.
const callTimeout = 10 * time.Second

// Client calls a plugin served by Start. Its methods return the errors the
// core would receive, so tests can check them with errors.Is and errors.As.
type Client struct {
	// Host is the fake core that the plugin calls back; grant it the
	// permissions a test needs before the calls that need them.
	Host *FakeHost

	t   testing.TB
	rpc *grpcplugin.Client
}

// Start serves p in-process over go-plugin's gRPC test connection, with a
// new FakeHost, and returns a client for it. The connection is closed when
// the test ends. Start does not configure p: call Configure.
func Start(t testing.TB, p sdk.Plugin) *Client {
	t.Helper()
	plugins := plugin.PluginSet{protocol.PluginName: &grpcplugin.Plugin{Impl: p}}
	conn, server := plugin.TestPluginGRPCConn(t, false, plugins)
	t.Cleanup(func() {
		server.Stop() // first: closing the client first races with the stop it asks for
		_ = conn.Close()
	})
	raw, err := conn.Dispense(protocol.PluginName)
	if err != nil {
		t.Fatalf("plugintest: dispense: %v", err)
	}
	return &Client{Host: NewFakeHost(), t: t, rpc: raw.(*grpcplugin.Client)}
}

func (c *Client) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.t.Context(), callTimeout)
}

// Describe returns the manifest as the core receives it.
func (c *Client) Describe() (sdk.Manifest, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.Describe(ctx)
}

// Configure sends settings, with c.Host as the plugin's Host.
func (c *Client) Configure(settings json.RawMessage) error {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.Configure(ctx, settings, c.Host)
}

// CheckHealth asks the plugin how it is.
func (c *Client) CheckHealth() (sdk.Health, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.CheckHealth(ctx)
}

// CollectMetrics returns the plugin's Prometheus text, empty when it has
// no metrics.
func (c *Client) CollectMetrics() (string, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.CollectMetrics(ctx)
}

// Shutdown asks the plugin to finish within a second.
func (c *Client) Shutdown() error {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.Shutdown(ctx, time.Now().Add(time.Second))
}

// List returns one page of the resources of kind.
func (c *Client) List(kind string, page sdk.PageRequest) (sdk.Page, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.List(ctx, kind, page)
}

// Get returns one resource.
func (c *Client) Get(kind, id string) (sdk.Resource, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.Get(ctx, kind, id)
}

// Apply creates a resource when id is empty and replaces it otherwise.
func (c *Client) Apply(kind, id string, data json.RawMessage) (sdk.Resource, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.Apply(ctx, kind, id, data)
}

// Delete removes one resource.
func (c *Client) Delete(kind, id string) error {
	ctx, cancel := c.ctx()
	defer cancel()
	return c.rpc.Delete(ctx, kind, id)
}

// Progress is one progress event of an action.
type Progress struct {
	Fraction float64
	Message  string
}

// LogLine is one log line of an action.
type LogLine struct {
	Level string
	Text  string
}

// Invocation is what an action reported and returned.
type Invocation struct {
	Progress []Progress
	Logs     []LogLine
	Output   json.RawMessage
}

// Invoke runs an action and returns what it reported and its output, even
// when it fails. An action that ran and failed returns a
// *grpcplugin.ActionError.
func (c *Client) Invoke(action string, input json.RawMessage) (Invocation, error) {
	ctx, cancel := c.ctx()
	defer cancel()
	rec := &recorder{}
	out, err := c.rpc.Invoke(ctx, grpcplugin.Call{Action: action, Input: input, TaskID: "plugintest"}, rec)
	inv := rec.invocation()
	inv.Output = out
	return inv, err
}

// recorder is the sdk.Reporter that collects an invocation's events.
type recorder struct {
	mu  sync.Mutex
	inv Invocation
}

// Progress records a progress event.
func (r *recorder) Progress(fraction float64, msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.inv.Progress = append(r.inv.Progress, Progress{Fraction: fraction, Message: msg})
}

// Log records a log line.
func (r *recorder) Log(level, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.inv.Logs = append(r.inv.Logs, LogLine{Level: level, Text: text})
}

func (r *recorder) invocation() Invocation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.inv
}

var _ sdk.Reporter = (*recorder)(nil)
