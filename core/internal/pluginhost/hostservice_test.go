package pluginhost

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
	"github.com/diwanpanel/diwan/sdk"
)

// allPermissions grants every Host service.
var allPermissions = []string{sdk.PermissionKV, sdk.PermissionSecrets, sdk.PermissionEventsPublish, sdk.PermissionAuditWrite}

// hostDeps are the dependencies of host services over one store.
type hostDeps struct {
	st     *store.Store
	box    *seal.Box
	events *cache.Memory
	audit  *audit.Recorder
}

func newHostDeps(t testing.TB) hostDeps {
	t.Helper()
	st := storetest.Open(t, config.SQLite)
	box, err := seal.New(bytes.Repeat([]byte("k"), 32), "plugin-secrets")
	if err != nil {
		t.Fatal(err)
	}
	events := cache.NewMemory()
	t.Cleanup(func() { _ = events.Close() })
	return hostDeps{st: st, box: box, events: events, audit: audit.NewRecorder(st.Audit(), hclog.NewNullLogger())}
}

func (d hostDeps) host(id string, granted ...string) *hostService {
	return newHostService(id, granted, d.st.PluginData(), d.box, d.events, d.audit)
}

func TestHostServiceRefusesWithoutTheGrant(t *testing.T) {
	ctx := context.Background()
	h := newHostDeps(t).host("hello") // nothing granted
	calls := map[string]func() error{
		"KVGet":        func() error { _, _, err := h.KVGet(ctx, "k"); return err },
		"KVPut":        func() error { return h.KVPut(ctx, "k", []byte("v")) },
		"KVDelete":     func() error { return h.KVDelete(ctx, "k") },
		"KVList":       func() error { _, err := h.KVList(ctx, ""); return err },
		"SecretGet":    func() error { _, _, err := h.SecretGet(ctx, "s"); return err },
		"SecretPut":    func() error { return h.SecretPut(ctx, "s", []byte("v")) },
		"PublishEvent": func() error { return h.PublishEvent(ctx, "waved", 1) },
		"RecordAudit":  func() error { return h.RecordAudit(ctx, sdk.AuditEntry{Action: "x"}) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); !errors.Is(err, sdk.ErrPermissionDenied) {
				t.Fatalf("%s without the grant = %v, want ErrPermissionDenied", name, err)
			}
		})
	}
}

func TestHostServiceKeepsPluginsApart(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	a, b := d.host("alpha", allPermissions...), d.host("beta", allPermissions...)
	if err := a.KVPut(ctx, "shared-name", []byte("alpha's")); err != nil {
		t.Fatal(err)
	}
	if err := a.SecretPut(ctx, "token", []byte("alpha-token")); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := b.KVGet(ctx, "shared-name"); err != nil || ok || v != nil {
		t.Fatalf("beta read alpha's KV: %q, %v, %v", v, ok, err)
	}
	if keys, err := b.KVList(ctx, ""); err != nil || len(keys) != 0 {
		t.Fatalf("beta listed %v, %v", keys, err)
	}
	if v, ok, err := b.SecretGet(ctx, "token"); err != nil || ok || v != nil {
		t.Fatalf("beta read alpha's secret: %q, %v, %v", v, ok, err)
	}
	if v, ok, err := a.KVGet(ctx, "shared-name"); err != nil || !ok || string(v) != "alpha's" {
		t.Fatalf("alpha's own KV = %q, %v, %v", v, ok, err)
	}
	if keys, err := a.KVList(ctx, "shared"); err != nil || len(keys) != 1 {
		t.Fatalf("alpha's keys = %v, %v", keys, err)
	}
	if err := a.KVDelete(ctx, "shared-name"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.KVGet(ctx, "shared-name"); ok {
		t.Fatal("a deleted key is still there")
	}
}

func TestHostServiceSealsSecrets(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	h := d.host("hello", sdk.PermissionSecrets)
	if err := h.SecretPut(ctx, "password", []byte("hunter2-plain")); err != nil {
		t.Fatal(err)
	}
	raw, err := d.st.PluginData().Get(ctx, "hello", store.SpaceSecret, "password")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("hunter2-plain")) || len(raw) == 0 {
		t.Fatalf("the stored secret is not sealed: %q", raw)
	}
	if v, ok, err := h.SecretGet(ctx, "password"); err != nil || !ok || string(v) != "hunter2-plain" {
		t.Fatalf("SecretGet = %q, %v, %v", v, ok, err)
	}
	// A sealed value moved under another name does not open.
	if err := d.st.PluginData().Put(ctx, "hello", store.SpaceSecret, "other", raw); err != nil {
		t.Fatal(err)
	}
	if _, _, err := h.SecretGet(ctx, "other"); !errors.Is(err, seal.ErrOpen) {
		t.Fatalf("a moved secret opened: %v", err)
	}
}

func TestHostServiceValidatesKeys(t *testing.T) {
	ctx := context.Background()
	h := newHostDeps(t).host("hello", allPermissions...)
	for name, key := range map[string]string{"empty": "", "too long": strings.Repeat("k", 192), "NUL": "a\x00b"} {
		t.Run(name, func(t *testing.T) {
			var inv *sdk.InvalidError
			if err := h.KVPut(ctx, key, []byte("v")); !errors.As(err, &inv) || inv.Field != "key" {
				t.Fatalf("KVPut(%q) = %v, want an invalid key", key, err)
			}
		})
	}
	if err := h.KVPut(ctx, strings.Repeat("k", 191), []byte("v")); err != nil {
		t.Fatalf("a 191-byte key was refused: %v", err)
	}
}

func TestHostServicePublishesAndAudits(t *testing.T) {
	ctx := context.Background()
	d := newHostDeps(t)
	h := d.host("hello", allPermissions...)
	sub, err := d.events.Subscribe(ctx, EventsChannel)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = sub.Close() }()
	if err := h.PublishEvent(ctx, "waved", map[string]int{"times": 2}); err != nil {
		t.Fatal(err)
	}
	select {
	case msg := <-sub.Messages():
		if want := `{"kind":"plugin.waved","plugin":"hello","data":{"times":2}}`; string(msg) != want {
			t.Fatalf("event = %s, want %s", msg, want)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no event")
	}
	if err := h.RecordAudit(ctx, sdk.AuditEntry{Action: "greeting.create", Target: "g1", Success: true}); err != nil {
		t.Fatal(err)
	}
	entries, err := d.audit.Query(ctx, store.AuditFilter{Action: "greeting.create"})
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit = %+v, %v", entries, err)
	}
	if e := entries[0]; e.Actor != "plugin:hello" || e.Via != "plugin" || e.Target != "g1" || e.Result != audit.ResultSuccess {
		t.Fatalf("audit entry = %+v", e)
	}
}
