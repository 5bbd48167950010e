package password_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
)

// median runs f n times and returns the median duration.
func median(n int, f func()) time.Duration {
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		f()
		d[i] = time.Since(start)
	}
	slices.Sort(d)
	return d[n/2]
}

func TestVerifyDummyTakesAsLong(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	h := newHasher(t, password.DefaultParams)
	ctx := context.Background()
	encoded := mustHash(t, h, "the real password")
	real := median(5, func() {
		if _, _, err := h.Verify(ctx, encoded, "a wrong password"); err != nil {
			t.Fatal(err)
		}
	})
	dummy := median(5, func() {
		if err := h.VerifyDummy(ctx, "a wrong password"); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("Verify %v, VerifyDummy %v", real, dummy)
	// Loose on purpose: only a dummy that skips the argon2id work fails.
	if dummy < real*3/10 {
		t.Errorf("VerifyDummy took %v, want at least 0.3 × Verify's %v", dummy, real)
	}
}
