package password_test

import (
	"context"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
)

func BenchmarkHash(b *testing.B) {
	h := newHasher(b, password.DefaultParams)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Hash(ctx, "correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	h := newHasher(b, password.DefaultParams)
	ctx := context.Background()
	encoded := mustHash(b, h, "correct horse battery staple")
	b.ReportAllocs()
	for b.Loop() {
		if ok, _, err := h.Verify(ctx, encoded, "correct horse battery staple"); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
