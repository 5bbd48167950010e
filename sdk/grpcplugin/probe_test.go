package grpcplugin_test

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

// probe is a plugin whose answers a test scripts and whose calls it sees.
type probe struct {
	manifest sdk.Manifest

	mu       sync.Mutex
	settings json.RawMessage
	host     sdk.Host
	deadline time.Time
	calls    []string

	health  sdk.Health
	metrics string
	err     error // returned by every resource call when set
	invoke  func(ctx context.Context, input json.RawMessage, r sdk.Reporter) (json.RawMessage, error)
}

func (p *probe) record(call string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, call)
}

func (p *probe) Manifest() sdk.Manifest { return p.manifest }

func (p *probe) Configure(_ context.Context, settings json.RawMessage, host sdk.Host) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.settings, p.host = settings, host
	return p.err
}

func (p *probe) CheckHealth(context.Context) sdk.Health { return p.health }

func (p *probe) CollectMetrics(context.Context) (string, error) { return p.metrics, p.err }

func (p *probe) Shutdown(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.deadline, _ = ctx.Deadline()
	return nil
}

func (p *probe) List(_ context.Context, kind string, page sdk.PageRequest) (sdk.Page, error) {
	p.record("list " + kind + " " + page.Token)
	items := []sdk.Resource{{ID: "a", JSON: json.RawMessage(`{"n":1}`)}, {Kind: kind, ID: "b", JSON: json.RawMessage(`{"n":2}`)}}
	return sdk.Page{Items: items[:min(page.Size, 2)], NextToken: "next"}, p.err
}

func (p *probe) Get(_ context.Context, kind, id string) (sdk.Resource, error) {
	p.record("get " + kind + " " + id)
	return sdk.Resource{Kind: kind, ID: id, JSON: json.RawMessage(`{"id":"` + id + `"}`)}, p.err
}

func (p *probe) Apply(_ context.Context, kind, id string, data json.RawMessage) (sdk.Resource, error) {
	p.record("apply " + kind + " " + id + " " + string(data))
	if id == "" {
		id = "new"
	}
	return sdk.Resource{Kind: kind, ID: id, JSON: data}, p.err
}

func (p *probe) Delete(_ context.Context, kind, id string) error {
	p.record("delete " + kind + " " + id)
	return p.err
}

func (p *probe) Invoke(ctx context.Context, _ string, input json.RawMessage, r sdk.Reporter) (json.RawMessage, error) {
	return p.invoke(ctx, input, r)
}

var (
	_ sdk.Plugin           = (*probe)(nil)
	_ sdk.ResourceProvider = (*probe)(nil)
	_ sdk.ActionRunner     = (*probe)(nil)
	_ sdk.MetricsCollector = (*probe)(nil)
	_ sdk.Shutdowner       = (*probe)(nil)
)

// fullManifest sets every field of a manifest, so that a round trip that
// drops one is noticed.
func fullManifest() sdk.Manifest {
	return sdk.Manifest{
		ID:          "probe",
		Version:     "1.2.3-rc.1+build.5",
		Name:        sdk.Text{"en": "Probe", "ar": "مسبار"},
		Description: sdk.Text{"en": "Sees every call."},
		Activation:  sdk.ActivationAlways,
		Permissions: []sdk.Permission{
			{Name: sdk.PermissionKV, Reason: sdk.Text{"en": "state"}},
			{Name: sdk.PermissionAuditWrite},
		},
		SettingsSchema: `{"type":"object"}`,
		ResourceKinds: []sdk.ResourceKind{{
			Kind:    "thing",
			Title:   sdk.Text{"en": "Things"},
			Schema:  `{"type":"object"}`,
			Columns: []sdk.Column{{Field: "/n", Title: sdk.Text{"en": "N"}}, {Field: "/id"}},
		}},
		Actions: []sdk.Action{
			{Name: "run", Title: sdk.Text{"en": "Run"}, InputSchema: `{"type":"object"}`, Destructive: true},
			{Name: "count", InputSchema: `{"type":["integer","null"]}`},
		},
		Views:     []sdk.View{{ID: "things", Title: sdk.Text{"en": "Things"}, ResourceKind: "thing"}},
		Schedules: []sdk.Schedule{{Name: "nightly", Cron: "0 3 * * *", Action: "run"}},
	}
}

// start serves p in-process and returns the core's client for it.
func start(t *testing.T, p sdk.Plugin) *grpcplugin.Client {
	t.Helper()
	conn, server := plugin.TestPluginGRPCConn(t, false, plugin.PluginSet{protocol.PluginName: &grpcplugin.Plugin{Impl: p}})
	t.Cleanup(func() {
		server.Stop() // first: closing the client first races with the stop it asks for
		_ = conn.Close()
	})
	raw, err := conn.Dispense(protocol.PluginName)
	if err != nil {
		t.Fatal(err)
	}
	return raw.(*grpcplugin.Client)
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}
