package password_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/diwanpanel/diwan/core/internal/auth/password"
)

func TestCheckPolicy(t *testing.T) {
	const minLen = 12
	tests := []struct {
		name  string
		plain string
		want  error
	}{
		{"exactly min", strings.Repeat("a", minLen), nil},
		{"min minus one", strings.Repeat("a", minLen-1), password.ErrTooShort},
		{"empty", "", password.ErrTooShort},
		{"multi-byte runes count as characters", strings.Repeat("é", minLen), nil},
		{"multi-byte below min", strings.Repeat("日", minLen-1), password.ErrTooShort},
		{"emoji count as characters", strings.Repeat("🔑", minLen), nil},
		{"exactly max bytes", strings.Repeat("a", password.MaxBytes), nil},
		{"max bytes plus one", strings.Repeat("a", password.MaxBytes+1), password.ErrTooLong},
		{"long in bytes, short in runes", strings.Repeat("🔑", 257), password.ErrTooLong},
		{"NUL", "abcdefgh\x00ijklmn", password.ErrInvalid},
		{"invalid UTF-8", "abcdefghijk\xff", password.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := password.CheckPolicy(tt.plain, minLen)
			if !errors.Is(err, tt.want) {
				t.Fatalf("CheckPolicy err = %v, want %v", err, tt.want)
			}
			if err != nil && tt.plain != "" && strings.Contains(err.Error(), tt.plain) {
				t.Errorf("CheckPolicy err = %q echoes the password", err)
			}
		})
	}
	t.Run("min below one", func(t *testing.T) {
		if err := password.CheckPolicy("", 0); !errors.Is(err, password.ErrTooShort) {
			t.Errorf("CheckPolicy(\"\", 0) err = %v, want ErrTooShort", err)
		}
	})
}
