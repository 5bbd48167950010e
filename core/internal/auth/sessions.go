package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// SessionStore keeps sessions server-side: in the database on one node
// (store.Sessions), in Redis when several nodes share the work (CacheSessions).
// Get returns store.ErrNotFound for an unknown token hash; expiry is judged
// by the caller.
type SessionStore interface {
	Create(ctx context.Context, s store.Session) error
	Get(ctx context.Context, tokenHash string) (store.Session, error)
	Touch(ctx context.Context, tokenHash string, at time.Time) error
	ListByUser(ctx context.Context, userID int64) ([]store.Session, error)
	Delete(ctx context.Context, tokenHash string) error
	DeleteByUser(ctx context.Context, userID int64, exceptHash string) (int, error)
}

// CacheSessions keeps sessions in a cache: one key per session, expiring
// with the session, and one set per user indexing its sessions.
type CacheSessions struct {
	c       cache.Cache
	idle    time.Duration
	maxLife time.Duration
}

// NewCacheSessions stores sessions in c; idle and maxLife bound how long a
// key lives.
func NewCacheSessions(c cache.Cache, idle, maxLife time.Duration) *CacheSessions {
	return &CacheSessions{c: c, idle: idle, maxLife: maxLife}
}

func sessionKey(hash string) string   { return "session:" + hash }
func userSessionsKey(id int64) string { return "user-sessions:" + strconv.FormatInt(id, 10) }

// Create stores s, expiring when it would go idle.
func (cs *CacheSessions) Create(ctx context.Context, s store.Session) error {
	if err := cs.put(ctx, s); err != nil {
		return err
	}
	return wrapSessions("index", cs.c.SetAdd(ctx, userSessionsKey(s.UserID), cs.maxLife, s.TokenHash))
}

func (cs *CacheSessions) put(ctx context.Context, s store.Session) error {
	ttl := min(time.Until(s.ExpiresAt), time.Until(s.LastSeenAt.Add(cs.idle)))
	if ttl <= 0 {
		return nil // already over: nothing to keep
	}
	b, err := json.Marshal(s)
	if err != nil {
		return wrapSessions("encode", err)
	}
	return wrapSessions("store", cs.c.Set(ctx, sessionKey(s.TokenHash), b, ttl))
}

// Get returns the session with tokenHash, or store.ErrNotFound.
func (cs *CacheSessions) Get(ctx context.Context, tokenHash string) (store.Session, error) {
	b, err := cs.c.Get(ctx, sessionKey(tokenHash))
	if errors.Is(err, cache.ErrNotFound) {
		return store.Session{}, fmt.Errorf("auth: session: %w", store.ErrNotFound)
	}
	if err != nil {
		return store.Session{}, wrapSessions("load", err)
	}
	var s store.Session
	if err := json.Unmarshal(b, &s); err != nil {
		return store.Session{}, wrapSessions("decode", err)
	}
	return s, nil
}

// Touch records activity and pushes the key's expiry out.
func (cs *CacheSessions) Touch(ctx context.Context, tokenHash string, at time.Time) error {
	s, err := cs.Get(ctx, tokenHash)
	if err != nil {
		return err
	}
	s.LastSeenAt = at
	return cs.put(ctx, s)
}

// ListByUser returns the user's live sessions, newest first, and drops
// index entries whose session has expired.
func (cs *CacheSessions) ListByUser(ctx context.Context, userID int64) ([]store.Session, error) {
	hashes, err := cs.c.SetMembers(ctx, userSessionsKey(userID))
	if err != nil {
		return nil, wrapSessions("list", err)
	}
	out := make([]store.Session, 0, len(hashes))
	var gone []string
	for _, h := range hashes {
		s, err := cs.Get(ctx, h)
		switch {
		case errors.Is(err, store.ErrNotFound):
			gone = append(gone, h)
		case err != nil:
			return nil, err
		default:
			out = append(out, s)
		}
	}
	if len(gone) > 0 {
		if err := cs.c.SetRemove(ctx, userSessionsKey(userID), gone...); err != nil {
			return nil, wrapSessions("prune", err)
		}
	}
	sortNewestFirst(out)
	return out, nil
}

// Delete removes the session with tokenHash, or returns store.ErrNotFound.
func (cs *CacheSessions) Delete(ctx context.Context, tokenHash string) error {
	s, err := cs.Get(ctx, tokenHash)
	if err != nil {
		return err
	}
	if err := cs.c.Delete(ctx, sessionKey(tokenHash)); err != nil {
		return wrapSessions("delete", err)
	}
	return wrapSessions("unindex", cs.c.SetRemove(ctx, userSessionsKey(s.UserID), tokenHash))
}

// DeleteByUser removes the user's sessions except exceptHash.
func (cs *CacheSessions) DeleteByUser(ctx context.Context, userID int64, exceptHash string) (int, error) {
	list, err := cs.ListByUser(ctx, userID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range list {
		if s.TokenHash == exceptHash {
			continue
		}
		if err := cs.Delete(ctx, s.TokenHash); err != nil && !errors.Is(err, store.ErrNotFound) {
			return n, err
		}
		n++
	}
	return n, nil
}

func sortNewestFirst(list []store.Session) {
	slices.SortFunc(list, func(a, b store.Session) int { return b.CreatedAt.Compare(a.CreatedAt) })
}

func wrapSessions(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("auth: sessions: %s: %w", op, err)
}

var (
	_ SessionStore = (*CacheSessions)(nil)
	_ SessionStore = (*store.Sessions)(nil)
)
