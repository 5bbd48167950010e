// Package auth is Diwan's access layer: accounts and passwords (argon2id),
// server-side sessions, TOTP with recovery codes, API tokens, roles, the
// first-admin setup link and the brute-force defence. HTTP concerns
// (cookies, CSRF, route roles) live in the api package; this package decides
// who someone is and what they may do.
package auth

import "github.com/diwanpanel/diwan/core/internal/store"

// How a request was authenticated.
const (
	ViaSession = "session"
	ViaToken   = "token"
)

// Identity is who made a request.
type Identity struct {
	UserID   int64
	Username string
	Role     Role
	Via      string
	// Session is set for cookie sessions.
	Session *store.Session
	// TokenID and TokenName are set for API tokens.
	TokenID   int64
	TokenName string
}

// MustEnrollTOTP reports whether this session may only enrol a second
// factor (an admin requires 2FA and this user has none yet).
func (id *Identity) MustEnrollTOTP() bool {
	return id != nil && id.Session != nil && id.Session.MustEnrollTOTP
}

// Actor names the identity in the audit log.
func (id *Identity) Actor() string {
	if id == nil {
		return "anonymous"
	}
	if id.Via == ViaToken {
		return id.Username + " (token " + id.TokenName + ")"
	}
	return id.Username
}
