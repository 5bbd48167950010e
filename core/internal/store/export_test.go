package store

import "time"

// SetLockWait shortens the wait for the migration lock in tests.
func SetLockWait(m *Migrator, d time.Duration) { m.lockWait = d }
