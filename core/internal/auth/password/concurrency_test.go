package password_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
)

func TestSlotWaitHonoursContext(t *testing.T) {
	h, err := password.New(cheap, 1)
	if err != nil {
		t.Fatal(err)
	}
	encoded := mustHash(t, h, "password1234")
	release := password.HoldSlot(h)
	defer release()

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expiring, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	tests := []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"cancelled", cancelled, context.Canceled},
		{"deadline while waiting", expiring, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := h.Hash(tt.ctx, "password1234"); !errors.Is(err, tt.want) {
				t.Errorf("Hash err = %v, want %v", err, tt.want)
			}
			ok, _, err := h.Verify(tt.ctx, encoded, "password1234")
			if ok || !errors.Is(err, tt.want) {
				t.Errorf("Verify = %v, %v; want false, %v", ok, err, tt.want)
			}
			if err := h.VerifyDummy(tt.ctx, "password1234"); !errors.Is(err, tt.want) {
				t.Errorf("VerifyDummy err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCancelledContextFailsWithFreeSlot(t *testing.T) {
	h := newHasher(t, cheap)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Hash(ctx, "password1234"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash err = %v, want context.Canceled", err)
	}
}

func TestSlotLimitsConcurrency(t *testing.T) {
	h, err := password.New(cheap, 1)
	if err != nil {
		t.Fatal(err)
	}
	release := password.HoldSlot(h)
	done := make(chan error, 1)
	go func() {
		_, err := h.Hash(context.Background(), "password1234")
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("Hash returned (%v) while the only slot was held", err)
	case <-time.After(50 * time.Millisecond):
	}
	release()
	if err := <-done; err != nil {
		t.Errorf("Hash after release: %v", err)
	}
}
