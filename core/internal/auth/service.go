package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// sessionCacheTTL bounds how long a session read stays in memory.
const sessionCacheTTL = time.Second

// touchEvery bounds how often a session's or token's last-use time is
// written: reads stay reads, and idle expiry is accurate to this much.
const touchEvery = time.Minute

// Setting names kept in the settings table.
const (
	settingRequire2FA = "auth.require_2fa"
	settingSetupToken = "auth.setup_token" //nolint:gosec // G101: a setting's name, not a credential
)

// Service is the access layer's entry point.
type Service struct {
	st       *store.Store
	seal     *seal.Box
	sessions SessionStore
	base     SessionStore // sessions without the in-memory cache
	hasher   *password.Hasher
	limit    *limiter
	cfg      config.AuthConfig
	now      func() time.Time
}

// Options are what New needs. Sessions defaults to the database; Now to
// time.Now.
type Options struct {
	Store    *store.Store
	Cache    cache.Cache
	Sessions SessionStore
	// Seal encrypts TOTP secrets at rest; required.
	Seal   *seal.Box
	Config config.AuthConfig
	Now    func() time.Time
}

// New builds the service; its hasher computes at most one argon2id hash per
// CPU at a time, so a flood of logins cannot exhaust memory.
func New(o Options) (*Service, error) {
	if o.Seal == nil {
		return nil, errors.New("auth: Options.Seal is required")
	}
	// config.Validate bounds each: memory ≤ 4 GiB in KiB, time ≤ 100, threads ≤ 255.
	h, err := password.New(password.Params{
		Memory:  uint32(o.Config.Argon2Memory), //nolint:gosec // G115: bounded by config.Validate
		Time:    uint32(o.Config.Argon2Time),   //nolint:gosec // G115: bounded by config.Validate
		Threads: uint8(o.Config.Argon2Threads), //nolint:gosec // G115: bounded by config.Validate
		SaltLen: password.DefaultParams.SaltLen,
		KeyLen:  password.DefaultParams.KeyLen,
	}, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sessions == nil {
		o.Sessions = o.Store.Sessions()
	}
	sessions, err := newSessionCache(context.Background(), o.Sessions, o.Cache, sessionCacheTTL)
	if err != nil {
		return nil, fmt.Errorf("auth: session cache: %w", err)
	}
	return &Service{
		st: o.Store, seal: o.Seal, sessions: sessions, base: o.Sessions, hasher: h, cfg: o.Config, now: o.Now,
		limit: &limiter{c: o.Cache, cfg: o.Config, now: o.Now},
	}, nil
}

// Require2FA reports whether an admin requires a second factor of everyone.
func (s *Service) Require2FA(ctx context.Context) (bool, error) {
	st, err := s.st.Settings().Get(ctx, settingRequire2FA)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return st.Value == "true", err
}

// SetRequire2FA turns the requirement on or off. Users without a second
// factor must enrol one at their next sign-in.
func (s *Service) SetRequire2FA(ctx context.Context, on bool) error {
	return s.st.Settings().Put(ctx, settingRequire2FA, fmt.Sprint(on))
}

// SweepSessions deletes expired sessions from the database store.
func (s *Service) SweepSessions(ctx context.Context) error {
	db, ok := s.base.(*store.Sessions)
	if !ok {
		return nil // the cache expires its own keys
	}
	now := s.now()
	return db.DeleteExpired(ctx, now, now.Add(-s.cfg.SessionIdleTimeout))
}
