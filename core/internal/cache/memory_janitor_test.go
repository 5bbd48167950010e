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
	if err := m.SetAdd(ctx, "short", time.Millisecond, "a"); err != nil {
		t.Fatalf("SetAdd: %v", err)
	}
	if err := m.SetAdd(ctx, "long", time.Minute, "a"); err != nil {
		t.Fatalf("SetAdd: %v", err)
	}
	want := [3]int{1, 0, 1}
	deadline := time.Now().Add(2 * time.Second)
	for sizes(m) != want {
		if time.Now().After(deadline) {
			t.Fatalf("after 2s, %v values, counters and sets are stored; want %v", sizes(m), want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sizes returns how many values, counters and sets m stores.
func sizes(m *Memory) [3]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return [3]int{len(m.values), len(m.counters), len(m.sets)}
}
