package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/diwanpanel/diwan/core/internal/auth/otp"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// maxPasswordBytes caps what is hashed at login; longer input fails like a
// wrong password, after the same work.
const maxPasswordBytes = 1024

// LoginInput is a sign-in attempt. IP is the client address as resolved
// through trusted proxies only.
type LoginInput struct {
	Username     string
	Password     string
	TOTPCode     string
	RecoveryCode string
	IP           string
	UserAgent    string
}

// LoginResult is a new session and the token for its cookie.
type LoginResult struct {
	Token   string
	Session store.Session
}

// Login checks the lockouts first (a locked-out attempt is refused even with
// the right password), then the password, then the second factor, and
// starts a session. Unknown users and wrong passwords get the same error
// after the same work.
func (s *Service) Login(ctx context.Context, in LoginInput) (LoginResult, error) {
	acct, ip := "account:"+strings.ToLower(in.Username), "ip:"+in.IP
	if err := s.limit.check(ctx, acct, ip); err != nil {
		return LoginResult{}, err
	}
	u, err := s.verifyPassword(ctx, in.Username, in.Password)
	if err == nil {
		err = s.secondFactor(ctx, &u, in)
	}
	if err != nil {
		if errors.Is(err, ErrInvalidCredentials) || errors.Is(err, ErrInvalidSecondFactor) {
			err = errors.Join(err, s.limit.fail(ctx, acct, s.cfg.AccountMaxFailures), s.limit.fail(ctx, ip, s.cfg.IPMaxFailures))
		}
		return LoginResult{}, err
	}
	if err := s.limit.succeed(ctx, acct); err != nil {
		return LoginResult{}, err
	}
	require, err := s.Require2FA(ctx)
	if err != nil {
		return LoginResult{}, err
	}
	return s.startSession(ctx, u, in.IP, in.UserAgent, require && !u.TOTPEnabled)
}

// verifyPassword returns the enabled user whose password matches, upgrading
// the hash when its parameters are out of date.
func (s *Service) verifyPassword(ctx context.Context, username, plain string) (store.User, error) {
	u, err := s.st.Users().GetByUsername(ctx, strings.ToLower(username))
	if errors.Is(err, store.ErrNotFound) || len(plain) > maxPasswordBytes {
		// The same work and the same failure modes as a real verify, so that
		// neither time nor errors tell unknown users from real ones.
		if err := s.hasher.VerifyDummy(ctx, plain[:min(len(plain), maxPasswordBytes)]); err != nil {
			return store.User{}, fmt.Errorf("auth: verify password: %w", err)
		}
		return store.User{}, ErrInvalidCredentials
	}
	if err != nil {
		return store.User{}, err
	}
	ok, rehash, err := s.hasher.Verify(ctx, u.PasswordHash, plain)
	if err != nil {
		return store.User{}, fmt.Errorf("auth: verify password: %w", err)
	}
	if !ok || u.Disabled {
		return store.User{}, ErrInvalidCredentials
	}
	if rehash {
		if u.PasswordHash, err = s.hasher.Hash(ctx, plain); err != nil {
			return store.User{}, err
		}
		if err := s.st.Users().Update(ctx, &u, "password_hash"); err != nil {
			return store.User{}, err
		}
	}
	return u, nil
}

// secondFactor checks a TOTP code or a recovery code when the user has 2FA.
// Each works once: a TOTP step is recorded, a recovery code is spent.
func (s *Service) secondFactor(ctx context.Context, u *store.User, in LoginInput) error {
	if !u.TOTPEnabled {
		return nil
	}
	switch {
	case in.TOTPCode != "":
		secret, err := s.totpSecret(*u)
		if err != nil {
			return err
		}
		step, err := otp.Validate(secret, in.TOTPCode, s.now(), u.TOTPLastStep)
		if err != nil {
			return ErrInvalidSecondFactor
		}
		// Only one request can advance the step: a replay racing this one fails.
		if err := s.st.Users().AdvanceTOTPStep(ctx, u.ID, step); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return ErrInvalidSecondFactor
			}
			return err
		}
		return nil
	case in.RecoveryCode != "":
		err := s.st.RecoveryCodes().Use(ctx, u.ID, otp.HashRecoveryCode(in.RecoveryCode), s.now())
		if errors.Is(err, store.ErrNotFound) {
			return ErrInvalidSecondFactor
		}
		return err
	}
	return ErrTOTPRequired
}

// startSession stores a new session for u and returns its token.
func (s *Service) startSession(ctx context.Context, u store.User, ip, userAgent string, mustEnroll bool) (LoginResult, error) {
	token, now := randomToken(32), s.now().UTC()
	sess := store.Session{
		TokenHash: HashToken(token), ID: randomID(12),
		UserID: u.ID, Username: u.Username, Role: u.Role,
		CSRFToken: randomToken(32), MustEnrollTOTP: mustEnroll,
		IP: ip, UserAgent: userAgent,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.SessionAbsoluteTimeout),
	}
	if err := s.sessions.Create(ctx, sess); err != nil {
		return LoginResult{}, err
	}
	return LoginResult{Token: token, Session: sess}, nil
}
