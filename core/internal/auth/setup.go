package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// SetupNeeded reports whether no enabled admin exists, so that the panel
// offers its one-time first-admin link.
func (s *Service) SetupNeeded(ctx context.Context) (bool, error) {
	admins, err := s.st.Users().ActiveAdmins(ctx)
	return len(admins) == 0, err
}

// NewSetupToken makes a one-time token for creating the first admin, valid
// for auth.setup_link_ttl, replacing any earlier one. Only its hash is kept.
func (s *Service) NewSetupToken(ctx context.Context) (string, error) {
	token := randomToken(32)
	expires := s.now().Add(s.cfg.SetupLinkTTL).Unix()
	return token, s.st.Settings().Put(ctx, settingSetupToken, HashToken(token)+":"+strconv.FormatInt(expires, 10))
}

// CompleteSetup creates the first admin with a valid setup token, spends the
// token, and signs the new admin in. It fails once any enabled admin exists.
func (s *Service) CompleteSetup(ctx context.Context, token string, in NewUser, ip, userAgent string) (LoginResult, error) {
	if err := s.limit.check(ctx, "ip:"+ip); err != nil {
		return LoginResult{}, err
	}
	in.Role = RoleAdmin
	u, err := s.newUser(ctx, in)
	if err != nil {
		return LoginResult{}, err
	}
	err = s.st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := s.spendSetupToken(ctx, tx, token); err != nil {
			return err
		}
		users := s.st.UsersTx(tx)
		if admins, err := users.ActiveAdmins(ctx); err != nil || len(admins) > 0 {
			return errors.Join(err, ErrSetupDone)
		}
		return s.insertUser(ctx, users, &u)
	})
	if errors.Is(err, ErrSetupInvalid) {
		err = errors.Join(err, s.limit.fail(ctx, "ip:"+ip, s.cfg.IPMaxFailures))
	}
	if err != nil {
		return LoginResult{}, err
	}
	return s.startSession(ctx, u, ip, userAgent, false)
}

// spendSetupToken checks token against the stored hash and expiry and
// deletes it, inside tx.
func (s *Service) spendSetupToken(ctx context.Context, tx bun.Tx, token string) error {
	settings := s.st.SettingsTx(tx)
	st, err := settings.Get(ctx, settingSetupToken)
	if errors.Is(err, store.ErrNotFound) {
		return ErrSetupInvalid
	}
	if err != nil {
		return err
	}
	hash, expires, _ := strings.Cut(st.Value, ":")
	unix, _ := strconv.ParseInt(expires, 10, 64)
	if subtle.ConstantTimeCompare([]byte(hash), []byte(HashToken(token))) != 1 || !s.now().Before(time.Unix(unix, 0)) {
		return ErrSetupInvalid
	}
	return settings.Delete(ctx, settingSetupToken)
}
