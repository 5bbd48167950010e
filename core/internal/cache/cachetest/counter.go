package cachetest

import (
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
)

var counterTests = []test{
	{"incr counts within a window", testIncrCounts},
	{"incr does not extend the window", testIncrWindowFixed},
	{"incr starts a new window after expiry", testIncrNewWindow},
	{"incr refuses a window that is not positive", testIncrBadWindow},
	{"counters are per key", testIncrPerKey},
	{"reset forgets the counter", testReset},
}

func testIncrCounts(t *testing.T, c cache.Cache) {
	for want := int64(1); want <= 3; want++ {
		incr(t, c, "n", time.Minute, want)
	}
}

func testIncrWindowFixed(t *testing.T, c cache.Cache) {
	const window, pause = time.Second, 200 * time.Millisecond
	first := incr(t, c, "n", window, 1)
	time.Sleep(pause)
	second := incr(t, c, "n", window, 2)
	if second > first-pause+50*time.Millisecond {
		t.Fatalf("time left went from %v to %v after %v; the window was extended", first, second, pause)
	}
}

func testIncrNewWindow(t *testing.T, c cache.Cache) {
	const window = 150 * time.Millisecond
	incr(t, c, "n", window, 1)
	left := incr(t, c, "n", window, 2)
	time.Sleep(left + 50*time.Millisecond)
	incr(t, c, "n", window, 1)
}

func testIncrBadWindow(t *testing.T, c cache.Cache) {
	for _, window := range []time.Duration{0, -time.Second} {
		if n, _, err := c.Incr(t.Context(), "n", window); err == nil {
			t.Errorf("Incr with window %v = %d, nil; want an error", window, n)
		}
	}
	incr(t, c, "n", time.Minute, 1)
}

func testIncrPerKey(t *testing.T, c cache.Cache) {
	incr(t, c, "a", time.Minute, 1)
	incr(t, c, "a", time.Minute, 2)
	incr(t, c, "b", time.Minute, 1)
}

func testReset(t *testing.T, c cache.Cache) {
	incr(t, c, "n", time.Minute, 1)
	incr(t, c, "n", time.Minute, 2)
	if err := c.Reset(t.Context(), "n"); err != nil {
		t.Fatalf("Reset: %v", err)
	}
	incr(t, c, "n", time.Minute, 1)
	if err := c.Reset(t.Context(), "missing"); err != nil {
		t.Fatalf("Reset of a missing counter: %v", err)
	}
}

// incr increments key, checks that the count is want and the time left is
// within the window, and returns the time left.
func incr(t *testing.T, c cache.Cache, key string, window time.Duration, want int64) time.Duration {
	t.Helper()
	n, left, err := c.Incr(t.Context(), key, window)
	if err != nil {
		t.Fatalf("Incr(%q, %v): %v", key, window, err)
	}
	if n != want {
		t.Fatalf("Incr(%q, %v) count = %d, want %d", key, window, n, want)
	}
	if left <= 0 || left > window {
		t.Fatalf("Incr(%q, %v) left = %v, want within (0, %v]", key, window, left, window)
	}
	return left
}
