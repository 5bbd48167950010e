// Package cachetest is the conformance suite for implementations of
// cache.Cache: every implementation must pass Run.
package cachetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
)

// wait bounds every wait for something that should happen soon.
const wait = 2 * time.Second

// test is one named conformance check on a fresh cache.
type test struct {
	name string
	run  func(t *testing.T, c cache.Cache)
}

// Run checks that the caches made by newCache behave as cache.Cache says.
// newCache must return a fresh cache with no keys, counters, sets or
// subscribers for one subtest; Run closes it when the subtest ends. Subtests
// run in parallel, and the suite takes about a second.
func Run(t *testing.T, newCache func(t *testing.T) cache.Cache) {
	for _, tt := range slices.Concat(kvTests, counterTests, setTests, pubSubTests, lifecycleTests) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newCache(t)
			t.Cleanup(func() { _ = c.Close() })
			tt.run(t, c)
		})
	}
}

var lifecycleTests = []test{
	{"ping succeeds", testPing},
	{"name is memory or redis", testName},
	{"close ends subscriptions and refuses calls", testClose},
}

func testPing(t *testing.T, c cache.Cache) {
	if err := c.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testName(t *testing.T, c cache.Cache) {
	if name := c.Name(); name != "memory" && name != "redis" {
		t.Fatalf("Name() = %q, want memory or redis", name)
	}
}

func testClose(t *testing.T, c cache.Cache) {
	ctx := t.Context()
	sub := subscribe(t, c, "ch")
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	waitClosed(t, sub)
	if _, err := c.Get(ctx, "k"); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("Get after Close: err = %v, want ErrClosed", err)
	}
	if err := c.Ping(ctx); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("Ping after Close: err = %v, want ErrClosed", err)
	}
	if _, err := c.Subscribe(ctx, "ch"); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("Subscribe after Close: err = %v, want ErrClosed", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
