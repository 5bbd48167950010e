package auth

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
)

// LockedOutError says that logins for an account or from an address are
// refused for RetryAfter, whatever the password.
type LockedOutError struct {
	RetryAfter time.Duration
}

func (e *LockedOutError) Error() string {
	return fmt.Sprintf("auth: too many failed logins; retry after %s", e.RetryAfter.Round(time.Second))
}

// limiter counts failed logins per key (an account or a client address) in
// the cache, so that the limits hold across instances that share Redis. A
// key that reaches its maximum within the failure window is locked out,
// first for lockout_base, doubling with each further lockout within a day,
// up to lockout_max.
type limiter struct {
	c   cache.Cache
	cfg config.AuthConfig
	now func() time.Time
}

const lockoutMemory = 24 * time.Hour

// check returns a *LockedOutError for the first key that is locked out.
func (l *limiter) check(ctx context.Context, keys ...string) error {
	for _, k := range keys {
		v, err := l.c.Get(ctx, "lock:"+k)
		if errors.Is(err, cache.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("auth: lockout check: %w", err)
		}
		until, _ := strconv.ParseInt(string(v), 10, 64)
		if left := time.UnixMilli(until).Sub(l.now()); left > 0 {
			return &LockedOutError{RetryAfter: left}
		}
	}
	return nil
}

// fail counts one failure against key and locks it out at max failures.
func (l *limiter) fail(ctx context.Context, key string, maxFailures int) error {
	n, _, err := l.c.Incr(ctx, "fail:"+key, l.cfg.FailureWindow)
	if err != nil || n < int64(maxFailures) {
		return wrapLimiter(err)
	}
	lockouts, _, err := l.c.Incr(ctx, "lockouts:"+key, lockoutMemory)
	if err != nil {
		return wrapLimiter(err)
	}
	d := l.cfg.LockoutBase
	for i := int64(1); i < lockouts && d < l.cfg.LockoutMax; i++ {
		d *= 2
	}
	d = min(d, l.cfg.LockoutMax)
	until := l.now().Add(d).UnixMilli()
	if err := l.c.Set(ctx, "lock:"+key, []byte(strconv.FormatInt(until, 10)), d); err != nil {
		return wrapLimiter(err)
	}
	return wrapLimiter(l.c.Reset(ctx, "fail:"+key))
}

// succeed forgets key's failures (not its lockout history).
func (l *limiter) succeed(ctx context.Context, key string) error {
	return wrapLimiter(l.c.Reset(ctx, "fail:"+key))
}

func wrapLimiter(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("auth: login limiter: %w", err)
}
