package password

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxBytes is the longest password CheckPolicy accepts, in bytes. It keeps
// the input to argon2id bounded.
const MaxBytes = 1024

// Errors returned by CheckPolicy, each wrapped with detail. None of them
// contains the password.
var (
	// ErrTooShort means the password has fewer characters than required.
	ErrTooShort = errors.New("password: too short")
	// ErrTooLong means the password is longer than MaxBytes bytes.
	ErrTooLong = errors.New("password: too long")
	// ErrInvalid means the password is not valid UTF-8 or contains a NUL.
	ErrInvalid = errors.New("password: invalid")
)

// CheckPolicy reports whether plain may be set as a new password: it must be
// valid UTF-8 without NUL bytes, at most MaxBytes bytes long, and at least
// minLen characters (runes, not bytes) long. A minLen below 1 counts as 1.
// The error wraps ErrTooLong, ErrInvalid or ErrTooShort.
func CheckPolicy(plain string, minLen int) error {
	minLen = max(minLen, 1)
	switch {
	case len(plain) > MaxBytes:
		return fmt.Errorf("%w: want at most %d bytes", ErrTooLong, MaxBytes)
	case !utf8.ValidString(plain):
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalid)
	case strings.IndexByte(plain, 0) >= 0:
		return fmt.Errorf("%w: contains a NUL character", ErrInvalid)
	case utf8.RuneCountInString(plain) < minLen:
		return fmt.Errorf("%w: want at least %d characters", ErrTooShort, minLen)
	}
	return nil
}
