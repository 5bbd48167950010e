package cache

import (
	"testing"
	"time"
)

// TestMemorySetsAreDeleted checks that a set left empty by SetRemove, and an
// expired set once read, are deleted rather than kept empty.
func TestMemorySetsAreDeleted(t *testing.T) {
	t.Parallel()
	m := newMemory(time.Hour) // Too slow to sweep during the test.
	t.Cleanup(func() { _ = m.Close() })
	ctx := t.Context()
	if err := m.SetAdd(ctx, "emptied", 0, "a", "b"); err != nil {
		t.Fatalf("SetAdd: %v", err)
	}
	if err := m.SetAdd(ctx, "expired", time.Millisecond, "a"); err != nil {
		t.Fatalf("SetAdd: %v", err)
	}
	if got := sizes(m); got != [3]int{0, 0, 2} {
		t.Fatalf("%v values, counters and sets are stored; want [0 0 2]", got)
	}
	if err := m.SetRemove(ctx, "emptied", "a", "b"); err != nil {
		t.Fatalf("SetRemove: %v", err)
	}
	time.Sleep(5 * time.Millisecond)
	if got, err := m.SetMembers(ctx, "expired"); err != nil || len(got) != 0 {
		t.Fatalf("SetMembers of an expired set = %q, %v; want none", got, err)
	}
	if got := sizes(m); got != [3]int{0, 0, 0} {
		t.Fatalf("%v values, counters and sets are stored; want [0 0 0]", got)
	}
}
