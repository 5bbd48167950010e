package cache

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis is a Cache on a Redis server, shared by several nodes. Every key and
// channel is prefixed, so several deployments can share one server.
//
// Publish never waits for slow subscribers: each subscription buffers 64
// messages, and a message for a subscription whose buffer is full is dropped
// for it.
type Redis struct {
	client *redis.Client
	prefix string

	mu     sync.Mutex
	subs   map[*redisSub]struct{} // guarded by mu; nil after Close
	closed bool                   // guarded by mu
}

// incrScript adds 1 to the counter at KEYS[1] and returns the count and the
// milliseconds left in its window. It starts the window of ARGV[1]
// milliseconds at the first increment, or when the key has lost its expiry,
// in the same atomic step.
var incrScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if n == 1 or left < 0 then
	redis.call('PEXPIRE', KEYS[1], ARGV[1])
	left = tonumber(ARGV[1])
end
return {n, left}
`)

// NewRedis connects to the Redis server at url (redis://, rediss:// or
// unix://, as redis.ParseURL reads it) and pings it within ctx. Every key
// and channel is prefixed with prefix, such as "diwan:". Errors never
// contain the URL's password.
func NewRedis(ctx context.Context, url, prefix string) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("cache: redis: %w", withoutURL(err))
	}
	client := redis.NewClient(opts)
	if err := client.Ping(ctx).Err(); err != nil {
		_ = client.Close()
		return nil, fmt.Errorf("cache: redis: %w", err)
	}
	return &Redis{client: client, prefix: prefix, subs: make(map[*redisSub]struct{})}, nil
}

// Client returns the underlying client, for health checks. Keys used through
// it are not prefixed.
func (r *Redis) Client() *redis.Client { return r.client }

// Get returns the value at key, or ErrNotFound.
func (r *Redis) Get(ctx context.Context, key string) ([]byte, error) {
	b, err := r.client.Get(ctx, r.key(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, wrap("get", err)
	}
	return b, nil
}

// Set stores value at key for ttl (0 means no expiry).
func (r *Redis) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if err := checkTTL(ttl); err != nil {
		return err
	}
	if err := r.client.Set(ctx, r.key(key), value, ttl).Err(); err != nil {
		return wrap("set", err)
	}
	return nil
}

// SetNX stores value at key for ttl when key is absent, and reports whether
// it did.
func (r *Redis) SetNX(ctx context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	if err := checkTTL(ttl); err != nil {
		return false, err
	}
	ok, err := r.client.SetNX(ctx, r.key(key), value, ttl).Result()
	if err != nil {
		return false, wrap("setnx", err)
	}
	return ok, nil
}

// Delete removes key; a missing key is not an error.
func (r *Redis) Delete(ctx context.Context, key string) error {
	if err := r.client.Del(ctx, r.key(key)).Err(); err != nil {
		return wrap("delete", err)
	}
	return nil
}

// Incr adds 1 to the counter at key and returns the count and the time left
// in its window, atomically with starting the window. The window is rounded
// up to whole milliseconds.
func (r *Redis) Incr(ctx context.Context, key string, window time.Duration) (int64, time.Duration, error) {
	if err := checkWindow(window); err != nil {
		return 0, 0, err
	}
	res, err := incrScript.Run(ctx, r.client, []string{r.key(key)}, ceilMillis(window)).Int64Slice()
	if err != nil {
		return 0, 0, wrap("incr", err)
	}
	if len(res) != 2 {
		return 0, 0, fmt.Errorf("cache: redis: incr: unexpected reply %v", res)
	}
	return res[0], time.Duration(res[1]) * time.Millisecond, nil
}

// Reset forgets the counter at key.
func (r *Redis) Reset(ctx context.Context, key string) error {
	if err := r.client.Del(ctx, r.key(key)).Err(); err != nil {
		return wrap("reset", err)
	}
	return nil
}

// Ping reports whether the server answers.
func (r *Redis) Ping(ctx context.Context) error {
	if err := r.client.Ping(ctx).Err(); err != nil {
		return wrap("ping", err)
	}
	return nil
}

// Close closes every subscription, then the client. Later calls do nothing.
func (r *Redis) Close() error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	subs := r.subs
	r.subs = nil
	r.mu.Unlock()
	for s := range subs {
		_ = s.close()
	}
	if err := r.client.Close(); err != nil {
		return wrap("close", err)
	}
	return nil
}

// Name returns "redis".
func (r *Redis) Name() string { return "redis" }

// key returns the prefixed name of a key or channel.
func (r *Redis) key(name string) string { return r.prefix + name }

// ceilMillis returns d in whole milliseconds, rounded up, since Redis counts
// expiry in milliseconds.
func ceilMillis(d time.Duration) int64 { return int64((d + time.Millisecond - 1) / time.Millisecond) }

// wrap prefixes err with the operation, or returns ErrClosed when the client
// has been closed.
func wrap(op string, err error) error {
	if errors.Is(err, redis.ErrClosed) {
		return ErrClosed
	}
	return fmt.Errorf("cache: redis: %s: %w", op, err)
}

// withoutURL unwraps a *url.Error, whose text repeats the URL and so may
// contain a password.
func withoutURL(err error) error {
	if ue, ok := errors.AsType[*url.Error](err); ok {
		return ue.Err
	}
	return err
}

var _ Cache = (*Redis)(nil)
