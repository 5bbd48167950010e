package cache

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// SetAdd adds members to the set at key and sets its expiry to ttl (0 means
// none), rounded up to whole milliseconds, in one MULTI/EXEC transaction.
func (r *Redis) SetAdd(ctx context.Context, key string, ttl time.Duration, members ...string) error {
	if err := checkTTL(ttl); err != nil {
		return err
	}
	if len(members) == 0 { // SADD needs at least one member.
		return r.checkOpen()
	}
	k := r.key(key)
	_, err := r.client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.SAdd(ctx, k, members)
		if ttl > 0 {
			p.PExpire(ctx, k, time.Duration(ceilMillis(ttl))*time.Millisecond)
		} else {
			p.Persist(ctx, k)
		}
		return nil
	})
	if err != nil {
		return wrap("setadd", err)
	}
	return nil
}

// SetRemove removes members from the set at key; Redis deletes a set left
// empty.
func (r *Redis) SetRemove(ctx context.Context, key string, members ...string) error {
	if len(members) == 0 { // SREM needs at least one member.
		return r.checkOpen()
	}
	if err := r.client.SRem(ctx, r.key(key), members).Err(); err != nil {
		return wrap("setremove", err)
	}
	return nil
}

// SetMembers returns the members of the set at key, or an empty slice when
// the set is missing or has expired.
func (r *Redis) SetMembers(ctx context.Context, key string) ([]string, error) {
	members, err := r.client.SMembers(ctx, r.key(key)).Result()
	if err != nil {
		return nil, wrap("setmembers", err)
	}
	if members == nil {
		members = []string{}
	}
	return members, nil
}

// checkOpen returns ErrClosed after Close, for calls that send no command.
func (r *Redis) checkOpen() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	return nil
}

var _ Sets = (*Redis)(nil)
