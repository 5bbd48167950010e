package auth

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// evictChannel announces sessions revoked by any instance.
const evictChannel = "session-evict"

// maxCachedSessions bounds the cache; past it, the cache starts afresh.
const maxCachedSessions = 10000

// sessionCache keeps recently read sessions in memory for at most ttl, so
// that a busy dashboard does not query the session store on every request.
// Every change made through this process evicts at once. Revocations are
// also published on the cache's pub/sub channel, so that other instances
// sharing Redis evict them too; ttl bounds staleness if a message is lost.
type sessionCache struct {
	next SessionStore
	ps   cache.PubSub
	ttl  time.Duration
	now  func() time.Time

	mu      sync.RWMutex
	entries map[string]cachedSession
}

type cachedSession struct {
	s  store.Session
	at time.Time
}

// newSessionCache wraps next and starts listening for evictions.
func newSessionCache(ctx context.Context, next SessionStore, ps cache.PubSub, ttl time.Duration) (*sessionCache, error) {
	c := &sessionCache{next: next, ps: ps, ttl: ttl, now: time.Now, entries: map[string]cachedSession{}}
	sub, err := ps.Subscribe(ctx, evictChannel)
	if err != nil {
		return nil, err
	}
	go c.listen(sub)
	return c, nil
}

// listen evicts what other instances announce until the subscription ends
// (when the cache closes).
func (c *sessionCache) listen(sub cache.Subscription) {
	for msg := range sub.Messages() {
		kind, value, _ := strings.Cut(string(msg), ":")
		if kind == "user" {
			id, _ := strconv.ParseInt(value, 10, 64)
			c.evictUser(id)
		} else {
			c.evict(value)
		}
	}
}

func (c *sessionCache) Create(ctx context.Context, s store.Session) error {
	return c.next.Create(ctx, s)
}

func (c *sessionCache) Get(ctx context.Context, tokenHash string) (store.Session, error) {
	c.mu.RLock()
	e, ok := c.entries[tokenHash]
	c.mu.RUnlock()
	if ok && c.now().Sub(e.at) < c.ttl {
		return e.s, nil
	}
	s, err := c.next.Get(ctx, tokenHash)
	if err != nil {
		return s, err
	}
	c.mu.Lock()
	if len(c.entries) >= maxCachedSessions {
		clear(c.entries)
	}
	c.entries[tokenHash] = cachedSession{s: s, at: c.now()}
	c.mu.Unlock()
	return s, nil
}

func (c *sessionCache) Touch(ctx context.Context, tokenHash string, at time.Time) error {
	c.evict(tokenHash)
	return c.next.Touch(ctx, tokenHash, at)
}

func (c *sessionCache) ListByUser(ctx context.Context, userID int64) ([]store.Session, error) {
	return c.next.ListByUser(ctx, userID)
}

// Delete revokes one session here and announces it to other instances.
func (c *sessionCache) Delete(ctx context.Context, tokenHash string) error {
	c.evict(tokenHash)
	err := c.next.Delete(ctx, tokenHash)
	c.announce(ctx, "session:"+tokenHash)
	return err
}

// DeleteByUser revokes a user's sessions here and announces it.
func (c *sessionCache) DeleteByUser(ctx context.Context, userID int64, exceptHash string) (int, error) {
	c.evictUser(userID)
	n, err := c.next.DeleteByUser(ctx, userID, exceptHash)
	c.announce(ctx, "user:"+strconv.FormatInt(userID, 10))
	return n, err
}

func (c *sessionCache) announce(ctx context.Context, msg string) {
	// A lost announcement costs at most ttl of staleness elsewhere.
	_ = c.ps.Publish(context.WithoutCancel(ctx), evictChannel, []byte(msg))
}

func (c *sessionCache) evict(tokenHash string) {
	c.mu.Lock()
	delete(c.entries, tokenHash)
	c.mu.Unlock()
}

func (c *sessionCache) evictUser(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if e.s.UserID == userID {
			delete(c.entries, h)
		}
	}
}

var _ SessionStore = (*sessionCache)(nil)
