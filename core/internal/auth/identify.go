package auth

import (
	"context"
	"errors"
	"strings"

	"github.com/diwanpanel/diwan/core/internal/store"
)

// SessionIdentity resolves a session cookie's token. An unknown, expired or
// idle session is ErrUnauthenticated (and an expired one is deleted).
func (s *Service) SessionIdentity(ctx context.Context, token string) (*Identity, error) {
	if token == "" {
		return nil, ErrUnauthenticated
	}
	sess, err := s.sessions.Get(ctx, HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !now.Before(sess.ExpiresAt) || !now.Before(sess.LastSeenAt.Add(s.cfg.SessionIdleTimeout)) {
		_ = s.sessions.Delete(ctx, sess.TokenHash)
		return nil, ErrUnauthenticated
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := s.sessions.Touch(ctx, sess.TokenHash, now.UTC()); err != nil {
			return nil, err
		}
		sess.LastSeenAt = now.UTC()
	}
	return &Identity{UserID: sess.UserID, Username: sess.Username, Role: Role(sess.Role), Via: ViaSession, Session: &sess}, nil
}

// TokenIdentity resolves a bearer token. It acts with the lower of the
// token's role and its owner's current role; an expired token, or one whose
// owner is disabled or gone, is ErrUnauthenticated.
func (s *Service) TokenIdentity(ctx context.Context, token string) (*Identity, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, ErrUnauthenticated
	}
	t, err := s.st.Tokens().GetByHash(ctx, HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !now.Before(t.ExpiresAt) {
		return nil, ErrUnauthenticated
	}
	u, err := s.st.Users().Get(ctx, t.UserID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.Disabled) {
		return nil, ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > touchEvery {
		if err := s.st.Tokens().Touch(ctx, t.ID, now.UTC()); err != nil {
			return nil, err
		}
	}
	return &Identity{
		UserID: u.ID, Username: u.Username, Role: Role(t.Role).Lower(Role(u.Role)),
		Via: ViaToken, TokenID: t.ID, TokenName: t.Name,
	}, nil
}

// Logout ends the identity's session.
func (s *Service) Logout(ctx context.Context, id *Identity) error {
	if id == nil || id.Session == nil {
		return ErrUnauthenticated
	}
	return s.sessions.Delete(ctx, id.Session.TokenHash)
}

// Sessions lists the user's live sessions, newest first.
func (s *Service) Sessions(ctx context.Context, userID int64) ([]store.Session, error) {
	list, err := s.sessions.ListByUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	live := list[:0]
	for _, sess := range list {
		if now.Before(sess.ExpiresAt) && now.Before(sess.LastSeenAt.Add(s.cfg.SessionIdleTimeout)) {
			live = append(live, sess)
		}
	}
	return live, nil
}

// RevokeSession ends the user's session with the public id, or returns
// store.ErrNotFound (also for another user's session).
func (s *Service) RevokeSession(ctx context.Context, userID int64, id string) error {
	list, err := s.sessions.ListByUser(ctx, userID)
	if err != nil {
		return err
	}
	for _, sess := range list {
		if sess.ID == id {
			return s.sessions.Delete(ctx, sess.TokenHash)
		}
	}
	return store.ErrNotFound
}

// RevokeSessions ends every session of the user but exceptHash's.
func (s *Service) RevokeSessions(ctx context.Context, userID int64, exceptHash string) (int, error) {
	return s.sessions.DeleteByUser(ctx, userID, exceptHash)
}
