package otp

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
)

// RecoveryAlphabet holds the characters of recovery codes: lowercase letters
// and digits without the easily confused 0, o, 1, l and i.
const RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// recoveryLen is the number of characters in a recovery code, not counting
// the dash: 10 × log2(31) ≈ 49.5 bits.
const recoveryLen = 10

// NewRecoveryCodes returns n distinct random recovery codes formatted
// "xxxxx-xxxxx". Show them to the user once and store only
// HashRecoveryCode of each.
func NewRecoveryCodes(n int) (plain []string, err error) {
	if n < 1 {
		return nil, fmt.Errorf("otp: recovery codes: want at least 1, got %d", n)
	}
	seen := make(map[string]bool, n)
	for len(plain) < n {
		c := newRecoveryCode()
		if !seen[c] {
			seen[c] = true
			plain = append(plain, c)
		}
	}
	return plain, nil
}

// newRecoveryCode returns one code, drawing characters uniformly from
// RecoveryAlphabet by rejection sampling crypto/rand bytes.
func newRecoveryCode() string {
	const limit = 256 - 256%len(RecoveryAlphabet) // Unbiased bytes are below it.
	var b strings.Builder
	buf := make([]byte, 1)
	for n := 0; n < recoveryLen; {
		_, _ = rand.Read(buf) // Never fails; crashes the program instead.
		if int(buf[0]) >= limit {
			continue
		}
		if n == recoveryLen/2 {
			b.WriteByte('-')
		}
		b.WriteByte(RecoveryAlphabet[int(buf[0])%len(RecoveryAlphabet)])
		n++
	}
	return b.String()
}

// NormalizeRecoveryCode returns code in lowercase without white space or
// dashes, the form that HashRecoveryCode hashes.
func NormalizeRecoveryCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, code)
}

// HashRecoveryCode returns the SHA-256 of NormalizeRecoveryCode(code) in
// hex, the form to store and look codes up by.
//
// A fast hash is right here, unlike for passwords: a recovery code is ~50
// random bits rather than something a person chose, so a stolen table of
// hashes cannot be attacked with a dictionary; each code costs about 2^49
// guesses on average, and what it buys is one use of a second factor for an
// account whose password the attacker still needs. A salted hash would also
// make it impossible to look a code up by its hash.
func HashRecoveryCode(code string) string {
	sum := sha256.Sum256([]byte(NormalizeRecoveryCode(code)))
	return hex.EncodeToString(sum[:])
}
