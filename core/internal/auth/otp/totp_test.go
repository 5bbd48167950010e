package otp_test

import (
	"bytes"
	"errors"
	"image/png"
	"net/url"
	"strings"
	"testing"
	"time"

	potp "github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/diwanpanel/diwan/core/internal/auth/otp"
)

// now is a fixed instant in the middle of a time step.
var now = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// nowStep is the time step of now.
var nowStep = now.Unix() / 30

// codeAt computes the reference code for secret at t with the library.
func codeAt(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	code, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{
		Period: 30, Digits: potp.DigitsSix, Algorithm: potp.AlgorithmSHA1,
	})
	if err != nil {
		t.Fatalf("GenerateCodeCustom: %v", err)
	}
	return code
}

// newKey generates a key for tests.
func newKey(t *testing.T) otp.Key {
	t.Helper()
	k, err := otp.Generate("Diwan (host.example)", "alice@example.com")
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return k
}

func TestGenerate(t *testing.T) {
	k := newKey(t)
	u, err := url.Parse(k.URL)
	if err != nil {
		t.Fatalf("URL %q: %v", k.URL, err)
	}
	q := u.Query()
	checks := []struct{ name, got, want string }{
		{"scheme", u.Scheme, "otpauth"},
		{"type", u.Host, "totp"},
		{"label", u.Path, "/Diwan (host.example):alice@example.com"},
		{"issuer", q.Get("issuer"), "Diwan (host.example)"},
		{"secret", q.Get("secret"), k.Secret},
		{"algorithm", q.Get("algorithm"), "SHA1"},
		{"digits", q.Get("digits"), "6"},
		{"period", q.Get("period"), "30"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("%s = %q, want %q (URL %s)", c.name, c.got, c.want, k.URL)
			}
		})
	}
	t.Run("secret is 160 bits", func(t *testing.T) {
		if len(k.Secret) != 32 {
			t.Errorf("len(Secret) = %d, want 32 base32 characters", len(k.Secret))
		}
	})
	t.Run("PNG", func(t *testing.T) {
		img, err := png.Decode(bytes.NewReader(k.PNG))
		if err != nil {
			t.Fatalf("png.Decode: %v", err)
		}
		if b := img.Bounds(); b.Dx() != otp.QRSize || b.Dy() != otp.QRSize {
			t.Errorf("PNG is %dx%d, want %dx%d", b.Dx(), b.Dy(), otp.QRSize, otp.QRSize)
		}
	})
	t.Run("fresh secrets", func(t *testing.T) {
		if newKey(t).Secret == k.Secret {
			t.Error("two keys share a secret")
		}
	})
	t.Run("empty issuer refused", func(t *testing.T) {
		if _, err := otp.Generate("", "alice"); err == nil {
			t.Error("Generate with no issuer succeeded")
		}
	})
	t.Run("empty account refused", func(t *testing.T) {
		if _, err := otp.Generate("Diwan", ""); err == nil {
			t.Error("Generate with no account succeeded")
		}
	})
}

func TestValidate(t *testing.T) {
	secret := newKey(t).Secret
	code := codeAt(t, secret, now)
	tests := []struct {
		name     string
		code     string
		lastStep int64
		wantStep int64
		wantErr  error
	}{
		{"current step", code, 0, nowStep, nil},
		{"spaces trimmed", " " + code[:3] + " " + code[3:] + "\t", 0, nowStep, nil},
		{"one step behind", codeAt(t, secret, now.Add(-30*time.Second)), 0, nowStep - 1, nil},
		{"one step ahead", codeAt(t, secret, now.Add(30*time.Second)), 0, nowStep + 1, nil},
		{"two steps behind", codeAt(t, secret, now.Add(-60*time.Second)), 0, 0, otp.ErrInvalidCode},
		{"two steps ahead", codeAt(t, secret, now.Add(60*time.Second)), 0, 0, otp.ErrInvalidCode},
		{"replayed", code, nowStep, 0, otp.ErrReplayed},
		{"older than last accepted", codeAt(t, secret, now.Add(-30*time.Second)), nowStep, 0, otp.ErrReplayed},
		{"newer than last accepted", codeAt(t, secret, now.Add(30*time.Second)), nowStep, nowStep + 1, nil},
		{"wrong code", wrongCode(code), 0, 0, otp.ErrInvalidCode},
		{"empty", "", 0, 0, otp.ErrInvalidCode},
		{"five digits", code[:5], 0, 0, otp.ErrInvalidCode},
		{"seven digits", code + "0", 0, 0, otp.ErrInvalidCode},
		{"letters", "12a456", 0, 0, otp.ErrInvalidCode},
		{"sign", "+" + code[1:], 0, 0, otp.ErrInvalidCode},
		{"full-width digits", "１２３４５６", 0, 0, otp.ErrInvalidCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, err := otp.Validate(secret, tt.code, now, tt.lastStep)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Validate err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && step != tt.wantStep {
				t.Errorf("Validate step = %d, want %d", step, tt.wantStep)
			}
		})
	}
}

// wrongCode returns a six-digit code that differs from code.
func wrongCode(code string) string {
	b := []byte(code)
	b[0] = '0' + (b[0]-'0'+1)%10
	return string(b)
}

func TestValidateSecret(t *testing.T) {
	tests := []struct{ name, secret string }{
		{"empty", ""},
		{"not base32", "not*base32!"},
		{"too short", "JBSWY3DPEHPK3PXP"}, // 10 bytes
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := otp.Validate(tt.secret, "123456", now, 0)
			if err == nil || errors.Is(err, otp.ErrInvalidCode) || !strings.HasPrefix(err.Error(), "otp: secret:") {
				t.Errorf("Validate err = %v, want an otp: secret: error", err)
			}
		})
	}
	t.Run("lowercase secret accepted", func(t *testing.T) {
		secret := newKey(t).Secret
		if _, err := otp.Validate(strings.ToLower(secret), codeAt(t, secret, now), now, 0); err != nil {
			t.Errorf("Validate: %v", err)
		}
	})
}
