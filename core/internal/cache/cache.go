// Package cache declares small interfaces for what Redis serves in Diwan:
// key-value storage with expiry, counters for rate limits and lockouts, sets
// for indexes such as a user's sessions, and publish/subscribe. Memory
// implements them in process for a single node; Redis implements them on a
// shared server for several nodes. Both pass the same conformance suite,
// cachetest.Run.
//
// KV keys, Counter keys and Sets keys share one key space in Redis but not in
// Memory, so callers must use distinct keys for each: one key never serves
// two of them.
package cache

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned by Get when the key is missing or has expired.
var ErrNotFound = errors.New("cache: not found")

// ErrClosed is returned by every method of a Cache after its Close.
var ErrClosed = errors.New("cache: closed")

// KV is key-value storage with optional expiry.
type KV interface {
	// Get returns a copy of the value stored at key, or ErrNotFound when the
	// key is missing or has expired.
	Get(ctx context.Context, key string) ([]byte, error)
	// Set stores a copy of value at key, replacing any value and expiry.
	// The key expires after ttl; ttl 0 means never, and ttl < 0 is an error.
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// SetNX is Set when key is absent and does nothing otherwise. It reports
	// whether it stored the value.
	SetNX(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error)
	// Delete removes key. Deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
}

// Counter counts events in fixed windows, for rate limits and lockouts.
type Counter interface {
	// Incr adds 1 to the counter at key and returns the new count and the
	// time left in its window. The window starts at the first increment,
	// lasts window, and is not extended by later increments; after it ends
	// the count starts again at 1. window must be > 0.
	Incr(ctx context.Context, key string, window time.Duration) (count int64, left time.Duration, err error)
	// Reset forgets the counter at key. Resetting a missing counter is not
	// an error.
	Reset(ctx context.Context, key string) error
}

// Sets holds unordered sets of strings with optional expiry, for indexes
// such as a user's sessions.
type Sets interface {
	// SetAdd adds members to the set at key, creating it when it is missing
	// or has expired, and sets the whole set's expiry to ttl: the set expires
	// ttl after the latest SetAdd. ttl 0 means never, and ttl < 0 is an
	// error. Adding an existing member is not an error. With no members,
	// SetAdd changes nothing.
	SetAdd(ctx context.Context, key string, ttl time.Duration, members ...string) error
	// SetRemove removes members from the set at key, keeping its expiry; a
	// set left empty is deleted. Removing a missing member, or from a missing
	// set, is not an error.
	SetRemove(ctx context.Context, key string, members ...string) error
	// SetMembers returns the members of the set at key in no particular
	// order, in a slice the caller owns. A missing or expired set has no
	// members: SetMembers returns an empty slice and a nil error, never
	// ErrNotFound.
	SetMembers(ctx context.Context, key string) ([]string, error)
}

// PubSub delivers messages to every current subscriber of a channel: at most
// once, with no history for later subscribers.
type PubSub interface {
	// Publish sends a copy of msg to every current subscriber of channel.
	// It does not wait for slow subscribers.
	Publish(ctx context.Context, channel string, msg []byte) error
	// Subscribe starts a subscription to channel. When it returns, the
	// subscription is active: a later Publish is delivered to it.
	Subscribe(ctx context.Context, channel string) (Subscription, error)
}

// Subscription receives the messages published on one channel.
type Subscription interface {
	// Messages returns the channel of received messages. It is closed after
	// Close, or after the Cache that made the subscription is closed.
	Messages() <-chan []byte
	// Close ends the subscription. It is idempotent.
	Close() error
}

// Cache is everything Diwan asks of its cache.
type Cache interface {
	KV
	Counter
	Sets
	PubSub
	// Ping reports whether the cache can serve requests.
	Ping(ctx context.Context) error
	// Close releases the cache and closes every subscription it made.
	// It is idempotent.
	Close() error
	// Name is the implementation: "memory" or "redis".
	Name() string
}

// subscriptionBuffer is how many messages a subscription holds for a slow
// reader before further messages to it are dropped.
const subscriptionBuffer = 64

// checkTTL refuses a negative ttl.
func checkTTL(ttl time.Duration) error {
	if ttl < 0 {
		return fmt.Errorf("cache: negative ttl %v", ttl)
	}
	return nil
}

// checkWindow refuses a window that is not positive.
func checkWindow(window time.Duration) error {
	if window <= 0 {
		return fmt.Errorf("cache: window %v is not positive", window)
	}
	return nil
}
