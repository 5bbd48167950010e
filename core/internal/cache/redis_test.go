package cache_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/cache/cachetest"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

func TestRedis(t *testing.T) {
	t.Parallel()
	cachetest.Run(t, func(t *testing.T) cache.Cache { return newRedis(t) })
}

func TestRedisPrefixesAreIsolated(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	a, b := newRedis(t), newRedis(t)
	if err := a.Set(ctx, "k", []byte("a"), 0); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := b.Get(ctx, "k"); !errors.Is(err, cache.ErrNotFound) {
		t.Fatalf("other prefix: Get = %q, %v; want ErrNotFound", got, err)
	}
	if _, _, err := a.Incr(ctx, "n", time.Minute); err != nil {
		t.Fatalf("Incr: %v", err)
	}
	if n, _, err := b.Incr(ctx, "n", time.Minute); err != nil || n != 1 {
		t.Fatalf("other prefix: Incr = %d, %v; want 1", n, err)
	}
	if err := a.SetAdd(ctx, "s", 0, "a"); err != nil {
		t.Fatalf("SetAdd: %v", err)
	}
	if got, err := b.SetMembers(ctx, "s"); err != nil || len(got) != 0 {
		t.Fatalf("other prefix: SetMembers = %q, %v; want none", got, err)
	}
	if err := b.SetAdd(ctx, "s", 0, "b"); err != nil {
		t.Fatalf("other prefix: SetAdd: %v", err)
	}
	if err := b.SetRemove(ctx, "s", "a"); err != nil {
		t.Fatalf("other prefix: SetRemove: %v", err)
	}
	if got, err := a.SetMembers(ctx, "s"); err != nil || !slices.Equal(got, []string{"a"}) {
		t.Fatalf("SetMembers = %q, %v; want [a]", got, err)
	}
	sub, err := b.Subscribe(ctx, "ch")
	if err != nil {
		t.Fatalf("Subscribe: %v", err)
	}
	t.Cleanup(func() { _ = sub.Close() })
	if err := a.Publish(ctx, "ch", []byte("from a")); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	if err := b.Publish(ctx, "ch", []byte("from b")); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	select {
	case msg := <-sub.Messages():
		if string(msg) != "from b" {
			t.Fatalf("received %q, want %q", msg, "from b")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no message within 2s")
	}
}

// TestNewRedisErrorsHidePassword checks that NewRedis fails fast, without
// the URL's password in the error, when it cannot reach a server.
func TestNewRedisErrorsHidePassword(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, url string }{
		{"closed port", "redis://:topsecret@127.0.0.1:1/0"},
		{"bad port", "redis://:topsecret@127.0.0.1:port/0"},
		{"bad database", "redis://:topsecret@127.0.0.1:6379/db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			start := time.Now()
			r, err := cache.NewRedis(ctx, tt.url, "x:")
			if err == nil {
				_ = r.Close()
				t.Fatal("NewRedis: err = nil, want an error")
			}
			if elapsed := time.Since(start); elapsed > 3*time.Second {
				t.Errorf("NewRedis took %v, want under 3s", elapsed)
			}
			if !strings.HasPrefix(err.Error(), "cache: redis: ") || strings.Contains(err.Error(), "topsecret") {
				t.Errorf("error %q: want a cache: redis: prefix and no password", err)
			}
		})
	}
}

// newRedis connects to the test server with a fresh prefix, and deletes the
// prefix's keys and closes the cache when t ends.
func newRedis(t *testing.T) *cache.Redis {
	t.Helper()
	prefix := "diwantest:" + randomHex(t) + ":"
	r, err := cache.NewRedis(t.Context(), testsvc.RedisURL(), prefix)
	if err != nil {
		testsvc.Unavailable(t, "redis", err)
	}
	t.Cleanup(func() { _ = r.Close() })
	t.Cleanup(func() { deletePrefix(t, prefix) })
	return r
}

// deletePrefix deletes every key that starts with prefix, with a client of
// its own since the cache may be closed.
func deletePrefix(t *testing.T, prefix string) {
	opts, err := redis.ParseURL(testsvc.RedisURL())
	if err != nil {
		t.Errorf("clean up %s: %v", prefix, err)
		return
	}
	client := redis.NewClient(opts)
	defer client.Close()
	ctx := context.Background()
	iter := client.Scan(ctx, 0, prefix+"*", 100).Iterator()
	for iter.Next(ctx) {
		if err := client.Del(ctx, iter.Val()).Err(); err != nil {
			t.Errorf("clean up %s: %v", iter.Val(), err)
		}
	}
	if err := iter.Err(); err != nil {
		t.Errorf("clean up %s: %v", prefix, err)
	}
}

func randomHex(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random prefix: %v", err)
	}
	return hex.EncodeToString(b)
}
