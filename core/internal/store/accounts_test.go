package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/diwanpanel/diwan/core/internal/store"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
)

func forEachStore(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, d := range storetest.Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, storetest.Open(t, d)) })
	}
}

func mustCreateUser(t *testing.T, s *store.Store, name, role string) store.User {
	t.Helper()
	u := store.User{Username: name, PasswordHash: "$argon2id$x", Role: role}
	if err := s.Users().Create(context.Background(), &u); err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return u
}

func TestUsersRepository(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		users := s.Users()
		alice := mustCreateUser(t, s, "alice", "admin")
		if alice.ID == 0 || alice.CreatedAt.IsZero() {
			t.Fatalf("create did not set id and times: %+v", alice)
		}
		dup := store.User{Username: "alice", PasswordHash: "x", Role: "viewer"}
		if err := users.Create(ctx, &dup); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate username: want ErrConflict, got %v", err)
		}
		if _, err := users.GetByUsername(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
		if _, err := users.Get(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown id: %v", err)
		}
		alice.Role, alice.Disabled = "operator", true
		if err := users.Update(ctx, &alice, "role", "disabled"); err != nil {
			t.Fatal(err)
		}
		got, err := users.Get(ctx, alice.ID)
		if err != nil || got.Role != "operator" || !got.Disabled || got.Username != "alice" {
			t.Fatalf("after update: %+v, %v", got, err)
		}
		ghost := store.User{ID: 999999, Role: "viewer"}
		if err := users.Update(ctx, &ghost, "role"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("update of a missing user: %v", err)
		}
		bob := mustCreateUser(t, s, "bob", "admin")
		mustCreateUser(t, s, "carol", "viewer")
		admins, err := users.ActiveAdmins(ctx)
		if err != nil || len(admins) != 1 || admins[0] != bob.ID {
			t.Fatalf("active admins = %v, %v (alice is disabled)", admins, err)
		}
		list, err := users.List(ctx)
		if err != nil || len(list) != 3 || list[0].Username != "alice" {
			t.Fatalf("list = %+v, %v", list, err)
		}
	})
}

func TestDeletingAUserTakesItsSessionsTokensAndCodes(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mustCreateUser(t, s, "dave", "viewer")
		now := time.Now().UTC()
		if err := s.Sessions().Create(ctx, store.Session{TokenHash: "h1", ID: "s1", UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		tok := store.APIToken{UserID: u.ID, Name: "ci", TokenHash: "th1", Role: "viewer", ExpiresAt: now.Add(time.Hour)}
		if err := s.Tokens().Create(ctx, &tok); err != nil {
			t.Fatal(err)
		}
		if err := s.RecoveryCodes().Replace(ctx, u.ID, []string{"c1", "c2"}); err != nil {
			t.Fatal(err)
		}
		if err := s.Users().Delete(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Sessions().Get(ctx, "h1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("session survived its user: %v", err)
		}
		if _, err := s.Tokens().GetByHash(ctx, "th1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("token survived its user: %v", err)
		}
		if n, err := s.RecoveryCodes().Remaining(ctx, u.ID); err != nil || n != 0 {
			t.Errorf("codes survived their user: %d, %v", n, err)
		}
		if err := s.Users().Delete(ctx, u.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
	})
}

func TestSessionsRepository(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mustCreateUser(t, s, "erin", "viewer")
		other := mustCreateUser(t, s, "frank", "viewer")
		sessions := s.Sessions()
		now := time.Now().UTC().Truncate(time.Second)
		mk := func(hash string, uid int64, created time.Time) store.Session {
			return store.Session{TokenHash: hash, ID: "id-" + hash, UserID: uid, CSRFToken: "csrf-" + hash,
				CreatedAt: created, LastSeenAt: created, ExpiresAt: created.Add(time.Hour)}
		}
		for _, sess := range []store.Session{mk("a", u.ID, now.Add(-2*time.Minute)), mk("b", u.ID, now.Add(-time.Minute)), mk("c", u.ID, now), mk("z", other.ID, now)} {
			if err := sessions.Create(ctx, sess); err != nil {
				t.Fatal(err)
			}
		}
		got, err := sessions.Get(ctx, "b")
		if err != nil || got.ID != "id-b" || got.CSRFToken != "csrf-b" || !got.ExpiresAt.Equal(now.Add(-time.Minute).Add(time.Hour)) {
			t.Fatalf("get = %+v, %v", got, err)
		}
		if err := sessions.Touch(ctx, "b", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := sessions.Touch(ctx, "missing", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("touch missing: %v", err)
		}
		list, err := sessions.ListByUser(ctx, u.ID)
		if err != nil || len(list) != 3 || list[0].TokenHash != "c" {
			t.Fatalf("list = %+v, %v", list, err)
		}
		n, err := sessions.DeleteByUser(ctx, u.ID, "c")
		if err != nil || n != 2 {
			t.Fatalf("delete by user = %d, %v", n, err)
		}
		if _, err := sessions.Get(ctx, "c"); err != nil {
			t.Fatalf("the spared session went: %v", err)
		}
		if _, err := sessions.Get(ctx, "z"); err != nil {
			t.Fatalf("another user's session went: %v", err)
		}
		if err := sessions.DeleteExpired(ctx, now.Add(2*time.Hour), now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := sessions.Get(ctx, "c"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("an expired session survived: %v", err)
		}
		if err := sessions.Delete(ctx, "c"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("delete missing: %v", err)
		}
	})
}

// Free text from clients is clipped to its column, on every dialect.
func TestLongClientTextFits(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mustCreateUser(t, s, "long", "viewer")
		now := time.Now().UTC()
		ua := strings.Repeat("é", 600) // 1200 bytes
		if err := s.Sessions().Create(ctx, store.Session{TokenHash: "lh", ID: "lid", UserID: u.ID, UserAgent: ua, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
			t.Fatalf("long user agent: %v", err)
		}
		got, err := s.Sessions().Get(ctx, "lh")
		if err != nil || len(got.UserAgent) > 255 || !utf8.ValidString(got.UserAgent) || !strings.HasPrefix(ua, got.UserAgent) {
			t.Fatalf("stored user agent %q, %v", got.UserAgent, err)
		}
		e := &store.AuditEntry{At: now, Actor: strings.Repeat("a", 500), Action: "x", Target: strings.Repeat("t", 900), Result: "success"}
		if err := s.Audit().Append(ctx, e); err != nil {
			t.Fatalf("long audit fields: %v", err)
		}
	})
}

func TestTokensRepository(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mustCreateUser(t, s, "gina", "operator")
		other := mustCreateUser(t, s, "hank", "operator")
		tok := store.APIToken{UserID: u.ID, Name: "deploy", TokenHash: "hash-1", Role: "viewer", ExpiresAt: time.Now().Add(time.Hour).UTC()}
		if err := s.Tokens().Create(ctx, &tok); err != nil || tok.ID == 0 {
			t.Fatalf("create = %+v, %v", tok, err)
		}
		got, err := s.Tokens().GetByHash(ctx, "hash-1")
		if err != nil || got.Name != "deploy" || got.LastUsedAt != nil {
			t.Fatalf("get = %+v, %v", got, err)
		}
		if err := s.Tokens().Touch(ctx, tok.ID, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		if got, _ = s.Tokens().GetByHash(ctx, "hash-1"); got.LastUsedAt == nil {
			t.Fatal("touch did not record the use")
		}
		if err := s.Tokens().Delete(ctx, other.ID, tok.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another user deleted the token: %v", err)
		}
		if list, err := s.Tokens().ListByUser(ctx, u.ID); err != nil || len(list) != 1 {
			t.Fatalf("list = %v, %v", list, err)
		}
		if err := s.Tokens().Delete(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Tokens().GetByHash(ctx, "hash-1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted token found: %v", err)
		}
	})
}

func TestRecoveryCodesWorkOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mustCreateUser(t, s, "ivy", "viewer")
		codes := s.RecoveryCodes()
		if err := codes.Replace(ctx, u.ID, []string{"h1", "h2", "h3"}); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		if err := codes.Use(ctx, u.ID, "h2", now); err != nil {
			t.Fatal(err)
		}
		if err := codes.Use(ctx, u.ID, "h2", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second use: %v", err)
		}
		if err := codes.Use(ctx, u.ID, "nope", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown code: %v", err)
		}
		if n, err := codes.Remaining(ctx, u.ID); err != nil || n != 2 {
			t.Fatalf("remaining = %d, %v", n, err)
		}
		if err := codes.Replace(ctx, u.ID, []string{"h9"}); err != nil {
			t.Fatal(err)
		}
		if err := codes.Use(ctx, u.ID, "h1", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("a replaced code still works: %v", err)
		}
	})
}

func TestAuditQuery(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := mustCreateUser(t, s, "jack", "admin")
		base := time.Now().UTC().Truncate(time.Second).Add(-time.Hour)
		for i := range 6 {
			e := &store.AuditEntry{At: base.Add(time.Duration(i) * time.Minute), Actor: "jack", Via: "session", IP: "127.0.0.1",
				Action: "auth.login", Result: "success", Status: 200}
			if i%2 == 1 {
				e.ActorID, e.Action, e.Result = &u.ID, "POST /api/v1/users", "failure"
			}
			if err := s.Audit().Append(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.Audit().Query(ctx, store.AuditFilter{Limit: 100})
		if err != nil || len(all) != 6 || all[0].ID < all[5].ID {
			t.Fatalf("all = %d entries, %v", len(all), err)
		}
		for _, tc := range []struct {
			name string
			f    store.AuditFilter
			want int
		}{
			{"by actor", store.AuditFilter{ActorID: u.ID, Limit: 100}, 3},
			{"by action", store.AuditFilter{Action: "auth.login", Limit: 100}, 3},
			{"by result", store.AuditFilter{Result: "failure", Limit: 100}, 3},
			{"since", store.AuditFilter{Since: base.Add(4 * time.Minute), Limit: 100}, 2},
			{"until", store.AuditFilter{Until: base.Add(2 * time.Minute), Limit: 100}, 2},
			{"limit", store.AuditFilter{Limit: 4}, 4},
			{"page", store.AuditFilter{BeforeID: all[3].ID, Limit: 100}, 2},
		} {
			got, err := s.Audit().Query(ctx, tc.f)
			if err != nil || len(got) != tc.want {
				t.Errorf("%s: %d entries, %v; want %d", tc.name, len(got), err, tc.want)
			}
		}
	})
}

// An update that changes nothing still found its row, on every dialect.
func TestUpdateWithSameValuesFindsTheRow(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "same", "viewer")
		if err := s.Users().Update(context.Background(), &u, "role"); err != nil {
			t.Fatalf("first update: %v", err)
		}
		if err := s.Users().Update(context.Background(), &u, "role"); err != nil {
			t.Fatalf("an identical update reported no row: %v", err)
		}
	})
}
