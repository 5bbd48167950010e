package auth

import (
	"context"
	"errors"
	"regexp"
	"slices"

	"github.com/uptrace/bun"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
	"github.com/diwanpanel/diwan/core/internal/store"
)

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// NewUser is an account to create.
type NewUser struct {
	Username string
	Password string
	Role     Role
}

// CreateUser validates in (naming the bad field) and stores the account.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (store.User, error) {
	u, err := s.newUser(ctx, in)
	if err != nil {
		return store.User{}, err
	}
	return u, s.insertUser(ctx, s.st.Users(), &u)
}

// newUser validates in and hashes its password, without storing anything.
func (s *Service) newUser(ctx context.Context, in NewUser) (store.User, error) {
	if !usernameRE.MatchString(in.Username) {
		return store.User{}, fieldErr("username", "want 2 to 64 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
	if _, err := ParseRole(string(in.Role)); err != nil {
		return store.User{}, fieldErr("role", "want viewer, operator or admin")
	}
	hash, err := s.hashNew(ctx, "password", in.Password)
	if err != nil {
		return store.User{}, err
	}
	return store.User{Username: in.Username, PasswordHash: hash, Role: string(in.Role)}, nil
}

func (s *Service) insertUser(ctx context.Context, users *store.Users, u *store.User) error {
	err := users.Create(ctx, u)
	if errors.Is(err, store.ErrConflict) {
		return fieldErr("username", "is taken")
	}
	return err
}

// hashNew checks the password policy and hashes; field names the input.
func (s *Service) hashNew(ctx context.Context, field, plain string) (string, error) {
	if err := password.CheckPolicy(plain, s.cfg.MinPasswordLength); err != nil {
		msg := "is not acceptable"
		switch {
		case errors.Is(err, password.ErrTooShort):
			msg = "is too short"
		case errors.Is(err, password.ErrTooLong):
			msg = "is too long (1024 bytes at most)"
		}
		return "", &FieldError{Field: field, Message: msg}
	}
	return s.hasher.Hash(ctx, plain)
}

// Users lists every account.
func (s *Service) Users(ctx context.Context) ([]store.User, error) { return s.st.Users().List(ctx) }

// User returns one account, or store.ErrNotFound.
func (s *Service) User(ctx context.Context, id int64) (store.User, error) {
	return s.st.Users().Get(ctx, id)
}

// UserChange is a partial update by an admin; nil fields stay.
type UserChange struct {
	Role     *Role
	Disabled *bool
}

// UpdateUser changes role or disabled state. The last enabled admin cannot
// lose that standing; any change revokes the user's sessions.
func (s *Service) UpdateUser(ctx context.Context, id int64, ch UserChange) (store.User, error) {
	if ch.Role != nil {
		if _, err := ParseRole(string(*ch.Role)); err != nil {
			return store.User{}, fieldErr("role", "want viewer, operator or admin")
		}
	}
	var u store.User
	err := s.st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		users := s.st.UsersTx(tx)
		var err error
		if u, err = users.Get(ctx, id); err != nil {
			return err
		}
		if ch.Role != nil {
			u.Role = string(*ch.Role)
		}
		if ch.Disabled != nil {
			u.Disabled = *ch.Disabled
		}
		if err := keepAnAdmin(ctx, users, id, u.Role == string(RoleAdmin) && !u.Disabled); err != nil {
			return err
		}
		return users.Update(ctx, &u, "role", "disabled")
	})
	if err != nil {
		return store.User{}, err
	}
	_, err = s.RevokeSessions(ctx, id, "")
	return u, err
}

// DeleteUser removes an account, unless it is the last enabled admin.
func (s *Service) DeleteUser(ctx context.Context, id int64) error {
	err := s.st.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		users := s.st.UsersTx(tx)
		if err := keepAnAdmin(ctx, users, id, false); err != nil {
			return err
		}
		return users.Delete(ctx, id)
	})
	if err != nil {
		return err
	}
	// The database cascades; sessions kept in Redis must be ended here.
	_, err = s.RevokeSessions(ctx, id, "")
	return err
}

// keepAnAdmin refuses a change that leaves no enabled admin: id stays an
// enabled admin only if stillAdmin.
func keepAnAdmin(ctx context.Context, users *store.Users, id int64, stillAdmin bool) error {
	admins, err := users.ActiveAdmins(ctx)
	if err != nil {
		return err
	}
	if !stillAdmin && slices.Contains(admins, id) && len(admins) == 1 {
		return ErrLastAdmin
	}
	return nil
}

// ResetPassword sets a new password chosen by an admin and signs the user
// out everywhere.
func (s *Service) ResetPassword(ctx context.Context, id int64, plain string) error {
	return s.setPassword(ctx, id, "password", plain, "")
}

// ChangePassword changes the caller's own password after checking the
// current one (a wrong one counts as a failed login), and signs out the
// caller's other sessions.
func (s *Service) ChangePassword(ctx context.Context, id *Identity, ip, current, next string) error {
	acct := "account:" + id.Username
	if err := s.limit.check(ctx, acct, "ip:"+ip); err != nil {
		return err
	}
	if _, err := s.verifyPassword(ctx, id.Username, current); err != nil {
		if errors.Is(err, ErrInvalidCredentials) {
			return errors.Join(fieldErr("current_password", "is wrong"), s.limit.fail(ctx, acct, s.cfg.AccountMaxFailures))
		}
		return err
	}
	keep := ""
	if id.Session != nil {
		keep = id.Session.TokenHash
	}
	return s.setPassword(ctx, id.UserID, "new_password", next, keep)
}

func (s *Service) setPassword(ctx context.Context, id int64, field, plain, keepSession string) error {
	hash, err := s.hashNew(ctx, field, plain)
	if err != nil {
		return err
	}
	u, err := s.st.Users().Get(ctx, id)
	if err != nil {
		return err
	}
	u.PasswordHash, u.PasswordChangedAt = hash, s.now().UTC()
	if err := s.st.Users().Update(ctx, &u, "password_hash", "password_changed_at"); err != nil {
		return err
	}
	_, err = s.RevokeSessions(ctx, id, keepSession)
	return err
}
