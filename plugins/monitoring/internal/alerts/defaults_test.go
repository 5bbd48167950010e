package alerts

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/sdk"
	"github.com/diwanpanel/diwan/sdk/plugintest"
)

var now = time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)

func loaded(t *testing.T, kv KV) *Engine {
	t.Helper()
	e := NewEngine(kv)
	if err := e.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestDefaultsPassTheRuleValidation(t *testing.T) {
	for _, r := range Defaults() {
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := ParseRule(data, r.ID)
		if err != nil {
			t.Errorf("built-in alert %s is refused: %v", r.ID, err)
		}
		if !slices.Equal(parsed.Channels, r.Channels) || parsed.Metric != r.Metric || parsed.Duration != r.Duration || !parsed.Enabled {
			t.Errorf("built-in alert %s reads back as %+v", r.ID, parsed)
		}
	}
}

func TestDefaultsAreCreatedOnceOnAnEmptyStore(t *testing.T) {
	ctx := context.Background()
	kv := plugintest.NewFakeHost()
	kv.Grant(sdk.PermissionKV)
	e := loaded(t, kv)
	if n, err := e.EnsureDefaults(ctx, now); err != nil || n != len(Defaults()) {
		t.Fatalf("first start created %d alerts, %v; want %d", n, err, len(Defaults()))
	}
	// A restart loads them from the store and creates nothing.
	e = loaded(t, kv)
	if ids := e.IDs(); len(ids) != len(Defaults()) || !slices.Contains(ids, "cpu-high") {
		t.Fatalf("after a restart the alerts are %v", ids)
	}
	if n, err := e.EnsureDefaults(ctx, now); err != nil || n != 0 {
		t.Errorf("second start created %d alerts, %v", n, err)
	}
	// Deleted by the operator, they do not come back.
	for _, id := range e.IDs() {
		if err := e.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	e = loaded(t, kv)
	if n, err := e.EnsureDefaults(ctx, now); err != nil || n != 0 || len(e.IDs()) != 0 {
		t.Errorf("after deleting them, a start created %d alerts (%v): %v", n, err, e.IDs())
	}
}

func TestDefaultsAreNotAddedToExistingAlerts(t *testing.T) {
	ctx := context.Background()
	kv := plugintest.NewFakeHost()
	kv.Grant(sdk.PermissionKV)
	e := loaded(t, kv)
	mine := Rule{ID: "mine", Name: "mine", Metric: "load1", Condition: ">", Threshold: 8, Channels: []string{}, Enabled: true}
	if _, err := e.Put(ctx, mine, now); err != nil {
		t.Fatal(err)
	}
	if n, err := e.EnsureDefaults(ctx, now); err != nil || n != 0 || !slices.Equal(e.IDs(), []string{"mine"}) {
		t.Errorf("a store with an alert got %d built-in ones (%v): %v", n, err, e.IDs())
	}
}

func TestDefaultsReportAStoreWithoutPermission(t *testing.T) {
	kv := plugintest.NewFakeHost() // no kv permission
	n, err := NewEngine(kv).EnsureDefaults(context.Background(), now)
	if n != 0 || !errors.Is(err, sdk.ErrPermissionDenied) {
		t.Errorf("without kv: %d alerts, %v; want 0 and a permission error", n, err)
	}
}
