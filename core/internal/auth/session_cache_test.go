package auth

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/testsvc"
)

// Two instances share Redis: a session revoked on one is refused by the
// other at once, not after its cache entry ages out.
func TestRevocationReachesOtherInstances(t *testing.T) {
	ctx := context.Background()
	prefix := "diwantest:evict:" + strconv.FormatInt(time.Now().UnixNano(), 36) + ":"
	open := func() *sessionCache {
		c, err := cache.NewRedis(ctx, testsvc.RedisURL(), prefix)
		if err != nil {
			testsvc.Unavailable(t, "redis", err)
		}
		t.Cleanup(func() { _ = c.Close() })
		sc, err := newSessionCache(ctx, NewCacheSessions(c, time.Hour, time.Hour), c, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return sc
	}
	a, b := open(), open()
	now := time.Now().UTC()
	for _, h := range []string{"h1", "h2"} {
		if err := a.Create(ctx, store.Session{TokenHash: h, ID: "id-" + h, UserID: 7, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Get(ctx, h); err != nil { // now cached in a
			t.Fatal(err)
		}
	}
	if err := b.Delete(ctx, "h1"); err != nil {
		t.Fatal(err)
	}
	waitGone(t, a, "h1")
	if _, err := b.DeleteByUser(ctx, 7, ""); err != nil {
		t.Fatal(err)
	}
	waitGone(t, a, "h2")
}

func waitGone(t *testing.T, c *sessionCache, hash string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		_, err := c.Get(context.Background(), hash)
		if errors.Is(err, store.ErrNotFound) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("session %s still served by the other instance: %v", hash, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSessionCacheExpiresEntries(t *testing.T) {
	ctx := context.Background()
	mem := cache.NewMemory()
	defer mem.Close()
	inner := NewCacheSessions(mem, time.Hour, time.Hour)
	sc, err := newSessionCache(ctx, inner, mem, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Now()
	sc.now = func() time.Time { return clock }
	now := time.Now().UTC()
	if err := sc.Create(ctx, store.Session{TokenHash: "h", UserID: 1, Role: "viewer", CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.Get(ctx, "h"); err != nil {
		t.Fatal(err)
	}
	// Changed behind the cache's back (as another process would).
	if err := inner.Delete(ctx, "h"); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.Get(ctx, "h"); err != nil {
		t.Fatalf("a fresh entry should still be served: %v", err)
	}
	clock = clock.Add(61 * time.Second)
	if _, err := sc.Get(ctx, "h"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("an entry older than its ttl was served: %v", err)
	}
}
