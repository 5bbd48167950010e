package auth

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// MaxTokenLifetime bounds an API token's expiry.
const MaxTokenLifetime = 366 * 24 * time.Hour

// NewToken is an API token to create.
type NewToken struct {
	Name      string
	Role      Role
	ExpiresAt time.Time
}

// CreateToken makes a bearer token for the caller with a role no higher than
// the caller's and an expiry within a year. The token is returned once; only
// its hash is stored. Tokens cannot mint tokens: a session is required.
func (s *Service) CreateToken(ctx context.Context, id *Identity, in NewToken) (string, store.APIToken, error) {
	if id.Via != ViaSession {
		return "", store.APIToken{}, ErrForbidden
	}
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 64 || strings.IndexFunc(in.Name, unicode.IsControl) >= 0 {
		return "", store.APIToken{}, fieldErr("name", "want 1 to 64 printable characters")
	}
	if _, err := ParseRole(string(in.Role)); err != nil {
		return "", store.APIToken{}, fieldErr("role", "want viewer, operator or admin")
	}
	if !id.Role.AtLeast(in.Role) {
		return "", store.APIToken{}, fieldErr("role", "cannot exceed your own role (%s)", id.Role)
	}
	now := s.now()
	if !in.ExpiresAt.After(now) || in.ExpiresAt.After(now.Add(MaxTokenLifetime)) {
		return "", store.APIToken{}, fieldErr("expires_at", "want a time in the future, within a year")
	}
	token := TokenPrefix + randomToken(32)
	t := store.APIToken{UserID: id.UserID, Name: in.Name, TokenHash: HashToken(token), Role: string(in.Role), ExpiresAt: in.ExpiresAt.UTC()}
	if err := s.st.Tokens().Create(ctx, &t); err != nil {
		return "", store.APIToken{}, err
	}
	return token, t, nil
}

// Tokens lists the user's API tokens.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]store.APIToken, error) {
	return s.st.Tokens().ListByUser(ctx, userID)
}

// DeleteToken revokes the user's token id.
func (s *Service) DeleteToken(ctx context.Context, userID, id int64) error {
	return s.st.Tokens().Delete(ctx, userID, id)
}
