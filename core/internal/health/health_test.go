package health

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
)

func TestChecksRunInParallelWithTimeouts(t *testing.T) {
	c := NewChecker(200*time.Millisecond, hclog.NewNullLogger())
	slow := func(ctx context.Context) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(150 * time.Millisecond):
			return nil
		}
	}
	c.Add("a", slow)
	c.Add("b", slow)
	c.Add("hung", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
	c.Add("broken", func(context.Context) error { return errors.New("refused") })

	start := time.Now()
	r := c.Ready(context.Background())
	if took := time.Since(start); took > 400*time.Millisecond {
		t.Fatalf("checks ran one after another: %s", took)
	}
	if r.OK() || r.Status != StatusUnavailable {
		t.Fatalf("report = %+v", r)
	}
	want := map[string]Result{
		"a":      {Status: StatusOK},
		"b":      {Status: StatusOK},
		"hung":   {Status: StatusUnavailable, Reason: "timeout"},
		"broken": {Status: StatusUnavailable, Reason: "error"},
	}
	for name, w := range want {
		got := r.Checks[name]
		if got.Status != w.Status || got.Reason != w.Reason {
			t.Errorf("%s = %+v, want %+v", name, got, w)
		}
	}
}

func TestReportIsReusedForASecond(t *testing.T) {
	var calls atomic.Int32
	c := NewChecker(time.Second, hclog.NewNullLogger())
	c.maxAge = 100 * time.Millisecond
	c.Add("db", func(context.Context) error { calls.Add(1); return nil })
	for range 5 {
		if !c.Ready(context.Background()).OK() {
			t.Fatal("not ok")
		}
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("check ran %d times within maxAge", n)
	}
	time.Sleep(150 * time.Millisecond)
	c.Ready(context.Background())
	if n := calls.Load(); n != 2 {
		t.Fatalf("check ran %d times after maxAge", n)
	}
}

func TestNoChecksIsReady(t *testing.T) {
	if r := NewChecker(time.Second, hclog.NewNullLogger()).Ready(context.Background()); !r.OK() || len(r.Checks) != 0 {
		t.Fatalf("report = %+v", r)
	}
}
