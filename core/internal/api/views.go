package api

import (
	"time"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// userView is a user as the API shows it: never its hash or TOTP secret.
type userView struct {
	ID                int64     `json:"id"`
	Username          string    `json:"username"`
	Role              string    `json:"role" enum:"viewer,operator,admin"`
	Disabled          bool      `json:"disabled"`
	TOTPEnabled       bool      `json:"totp_enabled"`
	CreatedAt         time.Time `json:"created_at"`
	PasswordChangedAt time.Time `json:"password_changed_at"`
}

func viewUser(u store.User) userView {
	return userView{ID: u.ID, Username: u.Username, Role: u.Role, Disabled: u.Disabled, TOTPEnabled: u.TOTPEnabled,
		CreatedAt: u.CreatedAt, PasswordChangedAt: u.PasswordChangedAt}
}

func viewUsers(list []store.User) []userView {
	out := make([]userView, len(list))
	for i, u := range list {
		out[i] = viewUser(u)
	}
	return out
}

// sessionView is a session as its owner or an admin sees it.
type sessionView struct {
	ID         string    `json:"id"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	Current    bool      `json:"current"`
}

func viewSessions(list []store.Session, currentHash string) []sessionView {
	out := make([]sessionView, len(list))
	for i, s := range list {
		out[i] = sessionView{ID: s.ID, IP: s.IP, UserAgent: s.UserAgent, CreatedAt: s.CreatedAt,
			LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt, Current: s.TokenHash == currentHash}
	}
	return out
}

// signedIn answers a login, a setup or a session rotation.
type signedIn struct {
	Username       string    `json:"username"`
	Role           string    `json:"role"`
	CSRFToken      string    `json:"csrf_token" doc:"send as X-CSRF-Token with every change"`
	ExpiresAt      time.Time `json:"expires_at"`
	MustEnrollTOTP bool      `json:"must_enroll_totp"`
}

func viewSignedIn(s store.Session) signedIn {
	return signedIn{Username: s.Username, Role: s.Role, CSRFToken: s.CSRFToken, ExpiresAt: s.ExpiresAt, MustEnrollTOTP: s.MustEnrollTOTP}
}

// tokenView is an API token without its secret.
type tokenView struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Role       string     `json:"role"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

func viewToken(t store.APIToken) tokenView {
	return tokenView{ID: t.ID, Name: t.Name, Role: t.Role, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt, LastUsedAt: t.LastUsedAt}
}
