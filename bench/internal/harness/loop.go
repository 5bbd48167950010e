package harness

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// LoopOptions are the settings of RunLoop.
type LoopOptions struct {
	// Workers is how many calls run at once: each worker starts its next
	// call as soon as its previous one has returned.
	Workers int
	// Duration is how long workers keep starting calls. A call under way
	// when it ends runs to its end and is counted.
	Duration time.Duration
}

// LoopResult is what RunLoop measured.
type LoopResult struct {
	// Calls counts the calls that returned, failed ones included; Failed
	// counts those that returned an error.
	Calls, Failed int64
	// FirstFailure is the error of the first call that failed; "" when
	// none did.
	FirstFailure string
	// Elapsed runs from the first call's start to the last call's end.
	Elapsed time.Duration
	// P50 to P99 are latency percentiles (nearest rank) and Max the
	// longest call, over every call, failed ones included.
	P50, P90, P99, Max time.Duration
}

// PerSecond returns the calls that returned per second of Elapsed, or 0
// when nothing was timed.
func (r LoopResult) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Calls) / r.Elapsed.Seconds()
}

// RunLoop runs call from o.Workers goroutines at once, each calling again
// as soon as its previous call returned, until o.Duration has passed, and
// times every call. A call reports failure by returning an error; that is
// counted in the result, not returned. call gets ctx and must honour it.
// RunLoop fails when o is out of range or ctx is done before the loop ends.
func RunLoop(ctx context.Context, o LoopOptions, call func(context.Context) error) (LoopResult, error) {
	if o.Workers < 1 || o.Duration <= 0 {
		return LoopResult{}, fmt.Errorf("loop: want at least 1 worker and a positive duration, got %d and %s", o.Workers, o.Duration)
	}
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		latencies []time.Duration
		r         LoopResult
	)
	start := time.Now()
	deadline := start.Add(o.Duration)
	for range o.Workers {
		wg.Go(func() {
			var mine []time.Duration
			for ctx.Err() == nil && time.Now().Before(deadline) {
				began := time.Now()
				err := call(ctx)
				mine = append(mine, time.Since(began))
				if err != nil && ctx.Err() == nil {
					mu.Lock()
					r.Failed++
					if r.FirstFailure == "" {
						r.FirstFailure = err.Error()
					}
					mu.Unlock()
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return LoopResult{}, fmt.Errorf("loop: %w", err)
	}
	r.Elapsed = time.Since(start)
	r.Calls = int64(len(latencies))
	slices.Sort(latencies)
	r.P50, r.P90, r.P99 = percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99)
	if len(latencies) > 0 {
		r.Max = latencies[len(latencies)-1]
	}
	return r, nil
}

// percentile returns the nearest-rank pct-th percentile of sorted, the
// smallest value that at least pct percent of the values do not exceed,
// or 0 for no values.
func percentile(sorted []time.Duration, pct int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (pct*len(sorted) + 99) / 100 // ceil(pct/100 × n)
	return sorted[max(rank, 1)-1]
}
