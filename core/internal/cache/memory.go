package cache

import (
	"context"
	"sync"
	"time"
)

// sweepInterval is how often the janitor of a Memory removes expired entries.
const sweepInterval = time.Minute

// Memory is a Cache held in process memory, for a single node. Expired
// entries (values, counters and sets) are invisible at once and removed on
// read or by a janitor that sweeps every minute until Close.
//
// Values and messages are copied in and out, so callers may reuse their
// slices. Publish never blocks: each subscription buffers 64 messages, and a
// message for a subscription whose buffer is full is dropped for it.
type Memory struct {
	mu       sync.Mutex
	values   map[string]entry
	counters map[string]entry
	sets     map[string]entry
	subs     map[string]map[*memorySub]struct{}
	closed   bool
	stop     chan struct{} // closed by Close to stop the janitor
	done     chan struct{} // closed by the janitor when it returns
}

// entry is a value, a counter or a set with its expiry; a zero expires means
// never. A stored set has at least one member.
type entry struct {
	value   []byte
	count   int64
	members map[string]struct{}
	expires time.Time
}

func (e entry) expired(now time.Time) bool {
	return !e.expires.IsZero() && !now.Before(e.expires)
}

// NewMemory returns an empty Memory whose janitor is running.
func NewMemory() *Memory { return newMemory(sweepInterval) }

func newMemory(interval time.Duration) *Memory {
	m := &Memory{
		values:   make(map[string]entry),
		counters: make(map[string]entry),
		sets:     make(map[string]entry),
		subs:     make(map[string]map[*memorySub]struct{}),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	go m.janitor(interval)
	return m
}

// Get returns a copy of the value at key, or ErrNotFound.
func (m *Memory) Get(_ context.Context, key string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, ErrClosed
	}
	e, ok := live(m.values, key, time.Now())
	if !ok {
		return nil, ErrNotFound
	}
	return clone(e.value), nil
}

// Set stores a copy of value at key for ttl (0 means no expiry).
func (m *Memory) Set(_ context.Context, key string, value []byte, ttl time.Duration) error {
	if err := checkTTL(ttl); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	m.values[key] = newEntry(value, ttl, time.Now())
	return nil
}

// SetNX stores a copy of value at key for ttl when key is absent, and
// reports whether it did.
func (m *Memory) SetNX(_ context.Context, key string, value []byte, ttl time.Duration) (bool, error) {
	if err := checkTTL(ttl); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return false, ErrClosed
	}
	now := time.Now()
	if _, ok := live(m.values, key, now); ok {
		return false, nil
	}
	m.values[key] = newEntry(value, ttl, now)
	return true, nil
}

// Delete removes key; a missing key is not an error.
func (m *Memory) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	delete(m.values, key)
	return nil
}

// Incr adds 1 to the counter at key, starting a new window when there is
// none, and returns the count and the time left in the window.
func (m *Memory) Incr(_ context.Context, key string, window time.Duration) (int64, time.Duration, error) {
	if err := checkWindow(window); err != nil {
		return 0, 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, 0, ErrClosed
	}
	now := time.Now()
	c, ok := m.counters[key]
	if !ok || c.expired(now) {
		c = entry{expires: now.Add(window)}
	}
	c.count++
	m.counters[key] = c
	return c.count, c.expires.Sub(now), nil
}

// Reset forgets the counter at key.
func (m *Memory) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	delete(m.counters, key)
	return nil
}

// Ping reports ErrClosed after Close and nil before.
func (m *Memory) Ping(context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	return nil
}

// Close stops the janitor, closes every subscription and drops all entries.
// Later calls do nothing.
func (m *Memory) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	for _, set := range m.subs {
		for s := range set {
			m.unsubscribe(s)
		}
	}
	m.values, m.counters, m.sets = nil, nil, nil
	m.mu.Unlock()
	close(m.stop)
	<-m.done
	return nil
}

// Name returns "memory".
func (m *Memory) Name() string { return "memory" }

// live returns the entry at key in entries, deleting it when it has expired.
// The caller holds m.mu of the Memory that owns entries.
func live(entries map[string]entry, key string, now time.Time) (entry, bool) {
	e, ok := entries[key]
	if ok && e.expired(now) {
		delete(entries, key)
		return entry{}, false
	}
	return e, ok
}

// janitor sweeps expired entries every interval until Close.
func (m *Memory) janitor(interval time.Duration) {
	defer close(m.done)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-m.stop:
			return
		case <-ticker.C:
			m.sweep(time.Now())
		}
	}
}

// sweep deletes the values, counters and sets that have expired by now.
func (m *Memory) sweep(now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, entries := range []map[string]entry{m.values, m.counters, m.sets} {
		for k, e := range entries {
			if e.expired(now) {
				delete(entries, k)
			}
		}
	}
}

func newEntry(value []byte, ttl time.Duration, now time.Time) entry {
	e := entry{value: clone(value)}
	if ttl > 0 {
		e.expires = now.Add(ttl)
	}
	return e
}

// clone copies b into a new slice that is never nil.
func clone(b []byte) []byte { return append([]byte{}, b...) }

var _ Cache = (*Memory)(nil)
