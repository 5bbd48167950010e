package password

import (
	"errors"
	"fmt"
)

// Params are the argon2id cost parameters and the salt and key sizes.
type Params struct {
	// Memory is the memory cost in KiB.
	Memory uint32
	// Time is the number of passes over the memory.
	Time uint32
	// Threads is the degree of parallelism.
	Threads uint8
	// SaltLen is the length of the random salt in bytes.
	SaltLen uint32
	// KeyLen is the length of the derived key in bytes.
	KeyLen uint32
}

// DefaultParams are OWASP's minimum recommendation for argon2id: 19 MiB of
// memory, two passes, one thread, a 16-byte salt and a 32-byte key.
var DefaultParams = Params{Memory: 19456, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters. The minimums apply to new hashes (New); the
// maximums also apply to stored hashes (Verify), so that a corrupted or
// hostile row cannot make a single verification allocate more than
// maxMemory KiB or run for minutes.
const (
	minMemory  = 8192    // 8 MiB
	maxMemory  = 1 << 20 // 1 GiB
	maxTime    = 64
	minSaltLen = 16
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

// Bounds that a stored hash must meet. They are looser than the ones for
// new hashes, so that hashes made with weaker parameters in the past still
// verify (and are reported for rehashing), but a key shorter than
// minStoredKeyLen would let wrong passwords match too often to count as a
// hash at all.
const (
	minStoredSaltLen = 8 // RFC 9106, section 3.1
	minStoredKeyLen  = 16
)

// Validate reports every parameter that is outside the range Diwan accepts
// for new hashes, each naming its field, joined into one error.
func (p Params) Validate() error {
	return errors.Join(
		inRange("Memory", p.Memory, minMemory, maxMemory, " KiB"),
		inRange("Time", p.Time, 1, maxTime, ""),
		inRange("Threads", uint32(p.Threads), 1, 255, ""),
		inRange("SaltLen", p.SaltLen, minSaltLen, maxSaltLen, " bytes"),
		inRange("KeyLen", p.KeyLen, minKeyLen, maxKeyLen, " bytes"),
	)
}

// inRange returns an error naming field when v is outside [lo, hi].
func inRange(field string, v, lo, hi uint32, unit string) error {
	switch {
	case v < lo:
		return fmt.Errorf("password: params.%s: want at least %d%s", field, lo, unit)
	case v > hi:
		return fmt.Errorf("password: params.%s: want at most %d%s", field, hi, unit)
	}
	return nil
}
