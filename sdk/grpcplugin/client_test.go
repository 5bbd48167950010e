package grpcplugin_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

func TestDescribeRoundTrip(t *testing.T) {
	c := start(t, &probe{manifest: fullManifest()})
	got, err := c.Describe(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if want := fullManifest(); !reflect.DeepEqual(got, want) {
		t.Errorf("Describe =\n%+v\nwant\n%+v", got, want)
	}
}

func TestConfigureGivesSettingsAndHost(t *testing.T) {
	p := &probe{manifest: fullManifest()}
	c := start(t, p)
	host := plugintest.NewFakeHost()
	host.Grant(sdk.PermissionKV, sdk.PermissionSecrets, sdk.PermissionEventsPublish, sdk.PermissionAuditWrite)
	if err := c.Configure(ctx(t), json.RawMessage(`{"a":1}`), host); err != nil {
		t.Fatal(err)
	}
	if string(p.settings) != `{"a":1}` {
		t.Errorf("settings = %s", p.settings)
	}
	useEveryHostCall(t, p.host)
	if got := string(host.KV()["k2"]); got != "v2" {
		t.Errorf("KV k2 = %q", got)
	}
	if got := string(host.Secrets()["s"]); got != "secret" {
		t.Errorf("secret = %q", got)
	}
	if ev := host.Events(); len(ev) != 1 || ev[0].Kind != "waved" || string(ev[0].JSON) != `{"n":3}` {
		t.Errorf("events = %+v", ev)
	}
	want := sdk.AuditEntry{Action: "greeting.create", Target: "x", Success: true, Detail: "d"}
	if a := host.Audit(); len(a) != 1 || a[0] != want {
		t.Errorf("audit = %+v", a)
	}
}

// useEveryHostCall calls each Host method from the plugin's side and checks
// the answers that come back.
func useEveryHostCall(t *testing.T, h sdk.Host) {
	t.Helper()
	c := ctx(t)
	must(t, h.KVPut(c, "k1", []byte("v1")))
	must(t, h.KVPut(c, "k2", []byte("v2")))
	if v, found, err := h.KVGet(c, "k1"); err != nil || !found || string(v) != "v1" {
		t.Errorf("KVGet(k1) = %q, %v, %v", v, found, err)
	}
	must(t, h.KVDelete(c, "k1"))
	if v, found, err := h.KVGet(c, "k1"); err != nil || found || v != nil {
		t.Errorf("KVGet(k1) after delete = %q, %v, %v", v, found, err)
	}
	if keys, err := h.KVList(c, "k"); err != nil || !reflect.DeepEqual(keys, []string{"k2"}) {
		t.Errorf("KVList = %v, %v", keys, err)
	}
	must(t, h.SecretPut(c, "s", []byte("secret")))
	if v, found, err := h.SecretGet(c, "s"); err != nil || !found || string(v) != "secret" {
		t.Errorf("SecretGet = %q, %v, %v", v, found, err)
	}
	must(t, h.PublishEvent(c, "waved", map[string]int{"n": 3}))
	must(t, h.RecordAudit(c, sdk.AuditEntry{Action: "greeting.create", Target: "x", Success: true, Detail: "d"}))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestConfigureRefusesSettingsOfTheWrongType(t *testing.T) {
	p := &probe{manifest: fullManifest()}
	c := start(t, p)
	err := c.Configure(ctx(t), json.RawMessage(`[]`), nil)
	wantInvalid(t, err, "")
	if p.settings != nil {
		t.Error("the plugin was called with refused settings")
	}
}

func TestConfigureSwapsTheHost(t *testing.T) {
	p := &probe{manifest: fullManifest()}
	c := start(t, p)
	if err := c.Configure(ctx(t), nil, nil); err != nil {
		t.Fatal(err)
	}
	if string(p.settings) != "{}" {
		t.Errorf("empty settings arrived as %q, want {}", p.settings)
	}
	if _, _, err := p.host.KVGet(ctx(t), "k"); !isDenied(err) {
		t.Errorf("KVGet without a host: %v, want permission denied", err)
	}
	first, second := plugintest.NewFakeHost(), plugintest.NewFakeHost()
	first.Grant(sdk.PermissionKV)
	second.Grant(sdk.PermissionKV)
	must(t, c.Configure(ctx(t), nil, first))
	must(t, p.host.KVPut(ctx(t), "k", []byte("1")))
	must(t, c.Configure(ctx(t), nil, second))
	must(t, p.host.KVPut(ctx(t), "k", []byte("2")))
	if string(first.KV()["k"]) != "1" || string(second.KV()["k"]) != "2" {
		t.Errorf("first %q, second %q", first.KV()["k"], second.KV()["k"])
	}
	must(t, c.Configure(ctx(t), nil, nil))
	if err := p.host.KVPut(ctx(t), "k", []byte("3")); !isDenied(err) {
		t.Errorf("KVPut after the host was withdrawn: %v", err)
	}
}

func TestHealthRoundTrip(t *testing.T) {
	for _, want := range []sdk.Health{
		{Status: sdk.HealthOK},
		{Status: sdk.HealthDegraded, Message: "slow disk"},
		{Status: sdk.HealthDown, Message: "nginx is gone"},
		{Status: sdk.HealthUnknown},
	} {
		t.Run(want.Status.String(), func(t *testing.T) {
			c := start(t, &probe{manifest: fullManifest(), health: want})
			got, err := c.CheckHealth(ctx(t))
			if err != nil || got != want {
				t.Errorf("CheckHealth = %+v, %v, want %+v", got, err, want)
			}
		})
	}
}

func TestMetricsAndShutdown(t *testing.T) {
	p := &probe{manifest: fullManifest(), metrics: "# TYPE x counter\nx 1\n"}
	c := start(t, p)
	if text, err := c.CollectMetrics(ctx(t)); err != nil || text != p.metrics {
		t.Errorf("CollectMetrics = %q, %v", text, err)
	}
	deadline := time.Now().Add(2 * time.Second).Truncate(time.Millisecond)
	must(t, c.Shutdown(ctx(t), deadline))
	if !p.deadline.Equal(deadline) {
		t.Errorf("the plugin's deadline is %v, want %v", p.deadline, deadline)
	}
}
