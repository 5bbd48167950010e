package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/store"
)

func TestPluginDataIsNamespaced(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		data := s.PluginData()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(data.Put(ctx, "hello", store.SpaceKV, "greeting/1", []byte("one")))
		must(data.Put(ctx, "hello", store.SpaceKV, "greeting/1", []byte("uno")))
		must(data.Put(ctx, "hello", store.SpaceKV, "greeting/2", []byte("two")))
		must(data.Put(ctx, "hello", store.SpaceKV, "greeting_x", []byte("x")))
		must(data.Put(ctx, "hello", store.SpaceSecret, "greeting/1", []byte("sealed")))
		must(data.Put(ctx, "other", store.SpaceKV, "greeting/1", []byte("theirs")))

		if v, err := data.Get(ctx, "hello", store.SpaceKV, "greeting/1"); err != nil || string(v) != "uno" {
			t.Fatalf("get = %q, %v", v, err)
		}
		if v, _ := data.Get(ctx, "other", store.SpaceKV, "greeting/1"); string(v) != "theirs" {
			t.Fatalf("another plugin's value = %q", v)
		}
		if v, _ := data.Get(ctx, "hello", store.SpaceSecret, "greeting/1"); string(v) != "sealed" {
			t.Fatalf("secret space = %q", v)
		}
		keys, err := data.List(ctx, "hello", store.SpaceKV, "greeting/")
		if err != nil || !slices.Equal(keys, []string{"greeting/1", "greeting/2"}) {
			t.Fatalf("list greeting/ = %v, %v (the _ in greeting_x must not match /)", keys, err)
		}
		if all, _ := data.List(ctx, "hello", store.SpaceKV, ""); len(all) != 3 {
			t.Fatalf("list all = %v", all)
		}
		must(data.Delete(ctx, "hello", store.SpaceKV, "greeting/1"))
		must(data.Delete(ctx, "hello", store.SpaceKV, "greeting/1"))
		if _, err := data.Get(ctx, "hello", store.SpaceKV, "greeting/1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted value: %v", err)
		}
		if v, _ := data.Get(ctx, "other", store.SpaceKV, "greeting/1"); string(v) != "theirs" {
			t.Fatal("a delete reached another plugin")
		}
	})
}

func TestPluginDataListMatchesThePrefixExactly(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		data := s.PluginData()
		for _, k := range []string{"greeting/1", "Greeting/2", "greeting", "greetings/3", "gr!%_/4"} {
			if err := data.Put(ctx, "hello", store.SpaceKV, k, []byte("v")); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"greeting/1"}
		if s.Dialect() == config.MySQL {
			// MySQL's default collation ignores case, in keys themselves too.
			want = []string{"Greeting/2", "greeting/1"}
		}
		keys, err := data.List(ctx, "hello", store.SpaceKV, "greeting/")
		slices.Sort(keys)
		if err != nil || !slices.Equal(keys, want) {
			t.Fatalf("list greeting/ = %v, %v; want %v", keys, err, want)
		}
		if keys, err := data.List(ctx, "hello", store.SpaceKV, "gr!%_/"); err != nil || !slices.Equal(keys, []string{"gr!%_/4"}) {
			t.Fatalf("list of a prefix with LIKE wildcards = %v, %v", keys, err)
		}
		if keys, err := data.List(ctx, "hello", store.SpaceKV, "nothing/"); err != nil || keys == nil || len(keys) != 0 {
			t.Fatalf("list of an unused prefix = %#v, %v; want an empty list", keys, err)
		}
	})
}
