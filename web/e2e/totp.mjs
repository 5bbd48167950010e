// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) from a base32 secret, as
// an authenticator app computes it, for the end-to-end sign-in with 2FA.
import { createHmac } from 'node:crypto'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** base32Decode decodes RFC 4648 base32 (padding and case ignored). */
export function base32Decode(s) {
  const clean = s.toUpperCase().replace(/=+$/, '').replace(/\s+/g, '')
  let bits = 0
  let value = 0
  const out = []
  for (const c of clean) {
    const i = alphabet.indexOf(c)
    if (i < 0) throw new Error(`base32: bad character ${JSON.stringify(c)}`)
    value = (value << 5) | i
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/** totp returns the 6-digit code of secret for the 30 s step holding unixSeconds. */
export function totp(secret, unixSeconds = Date.now() / 1000) {
  const step = BigInt(Math.floor(unixSeconds / 30))
  const msg = Buffer.alloc(8)
  msg.writeBigUInt64BE(step)
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest()
  const off = mac[mac.length - 1] & 0x0f
  const n = (mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000
  return String(n).padStart(6, '0')
}
