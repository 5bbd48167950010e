package otp_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth/otp"
)

func TestNewRecoveryCodes(t *testing.T) {
	const n = 200
	codes, err := otp.NewRecoveryCodes(n)
	if err != nil {
		t.Fatalf("NewRecoveryCodes: %v", err)
	}
	format := regexp.MustCompile(`^[` + otp.RecoveryAlphabet + `]{5}-[` + otp.RecoveryAlphabet + `]{5}$`)
	t.Run("count", func(t *testing.T) {
		if len(codes) != n {
			t.Errorf("got %d codes, want %d", len(codes), n)
		}
	})
	t.Run("distinct", func(t *testing.T) {
		seen := map[string]bool{}
		for _, c := range codes {
			if seen[c] {
				t.Errorf("code %q repeated", c)
			}
			seen[c] = true
		}
	})
	t.Run("format", func(t *testing.T) {
		for _, c := range codes {
			if !format.MatchString(c) {
				t.Errorf("code %q does not match %s", c, format)
			}
		}
	})
	t.Run("alphabet unambiguous", func(t *testing.T) {
		if strings.ContainsAny(otp.RecoveryAlphabet, "0Oo1lIi") {
			t.Errorf("RecoveryAlphabet %q has an ambiguous character", otp.RecoveryAlphabet)
		}
	})
	t.Run("alphabet used", func(t *testing.T) {
		// 2,000 draws from 31 characters miss one with probability ≈ 31·e^-64.
		all := strings.Join(codes, "")
		for _, r := range otp.RecoveryAlphabet {
			if !strings.ContainsRune(all, r) {
				t.Errorf("character %q never drawn", r)
			}
		}
	})
	t.Run("zero refused", func(t *testing.T) {
		if _, err := otp.NewRecoveryCodes(0); err == nil {
			t.Error("NewRecoveryCodes(0) succeeded")
		}
	})
}

func TestHashRecoveryCode(t *testing.T) {
	codes, err := otp.NewRecoveryCodes(2)
	if err != nil {
		t.Fatal(err)
	}
	code := codes[0]
	want := otp.HashRecoveryCode(code)
	variants := []struct{ name, code string }{
		{"upper case", strings.ToUpper(code)},
		{"no dash", strings.ReplaceAll(code, "-", "")},
		{"spaces", " " + strings.ReplaceAll(code, "-", " ") + " "},
		{"extra dashes", strings.Join(strings.Split(code, ""), "-")},
		{"tab and newline", code[:3] + "\t" + code[3:] + "\n"},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			if got := otp.HashRecoveryCode(v.code); got != want {
				t.Errorf("HashRecoveryCode(%q) = %s, want %s", v.code, got, want)
			}
		})
	}
	t.Run("hex SHA-256", func(t *testing.T) {
		if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(want) {
			t.Errorf("HashRecoveryCode = %q, want 64 hex digits", want)
		}
	})
	t.Run("known value", func(t *testing.T) {
		// printf abcdefghjk | sha256sum
		const want = "22f3f00d7f9cfe6eeefa9b71bdcb093a9080fcf4981d2dbf932648fa15a2d793"
		if got := otp.HashRecoveryCode("ABCDE-FGHJK"); got != want {
			t.Errorf("HashRecoveryCode = %s, want %s", got, want)
		}
	})
	t.Run("differs between codes", func(t *testing.T) {
		if otp.HashRecoveryCode(codes[1]) == want {
			t.Error("two codes hash alike")
		}
	})
	t.Run("normalize", func(t *testing.T) {
		if got := otp.NormalizeRecoveryCode(" ABCDE-fghjk "); got != "abcdefghjk" {
			t.Errorf("NormalizeRecoveryCode = %q, want %q", got, "abcdefghjk")
		}
	})
}
