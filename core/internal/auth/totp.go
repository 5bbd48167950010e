package auth

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/auth/otp"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// Issuer names Diwan in authenticator apps.
const Issuer = "Diwan"

const recoveryCodeCount = 10

// BeginTOTP makes a new TOTP secret for the caller, not yet enabled, and
// returns it with its QR code data.
func (s *Service) BeginTOTP(ctx context.Context, id *Identity) (otp.Key, error) {
	u, err := s.st.Users().Get(ctx, id.UserID)
	if err != nil {
		return otp.Key{}, err
	}
	if u.TOTPEnabled {
		return otp.Key{}, fieldErr("totp", "is already enabled; disable it first")
	}
	key, err := otp.Generate(Issuer, u.Username)
	if err != nil {
		return otp.Key{}, err
	}
	u.TOTPSecret, u.TOTPLastStep = s.seal.Seal([]byte(key.Secret), totpRecord(u.ID)), 0
	return key, s.st.Users().Update(ctx, &u, "totp_secret", "totp_last_step")
}

// totpSecret opens the user's sealed TOTP secret.
func (s *Service) totpSecret(u store.User) (string, error) {
	plain, err := s.seal.Open(u.TOTPSecret, totpRecord(u.ID))
	if err != nil {
		return "", fmt.Errorf("auth: totp secret of user %d: %w", u.ID, err)
	}
	return string(plain), nil
}

func totpRecord(userID int64) string { return "totp:user:" + strconv.FormatInt(userID, 10) }

// ConfirmTOTP enables TOTP when code matches the pending secret, replaces
// the recovery codes (returned once, stored hashed), and rotates the
// caller's sessions: every session ends and a new one starts here.
func (s *Service) ConfirmTOTP(ctx context.Context, id *Identity, code, ip, userAgent string) ([]string, LoginResult, error) {
	codes, err := otp.NewRecoveryCodes(recoveryCodeCount)
	if err != nil {
		return nil, LoginResult{}, err
	}
	var u store.User
	err = s.st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		users := s.st.UsersTx(tx)
		var err error
		if u, err = users.Get(ctx, id.UserID); err != nil {
			return err
		}
		if u.TOTPEnabled || u.TOTPSecret == "" {
			return fieldErr("code", "start enrolment first")
		}
		secret, err := s.totpSecret(u)
		if err != nil {
			return err
		}
		step, err := otp.Validate(secret, code, s.now(), 0)
		if err != nil {
			return fieldErr("code", "does not match; check the authenticator's clock")
		}
		u.TOTPEnabled, u.TOTPLastStep = true, step
		if err := users.Update(ctx, &u, "totp_enabled", "totp_last_step"); err != nil {
			return err
		}
		return s.st.RecoveryCodesTx(tx).Replace(ctx, u.ID, hashAll(codes))
	})
	if err != nil {
		return nil, LoginResult{}, err
	}
	if _, err := s.RevokeSessions(ctx, u.ID, ""); err != nil {
		return nil, LoginResult{}, err
	}
	res, err := s.startSession(ctx, u, ip, userAgent, false)
	return codes, res, err
}

// DisableTOTP turns the caller's second factor off after checking the
// password; refused while an admin requires 2FA.
func (s *Service) DisableTOTP(ctx context.Context, id *Identity, plain string) error {
	if required, err := s.Require2FA(ctx); err != nil || required {
		return errors.Join(err, fieldErr("totp", "an administrator requires two-factor authentication"))
	}
	u, err := s.verifyPassword(ctx, id.Username, plain)
	if errors.Is(err, ErrInvalidCredentials) {
		return fieldErr("password", "is wrong")
	}
	if err != nil {
		return err
	}
	u.TOTPEnabled, u.TOTPSecret, u.TOTPLastStep = false, "", 0
	if err := s.st.Users().Update(ctx, &u, "totp_enabled", "totp_secret", "totp_last_step"); err != nil {
		return err
	}
	return s.st.RecoveryCodes().Replace(ctx, u.ID, nil)
}

// RecoveryCodesLeft counts the caller's unused recovery codes.
func (s *Service) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	return s.st.RecoveryCodes().Remaining(ctx, userID)
}

func hashAll(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = otp.HashRecoveryCode(c)
	}
	return out
}
