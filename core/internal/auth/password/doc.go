// Package password hashes and verifies account passwords with argon2id
// (RFC 9106) and checks new passwords against Diwan's policy.
//
// Hashes are stored as standard PHC strings,
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
//
// with salt and key in unpadded standard base64. Every hash records its own
// parameters, so the parameters of a Hasher can be raised at any time:
// Verify checks old hashes with the parameters they were made with and
// reports that they need rehashing, and the caller stores a fresh hash made
// from the password the user has just proved.
//
// Each hash computation allocates Params.Memory KiB, so a Hasher runs at most
// maxConcurrent of them at once; the others wait, or give up when their
// context ends. A flood of login attempts therefore costs queueing time, not
// memory.
package password
