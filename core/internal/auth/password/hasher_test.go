package password_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
)

// cheap are the smallest parameters New accepts, to keep tests fast.
var cheap = password.Params{Memory: 8192, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// newHasher returns a Hasher with p and one slot per test goroutine.
func newHasher(t testing.TB, p password.Params) *password.Hasher {
	t.Helper()
	h, err := password.New(p, 4)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return h
}

// mustHash hashes plain with h.
func mustHash(t testing.TB, h *password.Hasher, plain string) string {
	t.Helper()
	encoded, err := h.Hash(context.Background(), plain)
	if err != nil {
		t.Fatalf("Hash: %v", err)
	}
	return encoded
}

func TestHashFormat(t *testing.T) {
	h := newHasher(t, password.DefaultParams)
	a := mustHash(t, h, "correct horse battery staple")
	b := mustHash(t, h, "correct horse battery staple")
	const prefix = "$argon2id$v=19$m=19456,t=2,p=1$"
	if !strings.HasPrefix(a, prefix) {
		t.Errorf("Hash = %q, want prefix %q", a, prefix)
	}
	if f := strings.Split(a, "$"); len(f) != 6 || len(f[4]) != 22 || len(f[5]) != 43 {
		t.Errorf("Hash = %q, want a 16-byte salt and a 32-byte key in raw base64", a)
	}
	if a == b {
		t.Error("two hashes of one password are equal; want distinct salts")
	}
}

func TestVerify(t *testing.T) {
	h := newHasher(t, cheap)
	stronger := cheap
	stronger.Time, stronger.KeyLen = 2, 24
	old := newHasher(t, stronger)
	const pw = "s3cret-pässwörd"
	tests := []struct {
		name       string
		encoded    string
		plain      string
		ok, rehash bool
	}{
		{"round trip", mustHash(t, h, pw), pw, true, false},
		{"wrong password", mustHash(t, h, pw), pw + "x", false, false},
		{"empty password", mustHash(t, h, pw), "", false, false},
		{"case matters", mustHash(t, h, pw), strings.ToUpper(pw), false, false},
		{"other params", mustHash(t, old, pw), pw, true, true},
		{"other params, wrong password", mustHash(t, old, pw), "nope", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := h.Verify(context.Background(), tt.encoded, tt.plain)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if ok != tt.ok || rehash != tt.rehash {
				t.Errorf("Verify = ok %v, needsRehash %v; want %v, %v", ok, rehash, tt.ok, tt.rehash)
			}
		})
	}
}

func TestVerifyMalformed(t *testing.T) {
	h := newHasher(t, cheap)
	const pw = "hunter2hunter2"
	valid := mustHash(t, h, pw)
	// with replaces field i (0 is the empty one before the first $).
	with := func(i int, v string) string {
		f := strings.Split(valid, "$")
		f[i] = v
		return strings.Join(f, "$")
	}
	f := strings.Split(valid, "$")
	tests := []struct{ name, encoded string }{
		{"empty", ""},
		{"only dollars", "$$$$$"},
		{"argon2i", with(1, "argon2i")},
		{"argon2d", with(1, "argon2d")},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"version 16", with(2, "v=16")},
		{"version empty", with(2, "v=")},
		{"version missing", strings.Join(slices.Delete(slices.Clone(f), 2, 3), "$")},
		{"memory not a number", with(3, "m=abc,t=1,p=1")},
		{"memory negative", with(3, "m=-8192,t=1,p=1")},
		{"memory overflows uint32", with(3, "m=4294967296,t=1,p=1")},
		{"memory above cap", with(3, "m=2097152,t=1,p=1")},
		{"memory below 8 per lane", with(3, "m=15,t=1,p=2")},
		{"memory leading zero", with(3, "m=08192,t=1,p=1")},
		{"memory plus sign", with(3, "m=+8192,t=1,p=1")},
		{"time zero", with(3, "m=8192,t=0,p=1")},
		{"time above cap", with(3, "m=8192,t=65,p=1")},
		{"threads zero", with(3, "m=8192,t=1,p=0")},
		{"threads 256", with(3, "m=8192,t=1,p=256")},
		{"params reordered", with(3, "t=1,m=8192,p=1")},
		{"params missing", with(3, "m=8192,t=1")},
		{"params extra", with(3, "m=8192,t=1,p=1,k=1")},
		{"params spaces", with(3, "m=8192, t=1, p=1")},
		{"salt bad base64", with(4, "!!!!!!!!!!!!!!!!!!!!!!")},
		{"salt padded", with(4, f[4]+"==")},
		{"salt url alphabet", with(4, strings.NewReplacer("+", "-", "/", "_").Replace(f[4])+"-_")},
		{"salt too short", with(4, "AAAAAAA")},
		{"salt empty", with(4, "")},
		{"key bad base64", with(5, "*"+f[5][1:])},
		{"key with line break", with(5, f[5][:20]+"\n"+f[5][20:])},
		{"key stray bits", with(5, f[5][:len(f[5])-1]+"B")},
		{"key too short", with(5, "AAAAAAAAAAA")},
		{"key missing", strings.Join(f[:5], "$")},
		{"trailing dollar", valid + "$"},
		{"trailing space", valid + " "},
		{"no leading dollar", strings.TrimPrefix(valid, "$")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := h.Verify(context.Background(), tt.encoded, pw)
			if !errors.Is(err, password.ErrMalformedHash) {
				t.Errorf("Verify(%q) err = %v, want ErrMalformedHash", tt.encoded, err)
			}
			if ok || rehash {
				t.Errorf("Verify(%q) = ok %v, needsRehash %v; want false, false", tt.encoded, ok, rehash)
			}
		})
	}
}

func TestNewValidatesParams(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*password.Params)
		field string
	}{
		{"memory low", func(p *password.Params) { p.Memory = 8191 }, "params.Memory: want at least 8192 KiB"},
		{"memory high", func(p *password.Params) { p.Memory = 1<<20 + 1 }, "params.Memory: want at most"},
		{"time zero", func(p *password.Params) { p.Time = 0 }, "params.Time: want at least 1"},
		{"time high", func(p *password.Params) { p.Time = 65 }, "params.Time: want at most"},
		{"threads zero", func(p *password.Params) { p.Threads = 0 }, "params.Threads"},
		{"salt short", func(p *password.Params) { p.SaltLen = 15 }, "params.SaltLen: want at least 16 bytes"},
		{"salt long", func(p *password.Params) { p.SaltLen = 65 }, "params.SaltLen: want at most"},
		{"key short", func(p *password.Params) { p.KeyLen = 8 }, "params.KeyLen: want at least 16 bytes"},
		{"key long", func(p *password.Params) { p.KeyLen = 65 }, "params.KeyLen: want at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := password.DefaultParams
			tt.edit(&p)
			_, err := password.New(p, 1)
			if err == nil || !strings.Contains(err.Error(), "password: "+tt.field) {
				t.Errorf("New err = %v, want it to contain %q", err, tt.field)
			}
		})
	}
	t.Run("every problem listed", func(t *testing.T) {
		err := password.Params{}.Validate()
		for _, field := range []string{"Memory", "Time", "Threads", "SaltLen", "KeyLen"} {
			if err == nil || !strings.Contains(err.Error(), "params."+field) {
				t.Errorf("Validate err = %v, want it to name %s", err, field)
			}
		}
	})
	t.Run("defaults valid", func(t *testing.T) {
		if err := password.DefaultParams.Validate(); err != nil {
			t.Errorf("DefaultParams.Validate: %v", err)
		}
	})
	t.Run("maxConcurrent zero", func(t *testing.T) {
		_, err := password.New(cheap, 0)
		if err == nil || !strings.Contains(err.Error(), "maxConcurrent") {
			t.Errorf("New err = %v, want it to name maxConcurrent", err)
		}
	})
}
