package password

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes and verifies passwords with one set of parameters, running
// at most a fixed number of argon2id computations at once. It is safe for
// concurrent use.
type Hasher struct {
	params Params
	// sem holds one token per running computation.
	sem chan struct{}
	// dummy is a well-formed hash with params, a random salt and a random
	// key, for VerifyDummy: verifying against it costs a real verify and
	// never matches.
	dummy string
}

// New returns a Hasher that makes new hashes with p and runs at most
// maxConcurrent computations at once. Hashing then holds at most
// maxConcurrent × p.Memory KiB, or up to 1 GiB per slot while verifying
// stored hashes made with larger parameters. A good maxConcurrent is the
// number of CPUs.
//
// New computes nothing: the dummy hash for VerifyDummy is random bytes in
// the encoding, so an idle server holds no argon2 work area. It returns an
// error naming each parameter that is out of range.
func New(p Params, maxConcurrent int) (*Hasher, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if maxConcurrent < 1 {
		return nil, fmt.Errorf("password: maxConcurrent: want at least 1, got %d", maxConcurrent)
	}
	salt, key := make([]byte, p.SaltLen), make([]byte, p.KeyLen)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails on Linux
	_, _ = rand.Read(key)
	return &Hasher{params: p, sem: make(chan struct{}, maxConcurrent), dummy: encode(p, salt, key)}, nil
}

// Params returns the parameters h uses for new hashes.
func (h *Hasher) Params() Params { return h.params }

// Hash returns a PHC string for plain with a fresh random salt. It waits
// for a free computation slot; if ctx ends first, it returns an error that
// wraps ctx.Err(). Hash applies no policy: check new passwords with
// CheckPolicy first.
func (h *Hasher) Hash(ctx context.Context, plain string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	_, _ = rand.Read(salt) // Never fails; crashes the program instead.
	key, err := h.derive(ctx, plain, h.params, salt)
	if err != nil {
		return "", err
	}
	return encode(h.params, salt, key), nil
}

// Verify reports whether plain is the password that encoded was made from,
// comparing keys in constant time and using the parameters recorded in
// encoded. needsRehash is true when the password matched but encoded was
// made with parameters other than h's; the caller should then store a new
// Hash of plain.
//
// A malformed encoded string yields an error wrapping ErrMalformedHash, and
// an ended ctx one wrapping ctx.Err(); ok is false whenever err is not nil.
func (h *Hasher) Verify(ctx context.Context, encoded, plain string) (ok, needsRehash bool, err error) {
	d, err := decode(encoded)
	if err != nil {
		return false, false, err
	}
	key, err := h.derive(ctx, plain, d.params, d.salt)
	if err != nil {
		return false, false, err
	}
	ok = subtle.ConstantTimeCompare(key, d.key) == 1
	return ok, ok && d.params != h.params, nil
}

// VerifyDummy verifies plain against a hash of a random password made with
// h's parameters, and so spends the time a Verify of a real hash would. Call
// it when the account does not exist, so that an unknown user and a wrong
// password cannot be told apart by timing, and treat its error as Verify's:
// it is nil unless ctx ended while waiting for a slot, which can happen to a
// real Verify just the same.
func (h *Hasher) VerifyDummy(ctx context.Context, plain string) error {
	_, _, err := h.Verify(ctx, h.dummy, plain)
	return err
}

// derive computes the argon2id key of plain while holding a slot.
func (h *Hasher) derive(ctx context.Context, plain string, p Params, salt []byte) ([]byte, error) {
	if err := h.acquire(ctx); err != nil {
		return nil, err
	}
	defer h.release()
	return argon2.IDKey([]byte(plain), salt, p.Time, p.Memory, p.Threads, p.KeyLen), nil
}

// acquire takes a computation slot, or fails when ctx ends first. A ctx
// that has already ended fails even when a slot is free.
func (h *Hasher) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("password: wait for a hashing slot: %w", err)
	}
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("password: wait for a hashing slot: %w", ctx.Err())
	}
}

// release frees the slot taken by acquire.
func (h *Hasher) release() { <-h.sem }
