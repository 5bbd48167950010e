package password

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// ErrMalformedHash is wrapped by the error Verify returns when the stored
// hash is not a PHC argon2id string that Diwan accepts.
var ErrMalformedHash = errors.New("password: malformed hash")

// b64 is the PHC encoding of salts and keys: standard alphabet, no padding,
// and no stray bits in the last character.
var b64 = base64.RawStdEncoding.Strict()

// decoded is a parsed PHC string.
type decoded struct {
	params Params
	salt   []byte
	key    []byte
}

// encode formats a hash as a PHC string.
func encode(p Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decode parses a PHC argon2id string. It accepts only the canonical form
// that encode produces, with parameters inside the stored-hash bounds.
func decode(s string) (decoded, error) {
	d, err := parse(s)
	if err != nil {
		return decoded{}, fmt.Errorf("%w: %w", ErrMalformedHash, err)
	}
	if encode(d.params, d.salt, d.key) != s {
		// Leading zeros, or line breaks the base64 decoder skipped.
		return decoded{}, fmt.Errorf("%w: not in canonical form", ErrMalformedHash)
	}
	return d, nil
}

// parse splits and decodes the fields of a PHC string.
func parse(s string) (decoded, error) {
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" {
		return decoded{}, errors.New("want $argon2id$v=…$m=…,t=…,p=…$salt$key")
	}
	if f[1] != "argon2id" {
		return decoded{}, errors.New("algorithm: want argon2id")
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return decoded{}, fmt.Errorf("version: want v=%d", argon2.Version)
	}
	var d decoded
	var err error
	if d.params, err = parseParams(f[3]); err != nil {
		return decoded{}, err
	}
	if d.salt, err = decodeBytes("salt", f[4], minStoredSaltLen, maxSaltLen); err != nil {
		return decoded{}, err
	}
	if d.key, err = decodeBytes("key", f[5], minStoredKeyLen, maxKeyLen); err != nil {
		return decoded{}, err
	}
	d.params.SaltLen = uint32(len(d.salt)) // #nosec G115 -- at most maxSaltLen.
	d.params.KeyLen = uint32(len(d.key))   // #nosec G115 -- at most maxKeyLen.
	return d, nil
}

// parseParams parses "m=…,t=…,p=…" into the cost fields of Params.
func parseParams(s string) (Params, error) {
	f := strings.Split(s, ",")
	if len(f) != 3 {
		return Params{}, errors.New("params: want m=…,t=…,p=…")
	}
	p, err := parseField(f[2], "p", 1, 255)
	if err != nil {
		return Params{}, err
	}
	// RFC 9106: memory must be at least 8 KiB per lane.
	m, err := parseField(f[0], "m", 8*p, maxMemory)
	if err != nil {
		return Params{}, err
	}
	t, err := parseField(f[1], "t", 1, maxTime)
	if err != nil {
		return Params{}, err
	}
	return Params{Memory: m, Time: t, Threads: uint8(p)}, nil // #nosec G115 -- p ≤ 255.
}

// parseField parses "name=N" with lo ≤ N ≤ hi.
func parseField(s, name string, lo, hi uint32) (uint32, error) {
	digits, ok := strings.CutPrefix(s, name+"=")
	if !ok {
		return 0, fmt.Errorf("params: want %s=…", name)
	}
	n, err := strconv.ParseUint(digits, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("params: %s: not a decimal number", name)
	}
	if n < uint64(lo) || n > uint64(hi) {
		return 0, fmt.Errorf("params: %s: want %d to %d", name, lo, hi)
	}
	return uint32(n), nil
}

// decodeBytes decodes a base64 field whose length must be in [lo, hi] bytes.
func decodeBytes(name, s string, lo, hi int) ([]byte, error) {
	b, err := b64.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%s: not unpadded standard base64", name)
	}
	if len(b) < lo || len(b) > hi {
		return nil, fmt.Errorf("%s: want %d to %d bytes", name, lo, hi)
	}
	return b, nil
}
