package otp

import (
	"bytes"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// The TOTP settings: what every authenticator app supports.
const (
	// Period is the length of a time step.
	Period = 30 * time.Second
	// Digits is the length of a code.
	Digits = 6
	// Skew is how many steps before and after the current one are accepted.
	Skew = 1
	// QRSize is the width and height of Key.PNG in pixels.
	QRSize = 200
	// secretSize is the secret length in bytes, RFC 4226's recommendation.
	secretSize = 20
	// minSecretSize is the shortest secret Validate accepts (RFC 4226).
	minSecretSize = 16
)

var (
	// ErrInvalidCode means the code is not six digits or does not match the
	// secret within the accepted skew.
	ErrInvalidCode = errors.New("otp: invalid code")
	// ErrReplayed means the code matches, but for a time step at or before
	// the last one accepted: it has been used already.
	ErrReplayed = errors.New("otp: code already used")
)

// Key is a new TOTP secret with its enrolment data.
type Key struct {
	// Secret is the shared secret in unpadded base32, to store (encrypted)
	// and to show for manual entry.
	Secret string
	// URL is the otpauth:// URL that the QR code encodes.
	URL string
	// PNG is the QR code of URL, QRSize × QRSize pixels.
	PNG []byte
}

// Generate returns a new random TOTP key for account at issuer (the name
// the authenticator app shows, such as "Diwan (host.example)"). Neither may
// be empty.
func Generate(issuer, account string) (Key, error) {
	k, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      uint(Period / time.Second),
		SecretSize:  secretSize,
		Digits:      otp.DigitsSix,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return Key{}, fmt.Errorf("otp: generate key: %w", err)
	}
	img, err := k.Image(QRSize, QRSize)
	if err != nil {
		return Key{}, fmt.Errorf("otp: QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Key{}, fmt.Errorf("otp: QR code: %w", err)
	}
	return Key{Secret: k.Secret(), URL: k.URL(), PNG: buf.Bytes()}, nil
}

// Validate checks code against secret at time now and returns the time step
// it belongs to. White space in code is ignored. It accepts the steps from
// Skew before to Skew after now's, compares in constant time, and refuses a
// code whose step is not after lastStep with ErrReplayed; pass 0 when no
// code has been accepted yet, and store the returned step. Validate does
// not read the clock.
//
// A code that is not six digits or does not match yields ErrInvalidCode. A
// secret that is not base32 of at least 16 bytes is an error wrapping
// neither, since it is the server's fault, not the user's.
func Validate(secret, code string, now time.Time, lastStep int64) (step int64, err error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return 0, err
	}
	code = strings.Join(strings.Fields(code), "")
	if !isDigits(code, Digits) {
		return 0, ErrInvalidCode
	}
	matched := int64(-1)
	replayed := false
	current := now.Unix() / int64(Period/time.Second)
	for s := current - Skew; s <= current+Skew; s++ {
		if s < 0 || !matches(key, code, s) {
			continue
		}
		if s <= lastStep {
			replayed = true
		} else {
			matched = s // The latest matching step wins.
		}
	}
	switch {
	case matched >= 0:
		return matched, nil
	case replayed:
		return 0, ErrReplayed
	}
	return 0, ErrInvalidCode
}

// decodeSecret checks that secret is base32 of at least minSecretSize bytes
// and returns it in the canonical form hotp expects.
func decodeSecret(secret string) (string, error) {
	s := strings.ToUpper(strings.TrimSpace(secret))
	s = strings.TrimRight(s, "=")
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	if err != nil {
		return "", errors.New("otp: secret: not base32")
	}
	if len(b) < minSecretSize {
		return "", fmt.Errorf("otp: secret: want at least %d bytes", minSecretSize)
	}
	return s, nil
}

// matches reports, in constant time, whether code is the code for step.
func matches(secret, code string, step int64) bool {
	want, err := hotp.GenerateCodeCustom(secret, uint64(step), hotp.ValidateOpts{ // #nosec G115 -- step ≥ 0.
		Digits:    otp.DigitsSix,
		Algorithm: otp.AlgorithmSHA1,
	})
	if err != nil {
		return false // Unreachable: decodeSecret accepted the secret.
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1
}

// isDigits reports whether s is exactly n ASCII digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
