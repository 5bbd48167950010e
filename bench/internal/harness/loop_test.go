package harness

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunLoop(t *testing.T) {
	var n atomic.Int64
	r, err := RunLoop(context.Background(), LoopOptions{Workers: 3, Duration: 200 * time.Millisecond}, func(context.Context) error {
		time.Sleep(10 * time.Millisecond)
		if i := n.Add(1); i%5 == 0 {
			return fmt.Errorf("call %d failed", i)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Calls != n.Load() || r.Calls < 15 || r.Failed != r.Calls/5 {
		t.Errorf("calls %d (made %d), failed %d", r.Calls, n.Load(), r.Failed)
	}
	if r.FirstFailure == "" {
		t.Error("no first failure")
	}
	if r.P50 < 10*time.Millisecond || r.P50 > r.P90 || r.P90 > r.P99 || r.P99 > r.Max {
		t.Errorf("percentiles %v %v %v, max %v", r.P50, r.P90, r.P99, r.Max)
	}
	// Three workers, each call 10 ms or a bit more: at most 300 per second.
	if r.Elapsed < 200*time.Millisecond || r.PerSecond() > 300 {
		t.Errorf("elapsed %v, %.0f per second", r.Elapsed, r.PerSecond())
	}
}

func TestRunLoopCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	_, err := RunLoop(ctx, LoopOptions{Workers: 2, Duration: time.Minute}, func(ctx context.Context) error {
		cancel()
		<-ctx.Done()
		return ctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("RunLoop = %v, want context.Canceled", err)
	}
}

func TestRunLoopOptions(t *testing.T) {
	for _, o := range []LoopOptions{{Workers: 0, Duration: time.Second}, {Workers: 1}} {
		if _, err := RunLoop(context.Background(), o, func(context.Context) error { return nil }); err == nil {
			t.Errorf("RunLoop(%+v) succeeded", o)
		}
	}
}

func TestPercentile(t *testing.T) {
	var hundred []time.Duration
	for i := 1; i <= 100; i++ {
		hundred = append(hundred, time.Duration(i))
	}
	tests := []struct {
		name   string
		values []time.Duration
		pct    int
		want   time.Duration
	}{
		{"none", nil, 50, 0},
		{"one", []time.Duration{7}, 99, 7},
		{"median of four", []time.Duration{1, 2, 3, 4}, 50, 2},
		{"p99 of four", []time.Duration{1, 2, 3, 4}, 99, 4},
		{"p50 of 100", hundred, 50, 50},
		{"p99 of 100", hundred, 99, 99},
		{"p90 of 101", append(hundred, 101), 90, 91},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := percentile(tc.values, tc.pct); got != tc.want {
				t.Fatalf("percentile = %d, want %d", got, tc.want)
			}
		})
	}
}
