// The TOTP helper against RFC 6238's own test vectors (SHA-1 key
// "12345678901234567890"), so that a sign-in failure in the dashboard
// test is never the helper's.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { totp, base32Decode } from './totp.mjs'

const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' // base32 of "12345678901234567890"

test('base32 decodes the RFC key', () => {
  assert.equal(base32Decode(secret).toString(), '12345678901234567890')
  assert.throws(() => base32Decode('A1'), /bad character/)
})

test('codes match RFC 6238 appendix B (last six digits)', () => {
  for (const [t, code] of [[59, '287082'], [1111111109, '081804'], [1111111111, '050471'], [1234567890, '005924'], [2000000000, '279037']]) {
    assert.equal(totp(secret, t), code, `T=${t}`)
  }
})
