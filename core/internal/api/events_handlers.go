package api

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/diwanpanel/diwan/core/internal/tasks"
)

// EventsChannel is the pub/sub channel whose messages the event stream
// relays to dashboards (tasks publish there).
const EventsChannel = tasks.EventsChannel

const eventsHeartbeat = 15 * time.Second

// eventsRecheck is how often a stream checks that its session or token is
// still valid; a revoked one ends the stream within that time.
var eventsRecheck = 5 * time.Second

// eventStream relays published events as server-sent events until the
// client leaves, its session or token is revoked or expires, or the server
// shuts down. The guard has already checked the session and refused a
// foreign Origin.
func (s *Server) eventStream(c *fiber.Ctx) error {
	valid := s.credentialCheck(c)
	sub, err := s.events.Subscribe(c.UserContext(), EventsChannel)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Accel-Buffering", "no")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer func() { _ = sub.Close() }()
		s.relay(w, sub.Messages(), valid)
	})
	return nil
}

// credentialCheck returns a function that reports whether the request's
// session cookie or API token still identifies someone. It keeps a copy of
// the credential: the request's memory is reused once the handler returns.
func (s *Server) credentialCheck(c *fiber.Ctx) func(context.Context) bool {
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
		token := strings.Clone(strings.TrimPrefix(h, "Bearer "))
		return func(ctx context.Context) bool {
			id, err := s.auth.TokenIdentity(ctx, token)
			return err == nil && id != nil
		}
	}
	cookie := strings.Clone(c.Cookies(SessionCookie))
	return func(ctx context.Context) bool {
		id, err := s.auth.SessionIdentity(ctx, cookie)
		return err == nil && id != nil
	}
}

// relay writes events and heartbeats until a write fails, the subscription
// ends, the credential is no longer valid or the server is done.
func (s *Server) relay(w *bufio.Writer, msgs <-chan []byte, valid func(context.Context) bool) {
	tick := time.NewTicker(eventsHeartbeat)
	defer tick.Stop()
	recheck := time.NewTicker(eventsRecheck)
	defer recheck.Stop()
	send := func(format string, args ...any) bool {
		fmt.Fprintf(w, format, args...)
		return w.Flush() == nil
	}
	if !send("event: ready\ndata: {}\n\n") {
		return
	}
	for {
		select {
		case m, ok := <-msgs:
			if !ok || !send("data: %s\n\n", m) {
				return
			}
		case <-tick.C:
			if !send(": heartbeat\n\n") {
				return
			}
		case <-recheck.C:
			ctx, cancel := context.WithTimeout(context.Background(), eventsRecheck)
			ok := valid(ctx)
			cancel()
			if !ok {
				send("event: end\ndata: {\"reason\":\"signed out\"}\n\n")
				return
			}
		case <-s.done:
			return
		}
	}
}
