package auth

import (
	"context"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/cache"
	"github.com/diwanpanel/diwan/core/internal/config"
	"github.com/diwanpanel/diwan/core/internal/seal"
	"github.com/diwanpanel/diwan/core/internal/store/storetest"
)

// Raising the argon2id parameters upgrades each hash at its owner's next
// sign-in; the old hash keeps working until then.
func TestLoginRehashesWithNewParameters(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t, config.SQLite)
	mem := cache.NewMemory()
	defer mem.Close()
	service := func(time int) *Service {
		cfg := config.Defaults(config.ProfileDev, config.Environment{}).Auth
		cfg.Argon2Memory, cfg.Argon2Time = 8192, time
		box, err := seal.New([]byte(strings.Repeat("k", seal.MinKeyLen)), "totp")
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(Options{Store: st, Cache: mem, Seal: box, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	old := service(1)
	u, err := old.CreateUser(ctx, NewUser{Username: "rita", Password: "a long enough password", Role: RoleViewer})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.PasswordHash, "t=1,") {
		t.Fatalf("hash %q", u.PasswordHash)
	}
	raised := service(2)
	if _, err := raised.Login(ctx, LoginInput{Username: "rita", Password: "a long enough password", IP: "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	after, err := st.Users().Get(ctx, u.ID)
	if err != nil || !strings.Contains(after.PasswordHash, "t=2,") {
		t.Fatalf("hash after login %q, %v", after.PasswordHash, err)
	}
	if _, err := raised.Login(ctx, LoginInput{Username: "rita", Password: "a long enough password", IP: "127.0.0.1"}); err != nil {
		t.Fatalf("login with the upgraded hash: %v", err)
	}
}
