package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/store"
)

func TestPluginCatalog(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		plugins := s.Plugins()
		if _, err := plugins.Get(ctx, "hello"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("get unknown: %v", err)
		}
		p := &store.Plugin{ID: "hello", Version: "0.1.0", BinaryPath: "/opt/diwan/plugins/hello", SHA256: "aa", State: "registered"}
		if err := plugins.Register(ctx, p); err != nil {
			t.Fatal(err)
		}
		p.Enabled, p.Settings, p.Granted = true, `{"greeting":"hi"}`, `["kv"]`
		if err := plugins.Update(ctx, p, "enabled", "settings", "granted"); err != nil {
			t.Fatal(err)
		}
		// An upgrade replaces binary and checksum, and keeps the operator's choices.
		up := &store.Plugin{ID: "hello", Version: "0.2.0", BinaryPath: "/opt/diwan/plugins/hello-2", SHA256: "bb", State: "registered"}
		if err := plugins.Register(ctx, up); err != nil {
			t.Fatal(err)
		}
		got, err := plugins.Get(ctx, "hello")
		if err != nil || got.Version != "0.2.0" || got.SHA256 != "bb" || !got.Enabled || got.Settings != `{"greeting":"hi"}` || got.Granted != `["kv"]` {
			t.Fatalf("after upgrade: %+v, %v", got, err)
		}
		if err := plugins.Register(ctx, &store.Plugin{ID: "another", Version: "1.0.0", BinaryPath: "/x", SHA256: "cc", State: "registered"}); err != nil {
			t.Fatal(err)
		}
		list, err := plugins.List(ctx)
		if err != nil || len(list) != 2 || list[0].ID != "another" || list[1].Settings == "" {
			t.Fatalf("list = %+v, %v", list, err)
		}
		if err := plugins.Delete(ctx, "another"); err != nil {
			t.Fatal(err)
		}
		if err := plugins.Delete(ctx, "another"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second delete: %v", err)
		}
	})
}
