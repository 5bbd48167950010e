package cache

import (
	"context"
	"time"
)

// SetAdd adds members to the set at key, starting a new set when there is
// none or it has expired, and sets the set's expiry to ttl (0 means none).
func (m *Memory) SetAdd(_ context.Context, key string, ttl time.Duration, members ...string) error {
	if err := checkTTL(ttl); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	if len(members) == 0 {
		return nil
	}
	now := time.Now()
	s, ok := live(m.sets, key, now)
	if !ok {
		s = entry{members: make(map[string]struct{}, len(members))}
	}
	for _, member := range members {
		s.members[member] = struct{}{}
	}
	s.expires = time.Time{}
	if ttl > 0 {
		s.expires = now.Add(ttl)
	}
	m.sets[key] = s
	return nil
}

// SetRemove removes members from the set at key, and deletes the set when it
// is left empty.
func (m *Memory) SetRemove(_ context.Context, key string, members ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	s, ok := live(m.sets, key, time.Now())
	if !ok {
		return nil
	}
	for _, member := range members {
		delete(s.members, member)
	}
	if len(s.members) == 0 {
		delete(m.sets, key)
	}
	return nil
}

// SetMembers returns the members of the set at key in a new slice, which is
// empty when the set is missing or has expired.
func (m *Memory) SetMembers(_ context.Context, key string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, ErrClosed
	}
	s, _ := live(m.sets, key, time.Now())
	out := make([]string, 0, len(s.members))
	for member := range s.members {
		out = append(out, member)
	}
	return out, nil
}

var _ Sets = (*Memory)(nil)
