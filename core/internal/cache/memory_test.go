package cache_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/cache/cachetest"
)

func TestMemory(t *testing.T) {
	t.Parallel()
	cachetest.Run(t, func(*testing.T) cache.Cache { return cache.NewMemory() })
}

// TestMemoryFullSubscriberDoesNotBlockPublish publishes more messages than a
// subscription buffers to a subscriber that never reads.
func TestMemoryFullSubscriberDoesNotBlockPublish(t *testing.T) {
	t.Parallel()
	const sent, buffered = 100, 64
	m := cache.NewMemory()
	t.Cleanup(func() { _ = m.Close() })
	sub, err := m.Subscribe(t.Context(), "ch")
	if err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		for i := range sent {
			if err := m.Publish(t.Context(), "ch", fmt.Appendf(nil, "%d", i)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Publish: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Publish blocked on a full subscriber")
	}
	if err := sub.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	var got []string
	for msg := range sub.Messages() {
		got = append(got, string(msg))
	}
	if len(got) != buffered || got[0] != "0" || got[buffered-1] != fmt.Sprint(buffered-1) {
		t.Fatalf("received %d messages (%q ... ), want the first %d", len(got), got[:min(len(got), 3)], buffered)
	}
}
