package control

import (
	"context"
	"testing"
)

// BenchmarkGetOverTheSocket is one `diwan plugin describe ID`-sized round
// trip: connect, peer check, catalog read, JSON both ways.
func BenchmarkGetOverTheSocket(b *testing.B) {
	ctx := context.Background()
	p := newPanel(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.client.Get(ctx, "hello"); err != nil {
			b.Fatal(err)
		}
	}
}
