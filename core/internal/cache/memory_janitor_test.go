package cache

import (
	"testing"
	"time"
)

// TestMemoryJanitorSweeps checks that expired entries are removed without
// being read, and that live ones are kept.
func TestMemoryJanitorSweeps(t *testing.T) {
	t.Parallel()
	m := newMemory(10 * time.Millisecond)
	t.Cleanup(func() { _ = m.Close() })
	ctx := t.Context()
	if err := m.Set(ctx, "short", []byte("v"), time.Millisecond); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := m.Set(ctx, "long", []byte("v"), time.Minute); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if _, _, err := m.Incr(ctx, "n", time.Millisecond); err != nil {
		t.Fatalf("Incr: %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for sizes(m) != [2]int{1, 0} {
		if time.Now().After(deadline) {
			t.Fatalf("after 2s, %v values and counters are stored; want [1 0]", sizes(m))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sizes returns how many values and counters m stores.
func sizes(m *Memory) [2]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return [2]int{len(m.values), len(m.counters)}
}
