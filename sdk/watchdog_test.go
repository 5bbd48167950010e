package sdk

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestWatchParentNoticesANewParent(t *testing.T) {
	var calls atomic.Int32
	getppid := func() int {
		if calls.Add(1) < 3 {
			return 100
		}
		return 1 // the parent died; init adopted us
	}
	orphaned := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchParent(nil, time.Millisecond, 100, getppid, func() { close(orphaned) })
	}()
	select {
	case <-orphaned:
	case <-time.After(5 * time.Second):
		t.Fatal("the watchdog did not notice that the parent changed")
	}
	<-done
	if n := calls.Load(); n != 3 {
		t.Errorf("getppid called %d times, want 3", n)
	}
}

func TestWatchParentStaysQuietWhileTheParentLives(t *testing.T) {
	stop := make(chan struct{})
	var checks atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchParent(stop, time.Millisecond, 100, func() int { checks.Add(1); return 100 }, func() {
			t.Error("orphaned called while the parent lives")
		})
	}()
	for checks.Load() < 5 {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the watchdog did not stop")
	}
}
