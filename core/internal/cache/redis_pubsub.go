package cache

import (
	"context"
	"sync"

	"github.com/redis/go-redis/v9"
)

// redisSub is a subscription to one channel of a Redis. A goroutine forwards
// messages from ps to out until ps is closed.
type redisSub struct {
	r    *Redis
	ps   *redis.PubSub
	out  chan []byte
	done chan struct{} // closed when the forwarder has closed out
	once sync.Once
	err  error // the result of the first close
}

// Publish sends msg to every current subscriber of channel, on every node.
func (r *Redis) Publish(ctx context.Context, channel string, msg []byte) error {
	if err := r.client.Publish(ctx, r.key(channel), msg).Err(); err != nil {
		return wrap("publish", err)
	}
	return nil
}

// Subscribe starts a subscription to channel and returns once the server
// has confirmed it.
func (r *Redis) Subscribe(ctx context.Context, channel string) (Subscription, error) {
	ps := r.client.Subscribe(ctx, r.key(channel))
	if _, err := ps.Receive(ctx); err != nil {
		_ = ps.Close()
		return nil, wrap("subscribe", err)
	}
	s := &redisSub{r: r, ps: ps, out: make(chan []byte, subscriptionBuffer), done: make(chan struct{})}
	go s.forward(ps.Channel(redis.WithChannelSize(subscriptionBuffer)))
	if !r.track(s) {
		_ = s.close()
		return nil, ErrClosed
	}
	return s, nil
}

// track records s so that Close can close it, and reports false when r is
// already closed.
func (r *Redis) track(s *redisSub) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false
	}
	r.subs[s] = struct{}{}
	return true
}

// forward copies messages to out, dropping those that do not fit, and closes
// out when in is closed.
func (s *redisSub) forward(in <-chan *redis.Message) {
	defer close(s.done)
	defer close(s.out)
	for m := range in {
		select {
		case s.out <- []byte(m.Payload):
		default: // The subscriber is too slow: drop the message for it.
		}
	}
}

// Messages returns the channel of received messages, closed after Close.
func (s *redisSub) Messages() <-chan []byte { return s.out }

// Close unsubscribes and closes the channel of messages. It is idempotent.
func (s *redisSub) Close() error {
	s.r.mu.Lock()
	delete(s.r.subs, s)
	s.r.mu.Unlock()
	return s.close()
}

// close closes the connection and waits for the forwarder, once.
func (s *redisSub) close() error {
	s.once.Do(func() {
		if err := s.ps.Close(); err != nil {
			s.err = wrap("unsubscribe", err)
		}
		<-s.done
	})
	return s.err
}

var _ Subscription = (*redisSub)(nil)
