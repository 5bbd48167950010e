package cache

import "context"

// memorySub is a subscription to one channel of a Memory. Its fields other
// than m, channel and ch are guarded by m.mu.
type memorySub struct {
	m       *Memory
	channel string
	ch      chan []byte
	closed  bool
}

// Publish sends a copy of msg to every current subscriber of channel. A
// subscriber whose buffer is full misses the message; Publish never waits.
func (m *Memory) Publish(_ context.Context, channel string, msg []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return ErrClosed
	}
	for s := range m.subs[channel] {
		select {
		case s.ch <- clone(msg):
		default: // The subscriber is too slow: drop the message for it.
		}
	}
	return nil
}

// Subscribe starts a subscription to channel that is active when it returns.
func (m *Memory) Subscribe(_ context.Context, channel string) (Subscription, error) {
	s := &memorySub{m: m, channel: channel, ch: make(chan []byte, subscriptionBuffer)}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, ErrClosed
	}
	if m.subs[channel] == nil {
		m.subs[channel] = make(map[*memorySub]struct{})
	}
	m.subs[channel][s] = struct{}{}
	return s, nil
}

// unsubscribe removes s from m and closes its channel, once. The caller
// holds m.mu.
func (m *Memory) unsubscribe(s *memorySub) {
	if s.closed {
		return
	}
	s.closed = true
	close(s.ch)
	delete(m.subs[s.channel], s)
	if len(m.subs[s.channel]) == 0 {
		delete(m.subs, s.channel)
	}
}

// Messages returns the channel of received messages, closed after Close.
func (s *memorySub) Messages() <-chan []byte { return s.ch }

// Close ends the subscription and closes its channel. It is idempotent.
func (s *memorySub) Close() error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	s.m.unsubscribe(s)
	return nil
}

var _ Subscription = (*memorySub)(nil)
