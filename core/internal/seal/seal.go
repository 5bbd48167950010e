// Package seal encrypts small secrets at rest, such as TOTP secrets (and
// plugins' secrets later), so that a copy of the database alone reveals none
// of them. A Box is AES-256-GCM under a key derived with HKDF-SHA256 from
// the core's secret key for one purpose; each sealed value is bound to the
// record it belongs to, so it cannot be moved to another row.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// MinKeyLen is the shortest secret key a Box accepts.
const MinKeyLen = 32

const version = "v1:"

// ErrOpen means a value could not be decrypted: another key, another
// record, or damaged data.
var ErrOpen = errors.New("seal: cannot decrypt: wrong key, wrong record or damaged data")

// Box seals and opens values for one purpose.
type Box struct {
	aead cipher.AEAD
}

// New derives the purpose's key from secret (at least MinKeyLen bytes).
func New(secret []byte, purpose string) (*Box, error) {
	if len(secret) < MinKeyLen {
		return nil, fmt.Errorf("seal: the secret key has %d bytes, want at least %d", len(secret), MinKeyLen)
	}
	key, err := hkdf.Key(sha256.New, secret, nil, "diwan/seal/"+purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("seal: derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal encrypts plain for the record named by record (e.g. "user:5").
func (b *Box) Seal(plain []byte, record string) string {
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails on Linux
	out := b.aead.Seal(nonce, nonce, plain, []byte(record))
	return version + base64.RawStdEncoding.EncodeToString(out)
}

// Open decrypts what Seal made for the same record, or returns ErrOpen.
func (b *Box) Open(sealed, record string) ([]byte, error) {
	body, ok := strings.CutPrefix(sealed, version)
	if !ok {
		return nil, ErrOpen
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return nil, ErrOpen
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(record))
	if err != nil {
		return nil, ErrOpen
	}
	return plain, nil
}
