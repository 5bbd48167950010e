// Package otp implements Diwan's second factor: time-based one-time
// passwords (TOTP, RFC 6238) for authenticator apps, and single-use
// recovery codes for when the app is lost.
//
// TOTP codes are six digits, HMAC-SHA1, with a 30-second period: the
// settings every authenticator app supports. Validate accepts one period of
// clock skew either side and returns the time step a code belongs to; the
// caller stores it and passes it back as lastStep, so that each code works
// once.
package otp
